"""A unit cloned into a shared module is formatted with the module, not on its own first.

Where tidying formats the module whole (the project keeps it formatted), formatting the clone
alone before would be a ruff run for nothing: formatting goes statement by statement, so the
module formatted whole holds the clone as formatting it alone would have left it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from textwrap import dedent

import pytest

from codemods import check, formatting
from codemods.clone.chain import Cloning, clone_code
from codemods.clone.field_map import map_fields
from codemods.formatting import FormatStyle, format_code
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from codemods.tidy import formats_whole
from detectors.resources import FieldInfo

RUFF = FormatStyle("ruff", 88, "double", "    ")

# a conftest the project keeps formatted, with the exemplar's fixture in it
CONFTEST = dedent("""\
    import pytest

    from tests.factories import make_customer


    @pytest.fixture
    async def customer(db_session):
        return await make_customer(db_session, {"name": "Ada", "email": "ada@example.com"})
""")
FIXTURE = CONFTEST.split("\n\n\n", 1)[1]


@pytest.fixture(autouse=True)
def nothing_known() -> None:
    """Each test starts with no ruff answer remembered."""
    check._FIXED.clear()
    formatting._MODULES.clear()
    formatting.format_code.cache_clear()


def cloning(name: str) -> Cloning:
    exemplar = tuple(FieldInfo(n, "str", optional=False, unique=False, has_default=False) for n in ("name", "email"))
    spec = parse_resource(name, ["name:str", "email:str"])
    return Cloning(
        ResourceNames.parse("Customer"),
        spec.names,
        map_fields(exemplar, spec.fields),
        "plural",
        fmt=RUFF,
        first_party=frozenset({"tests"}),
        modules=frozenset({"tests.factories"}),
    )


def test_a_module_is_formatted_whole_where_its_text_before_was_formatted() -> None:
    assert formats_whole(CONFTEST, RUFF)
    assert not formats_whole(CONFTEST.replace('"Ada"', "'Ada'"), RUFF)
    assert not formats_whole("def broken(:\n", RUFF)  # a text the formatter refuses is kept as it is


def test_a_unit_formatted_later_is_left_as_cloned_and_the_module_ends_the_same() -> None:
    # the longer name takes the fixture's call past the line length: formatting splits it
    long = cloning("SubscriptionPlanChange")
    alone = clone_code(FIXTURE, long, CONFTEST, "tests/conftest.py", False)
    later = clone_code(FIXTURE, long, CONFTEST, "tests/conftest.py", False, formatted_later=True)
    assert max(map(len, later.code.splitlines())) > 88
    assert max(map(len, alone.code.splitlines())) <= 88
    assert later.code != alone.code
    assert (later.imports, later.dropped) == (alone.imports, alone.dropped)
    assert format_code(f"{CONFTEST}\n\n{later.code}", RUFF) == format_code(f"{CONFTEST}\n\n{alone.code}", RUFF)


def test_a_unit_that_needs_no_formatting_is_the_same_either_way() -> None:
    short = cloning("Review")
    alone = clone_code(FIXTURE, short, CONFTEST, "tests/conftest.py", False)
    assert clone_code(FIXTURE, short, CONFTEST, "tests/conftest.py", False, formatted_later=True) == alone


# the tool, its units formatted alone where ALONE=1 (as before they were formatted later); each
# unit's clone says whether it was left for the module's formatting
_RUN = """
import os, runpy, sys
import codemods.clone.chain as chain
import codemods.clone.plan as plan
if os.environ["ALONE"] == "1":
    plan.formats_whole = lambda habit, fmt: False
finished = chain._finished
def said(job, transformed, cloning, formatted_later=False):
    if not job.whole_module:
        print(f"unit formatted {'later' if formatted_later else 'alone'}", file=sys.stderr, flush=True)
    return finished(job, transformed, cloning, formatted_later)
chain._finished = said
sys.argv[0] = "add-crud"
runpy.run_module("codemods.add_crud", run_name="__main__")
"""


@pytest.mark.parametrize("command", [["Order", "total:decimal"], ["--spec", "spec.toml"]], ids=["one", "batch"])
def test_units_formatted_with_their_module_make_the_plan_formatting_them_alone_makes(tmp_path, command) -> None:
    """End to end, on a project whose conftest keeps a fixture per resource and is formatted: the
    dry-run's diff is the same byte for byte, one resource or a batch."""
    from tests.harness import REPO_ROOT, copy_fixture

    project = copy_fixture("seed_async", tmp_path / "project")
    (project / "spec.toml").write_text(
        '[[resources]]\nname = "Order"\nfields = ["total:decimal"]\n\n'
        '[[resources]]\nname = "SubscriptionPlanChange"\nfields = ["note:str"]\n'
    )
    env = {**os.environ, "ADD_CRUD_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO_ROOT)}
    command = [str(project / c) if c.endswith(".toml") else c for c in command]
    argv = [sys.executable, "-c", _RUN, *command, "--dry-run", "--no-cache", "--project", str(project)]
    runs = {alone: subprocess.run(argv, capture_output=True, text=True, env={**env, "ALONE": alone}, check=True) for alone in "01"}
    assert "+++ b/tests/conftest.py" in runs["0"].stdout
    assert runs["0"].stdout == runs["1"].stdout
    assert "unit formatted later" in runs["0"].stderr and "unit formatted alone" not in runs["0"].stderr
    assert "unit formatted alone" in runs["1"].stderr
