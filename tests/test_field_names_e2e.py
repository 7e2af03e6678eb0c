"""A new resource whose fields are named as the exemplar's, of another kind or asked otherwise.

Each exemplar field's name comes back with another kind (`name:int` where the exemplar's name is
text) or another shape (nullable, unique, a default): the exemplar's field is dropped under a
stand-in name and the new one written afresh (codemods/clone/field_map.py), payloads take samples
of the new kind, and the project's own suite passes with the generated tests; a second run
changes nothing. A field kept from an exemplar that validates it (modular_services' `url`, an
absolute http(s) URL) is posted by the tests written from the routes with a value the
exemplar's tests send, not a made-up sample.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import copy_fixture, run_codemod, run_project_tests, snapshot

CASES = {
    "seed_async": ("name:int", "description:bool"),
    "repository_pg": ("project_id:int", "title:int", "body:str", "is_pinned:str"),  # body was text
    "versioned_envelope": ("reference:int", "weight_kg:str", "status:str", "warehouse_id:int"),
    "domain_packages": ("name:str!", "sku:str?", "stock:int=5", "is_active:bool?"),
    "modular_services": ("url:str", "title:str(..20)", "notes:json?"),  # url kept, and validated
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fields_named_as_the_exemplar_s_of_another_kind_work(name: str, tmp_path: Path) -> None:
    project = copy_fixture(name, tmp_path)
    proc = run_codemod(project, "Gadget", *CASES[name], "--yes", "--allow-dirty")
    assert proc.returncode == 0, proc.stderr
    outcome = run_project_tests(project, "-rA")
    # repository_pg's suite runs against PostgreSQL and skips every test without it; any other
    # project's suite skipping everything is a failure below
    if name == "repository_pg" and outcome.skipped and not outcome.passed:
        pytest.skip(f"{name}: PostgreSQL not reachable on 127.0.0.1:5432")
    assert outcome.ok, outcome.explain()
    assert sum(1 for line in outcome.output.splitlines() if line.startswith("PASSED") and "gadget" in line) >= 5
    after = snapshot(project)
    again = run_codemod(project, "Gadget", *CASES[name], "--yes", "--allow-dirty")
    assert again.returncode == 0, again.stderr
    assert snapshot(project) == after
