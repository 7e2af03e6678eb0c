"""KeyFromPath: a route reading the parent's key from its payload reads the path's."""

from __future__ import annotations

import libcst as cst

from codemods.clone.nesting.payload import KeyFromPath


def test_only_payload_parameters_of_an_input_class_are_read_so() -> None:
    before = (
        "def create_review(item_id: int, data: ReviewCreate, other: Thing):\n"
        "    check(data.item_id, other.item_id, data.rating)\n"
    )
    after = cst.parse_module(before).visit(KeyFromPath("item_id", {"ReviewCreate"})).code
    assert after == (
        "def create_review(item_id: int, data: ReviewCreate, other: Thing):\n"
        "    check(item_id, other.item_id, data.rating)\n"
    )


def test_without_such_a_read_nothing_changes() -> None:
    before = "def update(data: schemas.ReviewUpdate):\n    return data.rating\n"
    assert cst.parse_module(before).visit(KeyFromPath("item_id", {"ReviewUpdate"})).code == before
