"""add_crud end to end, as a user runs it, on a fresh copy of every fixture project.

For `Order total:decimal status:enum[pending,paid]=pending note:text? customer_name:str`:
write mode clones the project's most complete resource (templates where it has none) and changes
exactly the expected files; the app serves list/get/create/update/delete; the project's own suite
and the cloned tests pass; patch mode + `git apply` gives the same tree; a second run
changes nothing; the diff equals the reviewed golden diff in tests/golden/.
Set UPDATE_GOLDEN=1 to rewrite the golden files (then review them with `git diff`).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import tomllib

from tests.harness import ORDER, copy_fixture, run, run_codemod, run_project_tests, snapshot

RESOURCE = ORDER
GOLDEN = Path(__file__).parent / "golden"

# (created, modified) for each project: reviewed, so a change to what the codemod touches shows here.
# Every fixture but users_only has a resource to clone; users_only (users and auth only) gets templates.
EXPECTED_FILES = {
    "seed_async": (
        {
            "app/models/order.py",
            "app/schemas/order.py",
            "app/crud/order.py",
            "app/routers/orders.py",
            "tests/test_orders.py",
        },
        {"app/models/__init__.py", "app/main.py", "tests/conftest.py"},
    ),
    "fullstack_sqlmodel": (
        {
            "app/api/routes/orders.py",
            "tests/api/routes/test_orders.py",
            "tests/api/routes/test_orders_access.py",  # its owner rule, proved across users
            "tests/utils/order.py",
        },
        {"app/models.py", "app/crud.py", "app/api/main.py"},
    ),
    "domain_packages": (
        {
            "src/orders/__init__.py",
            "src/orders/dependencies.py",
            "src/orders/exceptions.py",
            "src/orders/models.py",
            "src/orders/router.py",
            "src/orders/schemas.py",
            "src/orders/service.py",
            "tests/test_orders.py",
        },
        {"src/main.py"},
    ),
    "single_file": (set(), {"main.py", "tests/test_main.py"}),
    "legacy_orm_mode": (
        {"app/routers/orders.py", "tests/test_orders.py"},
        {"app/crud.py", "app/models.py", "app/routers/__init__.py", "app/schemas.py", "tests/factories.py"},
    ),
    "modular_services": (
        {
            "app/modules/orders/__init__.py",
            "app/modules/orders/models.py",
            "app/modules/orders/routes.py",
            "app/modules/orders/schemas.py",
            "app/modules/orders/services.py",
            "tests/modules/test_orders.py",
            "tests/modules/test_orders_access.py",  # its owner rule, proved across users
        },
        {"app/main.py", "tests/conftest.py"},
    ),
    "repository_pg": (
        {
            "app/models/order.py",
            "app/schemas/order.py",
            "app/repositories/order.py",
            "app/api/v1/endpoints/orders.py",
            "alembic/versions/0003_create_orders.py",
            "tests/test_orders.py",
            "tests/test_orders_access.py",  # its owner rule, proved across users
        },
        {
            "app/models/__init__.py",
            "app/repositories/__init__.py",
            "app/api/deps.py",
            "app/api/v1/__init__.py",
            "tests/test_migrations.py",
        },
    ),
    "versioned_envelope": (
        {
            "service/api/v2/orders.py",
            "service/contracts/order.py",
            "service/entities/order.py",
            "service/repos/order.py",
            "tests/api/test_orders.py",
        },
        {"service/api/deps.py", "service/api/v2/__init__.py"},
    ),
    "users_only": (
        {
            "alembic/versions/0002_create_orders.py",
            "app/api/routes/orders.py",
            "app/models/order.py",
            "app/schemas/order.py",
            "tests/api/test_orders.py",
        },
        {"app/api/router.py", "app/models/__init__.py"},
    ),
}
FIXTURES = tuple(sorted(EXPECTED_FILES))
APP_MODULES = {
    "seed_async": "app.main",
    "fullstack_sqlmodel": "app.main",
    "domain_packages": "src.main",
    "single_file": "main",
    "legacy_orm_mode": "app.main",
    "modular_services": "app.main",
    "repository_pg": "app.main",
    "versioned_envelope": "service.main",
    "users_only": "app.main",
}
OPENAPI_SCRIPT = """
import json, sys
module = __import__(sys.argv[1], fromlist=["app"])
paths = module.app.openapi()["paths"]
print(json.dumps(sorted(f"{m.upper()} {p}" for p, ops in paths.items() for m in ops if "orders" in p)))
"""


def _formatter_and_linter_agree(project: Path, files: list[str]) -> None:
    """The project's own formatter (and ruff linter, where configured) accept every file we touched."""
    config = tomllib.loads((project / "pyproject.toml").read_text()).get("tool", {})
    if "ruff" in config:
        for args in (("format", "--check"), ("check",)):
            proc = run(project, sys.executable, "-m", "ruff", *args, *files)
            assert proc.returncode == 0, proc.stdout + proc.stderr
    if "black" in config:
        proc = run(project, sys.executable, "-m", "black", "--check", *files)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def _changes(before: dict[str, bytes], after: dict[str, bytes]) -> tuple[set[str], set[str]]:
    created = set(after) - set(before)
    modified = {p for p in before if p in after and before[p] != after[p]}
    assert not set(before) - set(after), "files were deleted"
    return created, modified


@pytest.mark.parametrize("name", FIXTURES)
def test_write_mode_adds_a_working_resource(name: str, tmp_path: Path) -> None:
    project = copy_fixture(name, tmp_path)
    before = snapshot(project)

    proc = run_codemod(project, *RESOURCE, "--yes")
    assert proc.returncode == 0, proc.stderr
    after = snapshot(project)
    assert _changes(before, after) == EXPECTED_FILES[name]  # everything else is byte-identical

    _formatter_and_linter_agree(
        project, sorted(p for p in set().union(*EXPECTED_FILES[name]) if p.endswith(".py"))
    )

    openapi = run(project, sys.executable, "-c", OPENAPI_SCRIPT, APP_MODULES[name])
    assert openapi.returncode == 0, openapi.stderr
    methods = {op.split()[0] for op in json.loads(openapi.stdout)}
    assert {"GET", "POST", "DELETE"} <= methods and methods & {"PATCH", "PUT"}, openapi.stdout

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    if outcome.skipped and not outcome.passed:
        pytest.skip(f"{name}: its suite skipped (PostgreSQL not reachable); generated code not exercised")
    new_tests = [
        line for line in outcome.output.splitlines() if line.startswith("PASSED ") and "order" in line.lower()
    ]
    assert len(new_tests) >= 5, outcome.explain()  # happy paths, 404, auth or 422: the exemplar's set

    again = run_codemod(project, *RESOURCE, "--yes")
    assert again.returncode == 0, again.stderr
    assert "already exists" in again.stderr
    assert snapshot(project) == after


@pytest.mark.parametrize("name", FIXTURES)
def test_patch_mode_equals_write_mode(name: str, tmp_path: Path) -> None:
    written = copy_fixture(name, tmp_path / "written")
    patched = copy_fixture(name, tmp_path / "patched")
    assert run_codemod(written, *RESOURCE).returncode == 0

    patch = tmp_path / "order.patch"
    before = snapshot(patched)
    proc = run_codemod(patched, *RESOURCE, "--patch", str(patch))
    assert proc.returncode == 0, proc.stderr
    assert snapshot(patched) == before, "--patch must leave the tree untouched"

    applied = run(patched, "git", "apply", "--verbose", str(patch))
    assert applied.returncode == 0, applied.stderr
    assert snapshot(patched) == snapshot(written)


@pytest.mark.parametrize("name", FIXTURES)
def test_dry_run_matches_reviewed_golden_diff(name: str, tmp_path: Path) -> None:
    project = copy_fixture(name, tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *RESOURCE, "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert snapshot(project) == before, "--dry-run must write nothing"
    golden = GOLDEN / f"{name}.diff"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(proc.stdout)
    assert proc.stdout == golden.read_text(), (
        f"output changed; review with UPDATE_GOLDEN=1 and git diff {golden}"
    )


def test_a_partially_present_resource_is_completed(tmp_path: Path) -> None:
    complete = copy_fixture("seed_async", tmp_path / "complete")
    partial = copy_fixture("seed_async", tmp_path / "partial")
    assert run_codemod(complete, *RESOURCE).returncode == 0
    assert run_codemod(partial, *RESOURCE).returncode == 0
    (partial / "app/routers/orders.py").unlink()
    (partial / "app/crud/order.py").write_text(
        (partial / "app/crud/order.py").read_text().split("\n\n\nasync def update_order")[0] + "\n"
    )

    proc = run_codemod(partial, *RESOURCE)
    assert proc.returncode == 0, proc.stderr
    assert "created  app/routers/orders.py" in proc.stderr
    assert snapshot(partial) == snapshot(complete)


def test_an_optional_foreign_key_points_at_the_real_table(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    proc = run_codemod(project, "Shipment", "carrier:str", "category:fk[Category]?")
    assert proc.returncode == 0, proc.stderr
    model = (project / "app/models/shipment.py").read_text()
    assert (
        'category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)'
        in model
    )
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok and outcome.passed_in("tests/test_shipments.py") >= 5, outcome.explain()
