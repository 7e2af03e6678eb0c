"""Every fixture takes resources unlike its own: a multi-word name with an optional foreign key,
a unique-only resource, and one with a date, a boolean default and an enum. Each must leave the
project's suite passing with its new tests, and a second run must change nothing."""

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
