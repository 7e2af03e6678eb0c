"""FactoryParent: a test's parent row made by the parent's helper, its rows made under it."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.factory_tests import FactoryParent
from codemods.clone.row_makers import Keyword


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


def test_a_helper_taking_an_optional_parent_row_is_left_alone() -> None:
    # required_fk's helpers make their own row when given none: not a test asking for a fixture
    before = "def create_order(db, item=None, **overrides):\n    if item is None:\n        item = create_random_item(db)\n"
    assert made(before) == (before, [])


def test_a_test_lacking_what_the_helper_needs_asks_for_it_when_the_parent_s_tests_do() -> None:
    t = FactoryParent("item", "create_random_item", ["db"], "create_random_review", frozenset({"db"}))
    after = cst.parse_module("def test_create(client, item):\n    client.post(f'/items/{item.id}/reviews/')\n").visit(t).code
    assert after.startswith("def test_create(client, db):\n    item = create_random_item(db)\n") and t.unreached == []
    without = FactoryParent("item", "create_random_item", ["db"], "create_random_review")
    cst.parse_module("def test_create(client, item):\n    pass\n").visit(without)
    assert without.unreached == ["test_create"]


def test_the_row_helper_asked_for_the_parent_leaves_it_to_parent_for_factory() -> None:
    # NestTestUrls asked for `item` where the helper builds its row; the helper takes it optionally
    after, unreached = made("def create_random_review(db, item, **overrides):\n    return Review(item_id=item.id)\n")
    assert after == "def create_random_review(db, **overrides):\n    return Review(item_id=item.id)\n" and unreached == []


def test_the_parent_is_made_with_what_the_test_s_row_shares_with_it() -> None:
    # the row belongs to normal_user: its parent too, or the parent's owner check answers 403
    t = FactoryParent("item", "create_random_item", ["db"], "create_random_review", accepts=frozenset({"owner_id"}))
    after = cst.parse_module(
        "def test_update(client, normal_user, db, item):\n"
        "    review = create_random_review(db, owner_id=normal_user.id, item=item, rating=local)\n"
    ).visit(t).code
    assert "    item = create_random_item(db, owner_id=normal_user.id)\n" in after


def test_a_parent_found_among_the_user_s_rows_is_made_the_user_s_as_its_tests_make_it() -> None:
    owner = (Keyword("owner_id", "user.id", ("user",)),)
    t = FactoryParent("item", "create_random_item", ["db"], "create_random_review", frozenset({"db"}), signed_in=owner)
    after = cst.parse_module("def test_read(client, db, item):\n    create_random_review(db)\n").visit(t).code
    assert after == "def test_read(client, db, user):\n    item = create_random_item(db, owner_id=user.id)\n    create_random_review(db, item=item)\n"
    # a helper, which cannot ask pytest for `user`, is named
    helper = FactoryParent("item", "create_random_item", ["db"], "create_random_review", signed_in=owner)
    cst.parse_module("def make(db, item):\n    pass\n").visit(helper)
    assert helper.unreached == ["make"]
