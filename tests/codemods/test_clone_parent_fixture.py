"""OtherRow and CopyFixture: a second parent row for the tests, and a fixture moved in reach."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.fixture import CopyFixture, OtherRow

FIXTURE = """\
    @pytest.fixture
    async def item(db) -> Item:
        item = Item(name="Dune", sku="BOOK-1", stock=5, code=7, tag=f"t{n}")
        return item
"""


def test_without_the_fixture_nothing_changes() -> None:
    t = OtherRow("item", "other_item", {"sku"})
    before = "def test_x():\n    pass\n"
    assert cst.parse_module(before).visit(t).code == before and not t.found


def test_the_copy_follows_with_its_unique_values_changed() -> None:
    t = OtherRow("item", "other_item", {"sku", "code", "tag"})
    after = cst.parse_module(textwrap.dedent(FIXTURE)).visit(t).code
    assert after == textwrap.dedent(FIXTURE) + "\n\n" + textwrap.dedent("""\
        @pytest.fixture
        async def other_item(db) -> Item:
            item = Item(name="Dune", sku="BOOK-1-2", stock=5, code=8, tag=f"t{n}-2")
            return item
    """)
    assert after.count("async def other_item") == 1 and t.found


def test_a_second_run_adds_no_second_copy() -> None:
    once = (
        cst.parse_module(textwrap.dedent(FIXTURE))
        .visit(OtherRow("item", "other_item", {"sku"}))
        .code
    )
    assert cst.parse_module(once).visit(OtherRow("item", "other_item", {"sku"})).code == once


def test_copy_fixture_goes_before_the_first_function_once() -> None:
    fixture = cst.parse_module(textwrap.dedent(FIXTURE)).body[0]
    before = "import pytest\n\npytestmark = pytest.mark.anyio\n\n\ndef test_x():\n    pass\n"
    after = cst.parse_module(before).visit(CopyFixture(fixture)).code
    assert after.index("async def item") < after.index("def test_x") and after.index(
        "pytestmark"
    ) < after.index("async def item")
    assert cst.parse_module(after).visit(CopyFixture(fixture)).code == after
