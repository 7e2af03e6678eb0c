"""`--pagination`: the value parsed once, and no choice leaving the plan alone."""

from __future__ import annotations

import pytest

from codemods.errors import SpecError
from codemods.option_values import PaginationChoice, parse_pagination
from codemods.pagination import with_pagination
from codemods.plan import Plan


@pytest.mark.parametrize("text", ["cursor", "offset", "page", "none", " cursor "])
def test_each_style_parses(text: str) -> None:
    assert parse_pagination(text) == PaginationChoice(text.strip())


@pytest.mark.parametrize("text", ["", "keyset", "Cursor", "page:20"])
def test_anything_else_is_one_line_naming_the_styles(text: str) -> None:
    with pytest.raises(SpecError, match="not one of cursor, offset, page, none"):
        parse_pagination(text)


def test_no_choice_leaves_the_plan_alone() -> None:
    plan = Plan.__new__(Plan)
    assert with_pagination(plan, None, None, None, None) == (plan, [])
