"""A required foreign key: the generated tests point each row they make at a row of the target,
taken from the target's own conftest fixture; without such a fixture it is refused in one line."""

from __future__ import annotations

from pathlib import Path

from tests.harness import copy_fixture, run_codemod, run_project_tests, snapshot


def test_rows_take_their_required_key_from_the_target_s_fixture(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    args = ("Order", "total:decimal", "status:enum[pending,paid]=pending", "category:fk[Category]", "--filter", "status")
    proc = run_codemod(project, *args)
    assert proc.returncode == 0, proc.stderr
    tests = (project / "tests/test_orders.py").read_text()
    assert '"category_id": category.id' in tests  # the payloads the cloned tests post
    assert "customer_id" not in tests
    query = (project / "tests/test_orders_query.py").read_text()
    assert "category_id=category.id" in query  # --filter's own tests pass it to their row maker
    conftest = (project / "tests/conftest.py").read_text()
    assert "category_id=category.id" in conftest  # the order fixture builds its row with it
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/test_orders.py") > 0 and outcome.passed_in("tests/test_orders_query.py") > 0


def test_without_a_fixture_of_the_target_a_required_key_is_refused(tmp_path: Path) -> None:
    project = copy_fixture("legacy_orm_mode", tmp_path)  # its tests make rows through the API
    before = snapshot(project)
    proc = run_codemod(project, "Order", "total:decimal", "author:fk[Author]")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == (
        "convention error: field 'author': tests for a required fk need a row of Author to point at, and no conftest.py "
        "fixture makes one; mark it optional (author:fk[Author]?) or add such a fixture"
    )
    assert snapshot(project) == before
