"""Every fixture takes resources unlike its own: a multi-word name with an optional foreign key,
a unique-only resource, one asking a field of the exemplar's name with other constraints, and
one with a date, a boolean default and an enum. Each must leave the
project's suite passing with its new tests, and a second run must change nothing. A field cloned
under a new name (Customer's `name` as Review's `body`) leaves the new revision running."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import copy_fixture, run_codemod, run_project_tests, snapshot

PARENTS = {  # a model each fixture's new resource may point at
    "seed_async": "Category",
    "fullstack_sqlmodel": "Project",
    "domain_packages": "Product",
    "single_file": "Author",
    "legacy_orm_mode": "Author",
    "modular_services": "Collection",
    "repository_pg": "Project",
    "versioned_envelope": "Warehouse",
    "users_only": "User",
}
SPECS = {
    "multi-word-with-fk": lambda parent: (
        "LineItem",
        "quantity:int",
        "price:decimal",
        f"parent:fk[{parent}]?",
    ),
    "unique-only": lambda parent: ("Tag", "name:str!"),
    # an exemplar's required `name` (most fixtures') is asked nullable: written afresh
    "nullable-name": lambda parent: ("Label", "name:str?", "code:str!"),
    "date-bool-enum": lambda parent: (
        "Invoice",
        "number:str!",
        "issued:date",
        "paid:bool=false",
        "kind:enum[a,b]",
    ),
}


@pytest.mark.parametrize("spec", sorted(SPECS))
@pytest.mark.parametrize("name", sorted(PARENTS))
def test_an_unlike_resource_leaves_the_project_working(
    name: str, spec: str, tmp_path: Path
) -> None:
    project = copy_fixture(name, tmp_path)
    args = SPECS[spec](PARENTS[name])
    proc = run_codemod(project, *args, "--yes")
    assert proc.returncode == 0, proc.stderr
    after = snapshot(project)

    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()

    again = run_codemod(project, *args, "--yes")
    assert again.returncode == 0 and "already exists" in again.stderr, again.stderr
    assert snapshot(project) == after


@pytest.mark.parametrize("nesting", [(), ("--parent", "Customer")], ids=["top-level", "nested"])
def test_a_field_cloned_under_a_new_name_leaves_the_migrations_running(
    nesting: tuple[str, ...], tmp_path: Path
) -> None:
    # Customer's `name` becomes Review's `body`; the revision's `name=` and `table_name=` are
    # alembic's own keywords and stay, or `alembic upgrade` refuses the revision
    project = copy_fixture("repository_pg", tmp_path)
    made = run_codemod(project, "Customer", "name:str", "--yes")
    assert made.returncode == 0, made.stderr
    proc = run_codemod(project, "Review", "body:str", *nesting, "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "exemplar Customer" in proc.stderr and "field name -> body" in proc.stderr, proc.stderr
    revision = next((project / "alembic/versions").glob("*_create_reviews.py")).read_text()
    assert 'sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews"))' in revision
    assert 'table_name="reviews"' in revision and "body=" not in revision

    outcome = run_project_tests(project, "-rA")
    if outcome.skipped and not outcome.passed_in("tests/test_migrations.py"):
        pytest.skip(
            "repository_pg: PostgreSQL not reachable on 127.0.0.1:5432 (the project's tests skipped)"
        )
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/test_migrations.py") >= 1, outcome.explain()
