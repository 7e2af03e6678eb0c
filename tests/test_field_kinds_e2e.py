"""Discriminated unions and computed fields end to end on real fixture projects.

Each fixture gets `add-crud Order` with KINDS. Its own suite then runs with the generated tests
(the create test checks the computed values; a case per union posts an unknown `type` and gets
422) and a probe module (tests/probes/field_kinds_NAME.py); a second run finds nothing to change.
seed_async clones in pydantic 2, users_only is written from templates, legacy_orm_mode writes
pydantic 1 schemas: its union is written in the form pydantic 1.9 reads too, its computed field
is refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.harness import (
    REPO_ROOT,
    SuiteOutcome,
    copy_fixture,
    run_codemod,
    run_project_tests,
    snapshot,
)

UNION = ("payment:union[card{last4:str(4..4)},transfer{iban:str}]",)
COMPUTED = ("@total=qty*price", '@label=name+"!"')
KINDS = ("Order", "name:str", "qty:int(1..)", "price:decimal", *UNION, *COMPUTED)
TEST_MODULES = {"seed_async": "tests/test_orders.py", "users_only": "tests/api/test_orders.py"}


def passed(outcome: SuiteOutcome, test_id: str) -> bool:
    """Whether one test passed (the run needs `-rA`)."""
    return f"PASSED {test_id}" in outcome.output.splitlines()


@pytest.mark.parametrize("name", ["seed_async", "users_only"])
def test_unions_and_computed_fields_work_end_to_end_and_a_second_run_changes_nothing(
    name: str, tmp_path: Path
) -> None:
    project = copy_fixture(name, tmp_path)
    proc = run_codemod(project, *KINDS, "--yes")
    assert proc.returncode == 0, proc.stderr
    generated = TEST_MODULES[name]
    tests = (project / generated).read_text()
    assert '["total"]' in tests and '["label"]' in tests
    assert '"payment": {"type": "unknown"}' in tests
    shutil.copy(
        REPO_ROOT / "tests" / "probes" / f"field_kinds_{name}.py",
        project / "tests" / "test_kind_probes.py",
    )

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert passed(outcome, f"{generated}::test_create_order_payment_of_unknown_type"), (
        outcome.explain()
    )
    assert passed(outcome, f"{generated}::test_create_order"), outcome.explain()
    assert outcome.passed_in("tests/test_kind_probes.py") == 5, outcome.explain()

    before = snapshot(project)
    again = run_codemod(project, *KINDS, "--yes")
    assert again.returncode == 0, again.stderr
    assert snapshot(project) == before


def test_pydantic_1_gets_the_union_and_refuses_the_computed_field(tmp_path: Path) -> None:
    project = copy_fixture("legacy_orm_mode", tmp_path)
    before = snapshot(project)
    refused = run_codemod(project, *KINDS, "--yes")
    assert refused.returncode == 2
    assert (
        "@computed_field needs pydantic 2" in refused.stderr and "Traceback" not in refused.stderr
    )
    assert (
        refused.stderr.strip()
        .splitlines()[-1]
        .startswith("convention error: computed field 'total'")
    )
    assert snapshot(project) == before

    fields = KINDS[: -len(COMPUTED)]
    proc = run_codemod(project, *fields, "--yes")
    assert proc.returncode == 0, proc.stderr
    schemas = (project / "app" / "schemas.py").read_text()
    assert (
        'OrderPayment = Annotated[\n    Union[OrderPaymentCard, OrderPaymentTransfer], Field(discriminator="type")\n]'
        in schemas
    )
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert passed(outcome, "tests/test_orders.py::test_create_order_payment_of_unknown_type"), (
        outcome.explain()
    )
    again = run_codemod(project, *fields, "--yes", "--check")
    assert again.returncode == 0, again.stderr


def test_sqlmodel_s_public_class_gets_the_computed_fields(tmp_path: Path) -> None:
    """fullstack_sqlmodel reads rows without from_attributes: OrderPublic carries them."""
    project = copy_fixture("fullstack_sqlmodel", tmp_path)
    fields = ("Order", "title:str", "qty:int", "price:decimal", "@total=qty*price")
    proc = run_codemod(project, *fields, "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "def total(self) -> Decimal:" in (project / "app" / "models.py").read_text()
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert passed(outcome, "tests/api/routes/test_orders.py::test_create_order"), outcome.explain()
    assert run_codemod(project, *fields, "--yes", "--check").returncode == 0


@pytest.mark.parametrize(
    "field, reason",
    [
        pytest.param(
            "payment:union[card{last4:str}]", "a union needs two variants or more", id="one-variant"
        ),
        pytest.param("@total=qty**2", "only + - * / over the resource's fields", id="power"),
        pytest.param("@total=__import__('os').getcwd()", "is not allowed", id="call"),
        pytest.param(
            "@total=missing*2", "'missing' is not a field of the resource", id="unknown-field"
        ),
    ],
)
def test_a_field_kind_the_grammar_refuses_is_one_line_exit_2_and_nothing_written(
    field: str, reason: str, tmp_path: Path
) -> None:
    project = copy_fixture("users_only", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, "Order", "qty:int", field, "--yes")
    assert proc.returncode == 2
    assert reason in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert snapshot(project) == before
