"""`--methods`: the operations left out are left out everywhere, on cloned and templated resources.

Each case runs the CLI on a fixture, then reads the project back the way the tool reads any
project: the new resource's endpoints offer exactly the operations asked for. The project's
suite, with the new resource's remaining tests, passes; a second run changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detectors import ProjectIndex
from detectors.resources import find_footprints
from tests.harness import copy_fixture, run_codemod, run_project_tests, snapshot

ORDER = ("Order", "total:decimal", "status:enum[pending,paid]=pending")
CASES = {
    "seed_async": "read-only",  # functions data access, cursor pages
    "repository_pg": "list,get,create",  # repository class: its update and delete methods go
    "domain_packages": "read-only",  # service class, exceptions only create used
    "legacy_orm_mode": "read-only",  # parametrized auth test: its cases for the left-out routes go
    "versioned_envelope": "read-only",  # URLs in a module constant, tests in a class
    "single_file": "list,get,create,update",  # everything in one module
    "users_only": "read-only",  # nothing to clone: the templates' output gets the same treatment
}


def _ops(project: Path) -> set[str]:
    order = next(f for f in find_footprints(ProjectIndex(project)) if f.model == "Order")
    return set(order.ops)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_resource_offers_only_the_methods_asked_for(name: str, tmp_path: Path) -> None:
    project = copy_fixture(name, tmp_path)
    methods = CASES[name]
    proc = run_codemod(project, *ORDER, "--methods", methods, "--yes")
    assert proc.returncode == 0, proc.stderr
    wanted = {"list", "get"} if methods == "read-only" else set(methods.split(","))
    assert _ops(project) == wanted
    assert "left out (--methods" in proc.stderr
    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()

    after = snapshot(project)
    again = run_codemod(project, *ORDER, "--methods", methods, "--yes")
    assert again.returncode == 0 and "already exists" in again.stderr, again.stderr
    assert snapshot(project) == after


def test_an_operation_the_exemplar_lacks_is_refused_with_the_reason(tmp_path: Path) -> None:
    # modular_services' User offers only GET /me: cloning it cannot give a delete endpoint
    project = copy_fixture("modular_services", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *ORDER, "--like", "User", "--methods", "list,get,delete", "--yes")
    assert proc.returncode == 2
    error = proc.stderr.strip().splitlines()[-1]
    assert "User, the resource to clone, has no" in error and "delete" in error, proc.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("value", ["everything", "list,destroy", "update", ""])
def test_a_bad_methods_value_is_one_line_and_exit_2(value: str, tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    proc = run_codemod(project, *ORDER, "--methods", value, "--yes")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--methods" in proc.stderr, proc.stderr
