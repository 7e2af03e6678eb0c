"""Choosing the exemplar (`--like EXEMPLAR`) and `--verify`, as a user runs them, on fresh fixture copies.

For `Order total:decimal status:enum[pending,paid]=pending note:text? customer_name:str`:
the command exits 0, the project's own suite and the cloned tests pass (more tests than before),
patch mode + `git apply` gives the write-mode tree, and a second run changes nothing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.harness import ORDER, copy_fixture, run_codemod, run_project_tests, snapshot

RESOURCE = ORDER
# `--like` names an exemplar other than the default choice (seed_async would clone Category).
EXEMPLARS = {"seed_async": "Item", "fullstack_sqlmodel": "Project"}
CASES = list(EXEMPLARS)


@pytest.mark.parametrize("name", CASES)
def test_cloned_resource_works_and_second_run_changes_nothing(name: str, tmp_path: Path) -> None:
    project = copy_fixture(name, tmp_path)
    baseline = run_project_tests(project)
    before = snapshot(project)

    proc = run_codemod(project, *RESOURCE, "--like", EXEMPLARS[name], "--yes")
    assert proc.returncode == 0, proc.stderr
    assert f"exemplar {EXEMPLARS[name]}" in proc.stderr
    after = snapshot(project)
    assert after != before

    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()
    if outcome.skipped and not outcome.passed:
        pytest.skip(f"{name}: its suite skipped (PostgreSQL not reachable)")
    assert outcome.passed > baseline.passed, outcome.explain()

    again = run_codemod(project, *RESOURCE, "--like", EXEMPLARS[name], "--yes")
    assert again.returncode == 0, again.stderr
    assert "already exists" in again.stderr
    assert snapshot(project) == after


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("name", ["seed_async"])
def test_cloned_patch_applies_to_the_write_mode_tree(name: str, tmp_path: Path) -> None:
    written = copy_fixture(name, tmp_path / "written")
    patched = copy_fixture(name, tmp_path / "patched")
    assert run_codemod(written, *RESOURCE, "--like", EXEMPLARS[name], "--yes").returncode == 0
    patch = tmp_path / "order.patch"
    proc = run_codemod(patched, *RESOURCE, "--like", EXEMPLARS[name], "--patch", str(patch))
    assert proc.returncode == 0, proc.stderr
    applied = subprocess.run(["git", "apply", str(patch)], cwd=patched, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert snapshot(patched) == snapshot(written)


def test_like_names_an_unknown_resource_in_one_line(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *RESOURCE, "--like", "Nope", "--yes")
    assert proc.returncode == 2
    assert "--like Nope: no such resource" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert snapshot(project) == before


def test_verify_writes_only_what_passes_in_a_scratch_copy(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    proc = run_codemod(project, "Order", "total:decimal", "--verify", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "verified in a scratch copy: the app imports, 1 test module(s) pass" in proc.stderr
    assert (project / "app/routers/orders.py").is_file()


def test_verify_refuses_a_change_whose_tests_fail(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    # an exemplar test that fails once cloned: the clone has other columns than Category's five
    tests = project / "tests/test_categories.py"
    tests.write_text(
        tests.read_text()
        + "\n\ndef test_category_columns():\n    assert len(Category.__table__.columns) == 5\n"
    )
    before = snapshot(project)
    proc = run_codemod(project, "Order", "total:decimal", "--verify", "--yes")
    assert proc.returncode == 2
    assert "verify failed, nothing written: generated tests fail" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert snapshot(project) == before


def test_an_exemplar_without_tests_gets_tests_written_from_its_routes(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    (project / "tests/test_categories.py").unlink()  # Category keeps only its conftest fixture
    proc = run_codemod(project, "Order", "total:decimal", "note:text?", "--like", "Category", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "tests written from the routes (create, get, list, update)" in proc.stderr
    assert "untested (no fixture signs in the user they need): delete_order" in proc.stderr
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok and outcome.passed_in("tests/test_orders.py") == 7, outcome.explain()


def test_a_clone_that_would_overwrite_another_module_is_refused(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    (project / "app/routers/widgets.py").write_text("router = None\n")  # not a Widget resource
    before = snapshot(project)
    proc = run_codemod(project, "Widget", "size:int", "--yes")
    assert proc.returncode == 2
    assert "app/routers/widgets.py already exists and is not Widget's" in proc.stderr
    assert snapshot(project) == before


def test_a_module_that_does_not_decode_is_never_the_exemplar(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    router = project / "app/routers/categories.py"  # valid Python, declared latin-1, not UTF-8
    router.write_bytes(("# -*- coding: latin-1 -*-\n# café\n" + router.read_text()).encode("latin-1"))
    proc = run_codemod(project, "Order", "total:decimal", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "could not parse app/routers/categories.py" in proc.stderr
    assert "exemplar Item" in proc.stderr
    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()


def test_a_module_the_dropped_fields_emptied_is_cloned_still_where_another_clone_imports_it(tmp_path: Path) -> None:
    """Item's schemas name the model only in a validator of `name`: Order, without `name`, keeps
    nothing that spells it there, yet its router imports OrderCreate from the schema module."""
    project = copy_fixture("seed_async", tmp_path)
    schemas = project / "app/schemas/item.py"
    text = schemas.read_text().replace("from pydantic import BaseModel, ConfigDict, Field\n", "from pydantic import BaseModel, ConfigDict, Field, field_validator\n")
    validator = (
        '    @field_validator("name")\n    @classmethod\n    def name_not_blank(cls, value: str) -> str:\n'
        '        if not value.strip():\n            raise ValueError("Item name cannot be blank")\n        return value\n'
    )
    schemas.write_text(text.replace("    category_id: int\n\n\nclass ItemUpdate", f"    category_id: int\n\n{validator}\n\nclass ItemUpdate", 1))
    proc = run_codemod(project, "Order", "total:decimal", "--like", "Item", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "not cloned: app/schemas/item.py" not in proc.stderr
    assert "class OrderCreate(BaseModel)" in (project / "app/schemas/order.py").read_text()
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok and outcome.passed_in("tests/test_orders.py") > 0, outcome.explain()


def test_a_registry_in_another_resources_module_gains_the_new_resources_member(tmp_path: Path) -> None:
    """The Permission enum lives in the users' model module and keeps a member per resource;
    Item's router names its own: the clone's `Permission.VIEW_ORDERS` exists once it is wired."""
    project = copy_fixture("seed_async", tmp_path)
    users = project / "app/models/user.py"
    users.write_text(
        "import enum\n" + users.read_text()
        + '\n\nclass Permission(str, enum.Enum):\n    VIEW_USERS = "view_users"\n    VIEW_ITEMS = "view_items"\n'
    )
    router = project / "app/routers/items.py"
    text = router.read_text().replace("from app.models import Item, User\n", "from app.models import Item, User\nfrom app.models.user import Permission\n")
    router.write_text(text.replace("\nrouter = ", "\nREAD_PERMISSION = Permission.VIEW_ITEMS\n\nrouter = ", 1))
    proc = run_codemod(project, "Order", "total:decimal", "--like", "Item", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert '    VIEW_ITEMS = "view_items"\n    VIEW_ORDERS = "view_orders"\n' in users.read_text()
    assert "READ_PERMISSION = Permission.VIEW_ORDERS" in (project / "app/routers/orders.py").read_text()
    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()
