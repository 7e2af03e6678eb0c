"""FactoryParent: a test's parent row made by the parent's helper, its rows made under it."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.factory_tests import FactoryParent


def made(before: str) -> tuple[str, list[str]]:
    t = FactoryParent("item", "create_random_item", ["db"], "create_random_review")
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.unreached


def test_tests_without_the_parent_are_left_alone() -> None:
    before = "def test_x(client, db) -> None:\n    create_random_review(db)\n"
    assert made(before) == (before, [])


def test_the_parent_parameter_becomes_a_call_and_rows_go_under_it() -> None:
    after, unreached = made("""\
        def test_read_reviews(client: TestClient, db: Session, item: Item) -> None:
            \"\"\"Both rows are listed.\"\"\"
            create_random_review(db)
            review = create_random_review(db, item=item)
            response = client.get(f"/items/{item.id}/reviews/")
    """)
    assert after == textwrap.dedent("""\
        def test_read_reviews(client: TestClient, db: Session) -> None:
            \"\"\"Both rows are listed.\"\"\"
            item = create_random_item(db)
            create_random_review(db, item=item)
            review = create_random_review(db, item=item)
            response = client.get(f"/items/{item.id}/reviews/")
    """)
    assert unreached == []


def test_a_test_lacking_what_the_helper_needs_is_named() -> None:
    before = "def test_x(client, item):\n    client.get(f'/items/{item.id}/reviews')\n"
    assert made(before) == (before, ["test_x"])
