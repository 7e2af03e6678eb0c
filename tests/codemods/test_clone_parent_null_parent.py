"""DropNullParentTests: tests expecting a row without its parent go, nested rows always have one."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.null_parent import DropNullParentTests

TESTS = """\
def test_unassigns(client, warehouse):
    client.delete(f"/warehouses/{warehouse['id']}")
    assert client.get(URL).json()["data"]["warehouse_id"] is None


def test_unassigns_the_row(row):
    assert row.warehouse_id is None


def test_get(client):
    assert client.get(URL).json()["data"]["rating"] is None


class TestReviews:
    def test_cleared(self, review):
        assert review["warehouse_id"] is None

    def test_kept(self, review):
        assert review["warehouse_id"] is not None
"""


def dropped(functions: set[str]) -> tuple[str, list[str]]:
    t = DropNullParentTests("warehouse_id", frozenset(functions))
    return cst.parse_module(TESTS).visit(t).code, t.dropped


def test_tests_asserting_the_key_is_none_go() -> None:
    after, gone = dropped(
        {"test_unassigns", "test_unassigns_the_row", "test_get", "test_cleared", "test_kept"}
    )
    assert gone == ["test_unassigns", "test_unassigns_the_row", "test_cleared"]
    assert after == textwrap.dedent("""\
        def test_get(client):
            assert client.get(URL).json()["data"]["rating"] is None


        class TestReviews:
            def test_kept(self, review):
                assert review["warehouse_id"] is not None
    """)


def test_tests_not_named_stay() -> None:
    assert dropped({"test_get"}) == (TESTS, [])


def test_a_class_left_without_tests_keeps_a_body() -> None:
    before = "class TestReviews:\n    def test_cleared(self, review):\n        assert review.warehouse_id is None\n"
    t = DropNullParentTests("warehouse_id", frozenset({"test_cleared"}))
    assert cst.parse_module(before).visit(t).code == "class TestReviews:\n    pass\n"
