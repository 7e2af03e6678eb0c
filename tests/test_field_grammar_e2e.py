"""The extended field grammar end to end: bounds, lists and objects on real fixture projects.

Each fixture gets `add-crud Order` with GRAMMAR. Then its own suite runs with the generated tests
and a probe module (tests/probes/grammar_NAME.py) that posts values on and past every bound,
lists left out and objects round-tripped; and a second run finds nothing to change. seed_async
clones in pydantic 2 spellings, legacy_orm_mode in pydantic 1 spellings (constr, orm_mode,
@validator), users_only has nothing to clone and is written from templates.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.harness import REPO_ROOT, copy_fixture, run_codemod, run_project_tests

GRAMMAR = (
    "Order",
    # legacy_orm_mode: kept from the exemplar's name, narrowed; seed_async: written afresh (the
    # exemplar's name is unique, this one is not)
    "name:str(3..80)",
    "qty:int(1..)",
    "price:decimal(0..1000)",
    "ratio:float(0..1)?",
    "tags:list[str]",
    "scores:list[int]?",
    "address:object{street:str(..80),city:str,floor:int?}",
)
FIXTURES = ("seed_async", "legacy_orm_mode", "users_only")


@pytest.mark.parametrize("name", FIXTURES)
def test_the_grammar_works_end_to_end_and_a_second_run_changes_nothing(
    name: str, tmp_path: Path
) -> None:
    project = copy_fixture(name, tmp_path)
    proc = run_codemod(project, *GRAMMAR, "--yes")
    assert proc.returncode == 0, proc.stderr
    shutil.copy(
        REPO_ROOT / "tests" / "probes" / f"grammar_{name}.py",
        project / "tests" / "test_grammar_probes.py",
    )

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/test_grammar_probes.py") == 11, outcome.explain()

    again = run_codemod(project, *GRAMMAR, "--yes", "--check")
    assert again.returncode == 0, again.stderr


def test_a_short_maximum_moves_the_cloned_test_values_inside_it(tmp_path: Path) -> None:
    """The exemplar's tests send "Games" and loop over ("Audio", "Garden", "Tools") for its
    unique name (asked unique, as the exemplar's is: kept): cut to fit."""
    project = copy_fixture("seed_async", tmp_path)
    proc = run_codemod(
        project, "Order", "name:str(..4)!", "qty:int(10..20)=15", "price:decimal(..5)?", "--yes"
    )
    assert proc.returncode == 0, proc.stderr
    assert "String(4)" in (project / "app" / "models" / "order.py").read_text()
    tests = (project / "tests" / "test_orders.py").read_text()
    assert '"Audi", "Gard", "Tool"' in tests and '"Games"' not in tests
    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()


def test_a_helper_s_made_up_text_is_cut_to_a_short_maximum(tmp_path: Path) -> None:
    """fullstack_sqlmodel's helpers name a row `random_lower_string()`, 32 letters: kept for a
    name of at most 20, the text is cut, `random_lower_string()[:20]`."""
    project = copy_fixture("fullstack_sqlmodel", tmp_path)
    proc = run_codemod(project, "Gadget", "name:str(1..20)!", "size:int", "--yes", "--allow-dirty")
    assert proc.returncode == 0, proc.stderr
    assert "random_lower_string()[:20]" in (project / "tests" / "utils" / "gadget.py").read_text()
    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()


@pytest.mark.parametrize(
    "field, reason",
    [
        pytest.param("qty:int(1..)=0", "default 0, below the minimum 1", id="default-outside"),
        pytest.param(
            "due:list[date]", "list items must be one of str, int, float, bool", id="list-of-dates"
        ),
        pytest.param("address:object{geo:object{lat:float}}", "nothing nested", id="nested-object"),
        pytest.param(
            "flag:bool(0..1)", "type bool takes no (min..max) bounds", id="bounds-on-bool"
        ),
    ],
)
def test_a_field_the_grammar_refuses_is_one_line_exit_2_and_nothing_written(
    field: str, reason: str, tmp_path: Path
) -> None:
    project = copy_fixture("users_only", tmp_path)
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    proc = run_codemod(project, "Order", field, "--yes")
    assert proc.returncode == 2
    assert reason in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before
