"""`--action`: a state transition endpoint with tests of its own, on cloned and templated resources.

`cancel:status=cancelled` is made from the resource's update route (it finds, guards and saves
the row as the project's update does); `archive` (no change) from its read route, marked for the
developer. The generated action tests run in the project's own suite: the change applied and
kept, 404 for a missing row, and a refusal without credentials where the route asks for them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detectors import ProjectIndex
from detectors.resources import find_footprints
from tests.harness import copy_fixture, run_codemod, run_project_tests, snapshot

ORDER = ("Order", "total:decimal", "status:enum[pending,paid,cancelled]=pending")
ACTIONS = ("--action", "cancel:status=cancelled", "--action", "archive")
CASES = {
    "seed_async": "tests/test_orders_actions.py",  # functions data access, JWT dependency per route
    "repository_pg": "tests/test_orders_actions.py",  # repository class, UUID keys, PostgreSQL
    "legacy_orm_mode": "tests/test_orders_actions.py",  # `schemas.OrderUpdate`, pydantic 1
    "versioned_envelope": "tests/api/test_orders_actions.py",  # rows in an envelope, auth on the router
    "users_only": "tests/api/test_orders_actions.py",  # templates
}

# where `--action archive` puts its service function: beside the lookup the read route calls
SERVICE = {
    "seed_async": "app/crud/order.py",  # a function of the data-access module, after get_order
    "repository_pg": "app/repositories/order.py",  # a method of the repository class
    "legacy_orm_mode": "app/crud.py",  # the shared crud module
    # versioned_envelope: the route returns an envelope, not the row: the route is marked instead
    # users_only: templates query inline: a private function beside the route
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_actions_work_in_the_project(name: str, tmp_path: Path) -> None:
    project = copy_fixture(name, tmp_path)
    proc = run_codemod(project, *ORDER, *ACTIONS, "--yes")
    assert proc.returncode == 0, proc.stderr
    order = next(f for f in find_footprints(ProjectIndex(project)) if f.model == "Order")
    posted = {(method, path.rsplit("/", 1)[-1]) for method, path, _, _ in order.routes}
    assert {("POST", "cancel"), ("POST", "archive")} <= posted
    # archive's service function, where the lookup lives; or the route itself, marked
    service = project / (SERVICE.get(name) or order.routes[0][2])
    assert "TODO(add-crud): make archive change the order" in service.read_text()

    outcome = run_project_tests(project, "-rA")
    if outcome.skipped and not outcome.passed:
        pytest.skip(f"{name}: PostgreSQL not reachable on 127.0.0.1:5432")
    assert outcome.ok, outcome.explain()
    # the change applied and kept, 404 for each action
    assert outcome.passed_in(CASES[name]) >= 4, outcome.explain()
    assert f"PASSED {CASES[name]}::test_cancel_order" in outcome.output

    after = snapshot(project)
    again = run_codemod(project, *ORDER, *ACTIONS, "--yes")
    assert again.returncode == 0 and "already exists" in again.stderr, again.stderr
    assert snapshot(project) == after


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--action", "cancel:status=gone"), "not a valid enum"),
        (("--action", "delete"), "other than list"),
        (("--action", "cancel:status=cancelled", "--methods", "read-only"), "no update endpoint"),
    ],
)
def test_bad_actions_are_one_line_and_exit_2(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *ORDER, *args, "--yes")
    assert proc.returncode == 2 and message in proc.stderr.strip().splitlines()[-1], proc.stderr
    assert snapshot(project) == before
