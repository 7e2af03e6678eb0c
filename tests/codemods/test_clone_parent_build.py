"""builds_row / with_key: a call building the clone's row, given the parent's key."""

from __future__ import annotations

import libcst as cst
import pytest

from codemods.clone.nesting.build import builds_row, row_builders, with_key


def keyed(code: str, value: str | None = None) -> str:
    call = cst.parse_expression(code)
    assert isinstance(call, cst.Call)
    after = cst.Module([]).code_for_node(with_key(call, "Review", "item_id", value))
    cst.parse_expression(after)
    return after


@pytest.mark.parametrize(
    "code",
    [
        "ReviewCreate(rating=3)",
        "Review.model_validate(data)",
        "crud.get(Review, 1)",
        "Other.x(update={})",
    ],
)
def test_other_calls_build_no_row(code: str) -> None:
    assert not builds_row(_call(code), "Review")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("Review(**data)", "Review(item_id=item_id, **data)", id="constructor"),
        pytest.param(
            "models.Review(rating=3)", "models.Review(rating=3, item_id=item_id)", id="module"
        ),
        pytest.param(
            'Review.model_validate(data, update={"owner_id": 1})',
            'Review.model_validate(data, update={"owner_id": 1, "item_id": item_id})',
            id="update-dict",
        ),
        pytest.param(
            "Review.model_validate(data, update={})",
            'Review.model_validate(data, update={"item_id": item_id})',
            id="empty-update",
        ),
        pytest.param(
            "Review(item_id=item_id, **data)", "Review(item_id=item_id, **data)", id="once"
        ),
        pytest.param(
            'Review.model_validate(d, update={"item_id": item_id})',
            'Review.model_validate(d, update={"item_id": item_id})',
            id="once-update",
        ),
    ],
)
def test_the_row_gets_the_key(before: str, after: str) -> None:
    assert builds_row(_call(before), "Review")
    assert keyed(before) == after


def test_the_key_takes_a_given_value() -> None:
    assert keyed("Review(rating=3)", "item.id") == "Review(rating=3, item_id=item.id)"


def test_row_builders_are_the_named_functions_building_a_row() -> None:
    module = cst.parse_module(
        "def create_review(s, data):\n"
        '    return Review.model_validate(data, update={"a": 1})\n'
        "def read_review(s, id):\n    return s.get(Review, id)\n"
        "def create_other(s):\n    return Review()\n"
    )
    assert row_builders(module, "Review", {"create_review", "read_review"}) == {"create_review"}


def _call(code: str) -> cst.Call:
    call = cst.parse_expression(code)
    assert isinstance(call, cst.Call)
    return call
