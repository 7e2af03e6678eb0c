"""`--filter` and `--sort` end to end: query parameters of the list route, applied where its query
is built, on cursor (async), offset, page-dependency and inline-query projects, and through a
method the new repository inherits from the project's shared base (its own copy is filtered).

The generated tests run in the project's own suite: each filter returns exactly the matching
rows, ranges bound both ways, each sort key orders both ways with ties by id, paging under a
filter neither skips nor repeats a row, and an unknown sort key is a 422. A keyset cursor only
holds in its own order, so `--sort` there is refused in one line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import FIXTURES, ORDER, copy_fixture, run_codemod, run_project_tests, snapshot

FILTER = ("--filter", "status,customer_name,total")
CASES = {
    # name: (options, the generated test module, how many of its tests must pass)
    "seed_async": (FILTER, "tests/test_orders_query.py", 5),  # keyset cursor, async functions
    "legacy_orm_mode": (  # skip/limit, a legacy Query chain, pydantic 1
        ("--filter", "status,total", "--sort=-total,customer_name"),
        "tests/test_orders_query.py",
        7,
    ),
    "domain_packages": (  # page/size from a dependency class, a service class with a count
        (*FILTER, "--sort", "created_at,-total"),
        "tests/test_orders_query.py",
        8,
    ),
    "fullstack_sqlmodel": (  # SQLModel, the query inline in the route, fields on a base class
        (*FILTER, "--sort=-total,customer_name"),
        "tests/api/routes/test_orders_query.py",
        8,
    ),
    "users_only": (  # templates (no resource to clone), Alembic, a list without pagination
        (*FILTER, "--sort=-total,customer_name"),
        "tests/api/test_orders_query.py",
        7,
    ),
    "repository_pg": (
        FILTER,
        "tests/test_orders_query.py",
        5,
    ),  # repository class, Alembic, PostgreSQL
    # the list reads through a shared generic base's page_after: the clone's repository gets its
    # own copy to filter; the cursor is nested in the envelope's meta
    "versioned_envelope": (FILTER, "tests/api/test_orders_query.py", 5),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_filters_and_sort_work_in_the_project(name: str, tmp_path: Path) -> None:
    options, module, count = CASES[name]
    project = copy_fixture(name, tmp_path)
    proc = run_codemod(project, *ORDER, *options, "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "filters on" in proc.stderr and "indexed in the model: status" in proc.stderr, (
        proc.stderr
    )
    if name in ("repository_pg", "users_only"):
        revision = next((project / "alembic" / "versions").glob("*_create_orders.py")).read_text()
        assert '"ix_orders_total"' in revision and '"ix_orders_customer_name"' in revision

    outcome = run_project_tests(project, "-rA")
    if outcome.skipped and not outcome.passed:
        pytest.skip(f"{name}: PostgreSQL not reachable on 127.0.0.1:5432")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in(module) >= count, outcome.explain()
    if name != "users_only":  # its list has no pages to walk through
        paged = f"PASSED {module}::test_pages_of_filtered_orders_neither_skip_nor_repeat"
        assert paged in outcome.output, outcome.explain()

    if name == "versioned_envelope":  # the base every resource's repository shares is left alone
        for path in ("service/repos/base.py", "service/repos/shipment.py"):
            assert (project / path).read_bytes() == (FIXTURES / name / path).read_bytes(), path
        assert "def page_after(" in (project / "service/repos/order.py").read_text()

    after = snapshot(project)
    again = run_codemod(project, *ORDER, *options, "--yes")
    assert again.returncode == 0, again.stderr
    assert snapshot(project) == after


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--filter", "colour"), "colour is not a field of Order"),
        (("--sort", "colour"), "colour is not a column of Order"),
        (("--sort", "created_at"), "keyset cursor over its fixed order (Order.id)"),
        (("--filter", "status", "--methods", "get,create"), "no list endpoint"),
    ],
)
def test_bad_values_are_one_line_and_exit_2(
    args: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *ORDER, *args, "--dry-run", "--yes")
    assert proc.returncode == 2 and message in proc.stderr.strip().splitlines()[-1], proc.stderr
    assert len([line for line in proc.stderr.splitlines() if "error" in line]) == 1
    assert snapshot(project) == before
