"""with_param: a parameter added to a definition, keeping the layout of its parameters."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.function_params import with_param


def added(before: str) -> str:
    func = cst.parse_statement(textwrap.dedent(before))
    assert isinstance(func, cst.FunctionDef)
    after = cst.Module([with_param(func, "status", "Optional[str]", "None")]).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


def test_a_parameter_of_that_name_is_not_added_twice() -> None:
    before = "def f(status: str = 'x'):\n    pass\n"
    assert added(before) == before


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("def f(db, *, limit: int = 100):\n    pass\n",
                     "def f(db, *, limit: int = 100, status: Optional[str] = None):\n    pass\n", id="one-line"),
        pytest.param(  # the line break before `)` follows the new last parameter
            "def f(\n    self, db, *, limit: int = 100\n) -> list:\n    pass\n",
            "def f(\n    self, db, *, limit: int = 100, status: Optional[str] = None\n) -> list:\n    pass\n",
            id="wrapped-without-trailing-comma",
        ),
        pytest.param(
            "def f(\n    db,\n    *,\n    limit: int = 100,\n):\n    pass\n",
            "def f(\n    db,\n    *,\n    limit: int = 100,\n    status: Optional[str] = None,\n):\n    pass\n",
            id="one-a-line",
        ),
    ],
)
def test_the_parameter_goes_last_in_the_layout_of_the_others(before: str, after: str) -> None:
    assert added(before) == after
