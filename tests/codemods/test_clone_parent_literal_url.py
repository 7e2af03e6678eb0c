"""URLs written out, nested under a parent row, their parent's key swapped, cut to the collection."""

from __future__ import annotations

import libcst as cst
import pytest

from codemods.clone.nesting.literal_url import (
    collection,
    names_segment,
    nest_url,
    tail_after,
    with_parent,
)


def code(node: cst.BaseExpression | None) -> str | None:
    return None if node is None else cst.Module([]).code_for_node(node)


def url(text: str) -> cst.BaseExpression:
    return cst.parse_expression(text)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('f"{P}/reviews/{key}"', 'f"{P}/items/{item_id}/reviews/{key}"'),
        ('"/reviews/"', 'f"/items/{item_id}/reviews/"'),
        ("'/api/reviews?limit=1'", "f'/api/items/{item_id}/reviews?limit=1'"),
        ('f"{P}/items/{item_id}/reviews/"', None),  # nested already
        ('"/items/999/reviews/"', None),
        ('f"{P}/reviewsx/"', None),  # not the segment
        ('"/items/"', None),
    ],
)
def test_nest_url(before: str, after: str | None) -> None:
    assert code(nest_url(url(before), "reviews", "items", "item_id")) == after


def test_a_literal_key_is_written_into_the_text() -> None:
    assert (
        code(nest_url(url('"/reviews/"'), "reviews", "items", "999", True))
        == '"/items/999/reviews/"'
    )
    assert (
        code(nest_url(url('f"{P}/reviews/{k}"'), "reviews", "items", "999", True))
        == 'f"{P}/items/999/reviews/{k}"'
    )


def test_with_parent_swaps_the_parent_s_key_only() -> None:
    nested = url("f\"{P}/items/{item_id}/reviews/{created['id']}\"")
    assert (
        code(with_parent(nested, "reviews", "items", "other_item_id"))
        == "f\"{P}/items/{other_item_id}/reviews/{created['id']}\""
    )
    assert (
        code(with_parent(nested, "reviews", "items", "999", True))
        == "f\"{P}/items/999/reviews/{created['id']}\""
    )
    assert with_parent(url('f"{P}/reviews/{k}"'), "reviews", "items", "x") is None


def test_collection_and_its_tail() -> None:
    row = url('f"{P}/items/{item_id}/reviews/{key}"')
    assert code(collection(row, "reviews", "/")) == 'f"{P}/items/{item_id}/reviews/"'
    assert code(collection(row, "reviews", "")) == 'f"{P}/items/{item_id}/reviews"'
    assert tail_after(url('f"{P}/items/{item_id}/reviews/"'), "reviews") == "/"
    assert tail_after(url('"/reviews"'), "reviews") == ""
    assert tail_after(row, "reviews") is None


def test_names_segment_reads_the_written_text() -> None:
    assert names_segment(url('f"{P}/reviews/{k}"'), "reviews")
    assert not names_segment(url('f"{reviews}/x"'), "reviews")
    assert not names_segment(url("b'/reviews'"), "reviews")
