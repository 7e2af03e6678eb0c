"""`--pagination cursor|offset|page|none`: the new resource's list pages the asked way, end to end.

Each case runs the CLI on a fresh fixture copy, then the project's own suite with the generated
tests: the pages neither skip nor repeat a row, a page size past the bound is a 422, a forged
cursor is a 4xx, an unpaged list answers every row. A second run changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import copy_fixture, run_codemod, run_project_tests, snapshot

ORDER = ("Order", "total:decimal", "customer_name:str")
SORTED = ("--sort=-total,customer_name", "--filter", "customer_name")
CONFIG = ("config",)
CASES = [
    # (fixture, style, more flags, the generated test module, how many tests it holds, the helper written)
    # offset-paged SQLModel project, list envelope ItemsPublic(data, count): next_cursor joins it
    ("fullstack_sqlmodel", "cursor", (), "tests/api/routes/test_orders_pages.py", 3, "app/core/cursor_pages.py"),
    # a bare list: the next cursor goes in the X-Next-Cursor header; the keyset follows the sort
    # (-total: the rows the tests make all tie on it), and test_orders_query.py pages through it
    ("legacy_orm_mode", "cursor", SORTED, "tests/test_orders_pages.py", 3, "app/cursor_pages.py"),
    # a list of every row today, in a single-module app; asked in [tool.add_crud], not by the flag
    ("single_file", "page", CONFIG, "tests/test_orders_pages.py", 2, None),
    # a keyset on the id today, its envelope's next_cursor dropped (has_more stays)
    ("seed_async", "offset", (), "tests/test_orders_pages.py", 2, None),
    ("fullstack_sqlmodel", "none", (), "tests/api/routes/test_orders_pages.py", 1, None),
]


@pytest.mark.parametrize(
    ("name", "style", "more", "tests", "count", "helper"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_pagination_works_in_the_project(
    name: str, style: str, more: tuple[str, ...], tests: str, count: int, helper: str | None, tmp_path: Path
) -> None:
    project = copy_fixture(name, tmp_path)
    if more == CONFIG:
        with (project / "pyproject.toml").open("a") as config:
            config.write(f'\n[tool.add_crud]\npagination = "{style}"\n')
    asked = () if more == CONFIG else ("--pagination", style, *more)
    proc = run_codemod(project, *ORDER, *asked, "--yes")
    assert proc.returncode == 0, proc.stderr
    assert f"--pagination {style}: list_orders " in proc.stderr or f"--pagination {style}: read_orders " in proc.stderr
    if helper is not None:
        assert f"cursor helper written: {helper}" in proc.stderr

    outcome = run_project_tests(project, "-rA")
    assert outcome.passed and not _failures(outcome.output), outcome.explain()
    assert outcome.passed_in(tests) == count, outcome.explain()
    if more == SORTED:
        assert outcome.passed_in(tests.replace("_pages", "_query")) >= 4, outcome.explain()

    after = snapshot(project)
    again = run_codemod(project, *ORDER, *asked, "--yes")
    assert again.returncode == 0, again.stderr
    assert snapshot(project) == after


def _failures(output: str) -> list[str]:
    """The failing tests, but for the ownership tests --rbac writes (`*_access.py`): they are
    another option's, and fail on fullstack_sqlmodel with or without --pagination."""
    return [
        line for line in output.splitlines()
        if line.startswith(("FAILED ", "ERROR ")) and "_access.py::" not in line
    ]


def test_the_exemplars_own_style_is_nothing_to_do(tmp_path: Path) -> None:
    project = copy_fixture("fullstack_sqlmodel", tmp_path)
    same = run_codemod(project, *ORDER, "--pagination", "offset", "--dry-run", "--yes")
    assert same.returncode == 0, same.stderr
    said = [line for line in same.stderr.splitlines() if "--pagination offset" in line]
    assert len(said) == 1 and "already pages that way" in said[0], same.stderr
    assert ".offset(skip)" in same.stdout and "cursor_pages" not in same.stdout


def test_an_unsupported_shape_is_refused_in_one_line(tmp_path: Path) -> None:
    """seed_async's lists page by a keyset on the id: unpaging one (its `limit + 1`) is not built."""
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *ORDER, "--pagination", "none", "--yes")
    last = proc.stderr.strip().splitlines()[-1]
    assert proc.returncode == 2 and "--pagination none: list_orders pages by cursor" in last, proc.stderr
    assert snapshot(project) == before
