"""The interview, driven through a pseudo-terminal: each round answered, the plan confirmed or not,
and no question at all without a terminal or with --yes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from codemods.add_crud.interview import ROUNDS
from tests.harness import REPO_ROOT, copy_fixture, run_project_tests, snapshot

pexpect = pytest.importorskip("pexpect")

DOWN, ENTER, SPACE = "\x1b[B", "\r", " "


def _spawn(project: Path, *args: str):
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), TERM="xterm")
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # no cursor-position queries left unanswered by pexpect
    env["NO_COLOR"] = "1"  # the plan's lines as plain text
    env.pop("PYTEST_ADDOPTS", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "codemods.add_crud", *args],
        cwd=str(project),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 250),  # wide enough that no prompt wraps
    )


def _answer(child, prompt: str, keys: str) -> None:
    child.expect_exact(prompt)
    child.send(keys)


def _keep_access(child) -> None:
    """The access round answered with the project's way: its auth, the exemplar's access control."""
    _answer(child, "Authentication:", ENTER)
    _answer(child, "Access control:", ENTER)


def _keep_listing(child) -> None:
    """The listing round answered with the project's way: its pagination, no filter, no sort, no cache."""
    _answer(child, "Pagination:", ENTER)
    _answer(child, "Filter the list", ENTER)
    _answer(child, "Sort keys", ENTER)
    _answer(child, "Caching:", ENTER)


def _finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_rounds_are_an_ordered_registry() -> None:
    assert [r.key for r in ROUNDS] == ["resource", "fields", "access", "listing"]


def test_each_round_answered_writes_the_resource_and_the_project_suite_passes(
    tmp_path: Path,
) -> None:
    project = copy_fixture("seed_async", tmp_path)
    child = _spawn(project)  # no name, no fields: every choice is asked
    _answer(child, "Resource name", "Order" + ENTER)
    _answer(child, "Operations:", ENTER)  # crud, the first choice
    child.expect_exact("like Category (detected: most complete resource")  # the detected one first
    _answer(child, "like Item", DOWN + ENTER)
    _answer(child, "Field 1", "total:money" + ENTER)
    child.expect_exact("unknown type 'money'")  # checked as typed, and asked again
    child.send("\x15" + "total:decimal" + ENTER)  # ctrl-u clears the line
    _answer(child, "Field 2", "status:enum[pending,paid]=pending" + ENTER)
    _answer(child, "Field 3", "total:int" + ENTER)
    child.expect_exact("field 'total' is given twice")
    child.send("\x15" + "note:text?" + ENTER)
    _answer(child, "Field 4", ENTER)
    child.expect_exact("Authentication:")
    _answer(child, "existing (detected: jwt_bearer via get_current_user)", ENTER)  # the detected way first
    child.expect_exact("Access control:")
    _answer(child, "as the exemplar does (detected: role via require_role)", DOWN + ENTER)  # ownership
    child.expect_exact("Pagination:")
    _answer(child, "cursor (detected: the exemplar's)", ENTER)
    _answer(child, "Filter the list by fields (total, status, note)", "colour" + ENTER)
    child.expect_exact("is not a field of Order")  # checked as typed against the fields just given
    child.send("\x15" + "status" + ENTER)
    _answer(child, "Sort keys", ENTER)  # none: the project's cursor keeps its order
    _answer(child, "Caching:", DOWN * 2 + ENTER)  # memory
    child.expect_exact("  like=Item (asked)")  # said on stderr like a flag would be
    child.expect_exact("  rbac=ownership (asked)")
    child.expect_exact("  filters=status (asked)")
    child.expect_exact("app/routers/orders.py  (cloned from app/routers/items.py")  # the plan
    _answer(child, "Apply this plan?", ENTER)  # yes is the default
    child.expect_exact("added Order:")
    assert _finish(child) == 0
    created = {"app/crud/order.py", "app/models/order.py", "app/routers/orders.py"}
    created |= {"app/schemas/order.py", "tests/test_orders.py"}
    assert all((project / path).is_file() for path in created)
    model = (project / "app/models/order.py").read_text()
    assert "total" in model and "OrderStatus" in model and "note" in model
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/test_orders.py") > 0


def test_a_name_that_is_a_model_without_endpoints_offers_serving_that_model_first(tmp_path: Path) -> None:
    from tests.test_from_model_e2e import _add_model

    project = copy_fixture("seed_async", tmp_path)
    _add_model("seed_async", project)  # Supplier: a model, no endpoints yet
    child = _spawn(project)
    _answer(child, "Resource name", "Supplier" + ENTER)
    _answer(child, "Operations:", DOWN + ENTER)  # read-only
    child.expect_exact("endpoints for the existing model Supplier (app/models/supplier.py)")
    _answer(child, "a new resource from fields", ENTER)  # the first choice: the model
    child.expect_exact("the fields are Supplier's columns")  # round 2 has nothing to ask
    _keep_access(child)
    _keep_listing(child)
    child.expect_exact("fields read from app/models/supplier.py:Supplier")
    _answer(child, "Apply this plan?", ENTER)
    child.expect_exact("added Supplier:")
    assert _finish(child) == 0
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok and outcome.passed_in("tests/test_suppliers.py") > 0, outcome.explain()


def test_answering_no_writes_nothing(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    child = _spawn(project, "Order", "--methods", "crud")  # methods decided: not asked
    _answer(child, "Resource kind:", ENTER)
    _answer(child, "Field 1", "qty:int" + ENTER)
    _answer(child, "Field 2", ENTER)
    _keep_access(child)
    _keep_listing(child)
    _answer(child, "Apply this plan?", "n")
    child.expect_exact("nothing was written")
    assert _finish(child) == 0
    assert "Operations:" not in child.before
    assert snapshot(project) == before


def test_a_custom_list_of_operations_is_checked_as_chosen(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    child = _spawn(project, "Order", "--plan", "--like", "Item")
    _answer(child, "Operations:", DOWN + DOWN + ENTER)  # a custom list
    # every operation starts checked; unchecking get alone leaves update and delete without it
    _answer(child, "Operations to offer:", DOWN + SPACE + ENTER)
    child.expect_exact("update and delete need get")  # and asked again, every operation checked
    _answer(child, "Operations to offer:", DOWN * 3 + SPACE + DOWN + SPACE + ENTER)
    _answer(child, "Field 1", "qty:int" + ENTER)
    _answer(child, "Field 2", ENTER)
    _keep_access(child)
    _keep_listing(child)
    child.expect_exact("  methods=list,get,create (asked)")
    assert _finish(child) == 0


def test_roles_are_asked_by_name_and_checked(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    child = _spawn(project, "Order", "--methods", "crud", "--like", "Item", "--plan")
    _answer(child, "Field 1", "qty:int" + ENTER)
    _answer(child, "Field 2", ENTER)
    _answer(child, "Authentication:", ENTER)
    _answer(child, "Access control:", DOWN * 2 + ENTER)  # roles
    _answer(child, "Roles allowed", "admin,2nd" + ENTER)
    child.expect_exact("'2nd' is not a role name")
    child.send("\x15" + "admin" + ENTER)
    _keep_listing(child)
    child.expect_exact("  rbac=role:admin (asked)")
    assert _finish(child) == 0


def test_without_auth_the_access_round_offers_adding_it_and_asks_no_roles(tmp_path: Path) -> None:
    project = copy_fixture("single_file", tmp_path)
    child = _spawn(project, "Order", "--methods", "crud", "--like", "Author", "--plan")
    _answer(child, "Field 1", "qty:int" + ENTER)
    _answer(child, "Field 2", ENTER)
    child.expect_exact("Authentication:")
    _answer(child, "none (detected: the project has no auth)", ENTER)  # keep none: no caller to give roles to
    child.expect_exact("Pagination:")
    assert "Access control:" not in child.before
    child.send(ENTER)
    _answer(child, "Filter the list", ENTER)
    _answer(child, "Sort keys", ENTER)
    _answer(child, "Caching:", ENTER)
    child.expect_exact("exemplar Author")
    assert _finish(child) == 0


def test_config_decides_a_choice_so_it_is_not_asked(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + '\n[tool.add_crud]\nlike = "Item"\n')
    child = _spawn(project, "Order", "--plan")
    _answer(child, "Operations:", ENTER)
    _answer(child, "Field 1", ENTER)  # none: name:str
    _keep_access(child)
    _keep_listing(child)
    child.expect_exact("exemplar Item (--like Item")
    assert _finish(child) == 0
    assert "Resource kind:" not in child.before and "Apply this plan?" not in child.before


def _without_a_terminal(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.run(
        [sys.executable, "-m", "codemods.add_crud", *args],
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,  # a run that waited for an answer would end here
        check=False,
    )


def test_without_a_terminal_nothing_is_asked(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    proc = _without_a_terminal(project, "Order", "--dry-run")  # the defaults: name:str, crud
    assert proc.returncode == 0, proc.stderr
    assert "+++ b/app/routers/orders.py" in proc.stdout and "Operations:" not in proc.stderr
    proc = _without_a_terminal(project)  # and a missing name is the usual one-line error
    assert proc.returncode == 2
    assert (
        proc.stderr == "add-crud: error: the following arguments are required: name (see --help)\n"
    )


def test_with_yes_a_terminal_is_not_asked_either(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    child = _spawn(project, "Order", "--yes", "--plan")
    child.expect_exact("exemplar Category")
    assert _finish(child) == 0
    assert "Operations:" not in child.before and "Field 1" not in child.before
