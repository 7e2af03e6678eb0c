"""LookupByKey: the parent found by its key where its item route finds it by another column."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.clone.nesting.lookup_key import LookupByKey, variable_uses


def by_key(before: str) -> tuple[str, int]:
    t = LookupByKey("name", "id", "Tier", {"id", "name"})
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.rewritten


@pytest.mark.parametrize(
    "before",
    [
        pytest.param("db_tier = await crud_tiers.get(db=db, id=tier_id)\n", id="by-the-key"),
        pytest.param("tier = await db.get(Tier, name)\n", id="positional"),
        pytest.param("tier = rows.filter(Other.name == name)\n", id="another-model"),
        pytest.param("tier = crud.get(db, title=name)\n", id="not-a-column"),
    ],
)
def test_lookups_naming_no_other_column_are_left_alone(before: str) -> None:
    assert by_key(before) == (before, 0)


def test_a_keyword_filter_and_a_comparison_read_the_key() -> None:
    after, rewritten = by_key("""\
        db_tier = await crud_tiers.get(db=db, schema_to_select=TierRead, name=name)
        tier = (await db.execute(select(Tier).where(Tier.name == name))).scalar_one_or_none()
    """)
    assert after == textwrap.dedent("""\
        db_tier = await crud_tiers.get(db=db, schema_to_select=TierRead, id=name)
        tier = (await db.execute(select(Tier).where(Tier.id == name))).scalar_one_or_none()
    """)
    assert rewritten == 2


def test_variable_uses_leave_out_attributes_keywords_and_parameters() -> None:
    code = cst.parse_module("def f(name):\n    g(name=row.name, other=name)\n    return name\n")
    assert variable_uses(code, "name") == 2
