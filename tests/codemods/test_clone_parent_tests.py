"""NestTestUrls: the clone's tests request its URLs under a parent, and its rows have one."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.tests import NestTestUrls


def nested(before: str) -> str:
    t = NestTestUrls("reviews", "items", "item_id", "review", "item", "Item", "Review")
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after


def test_code_without_the_clone_s_urls_or_rows_is_left_alone() -> None:
    before = 'def test_items(client):\n    client.get("/items")\n    client.get("/reviewsx")\n'
    assert nested(before) == before


def test_a_test_with_the_row_fixture_requests_under_the_row_s_parent() -> None:
    before = 'def test_get(client, review: Review):\n    client.get(f"/api/reviews/{review.id}")\n'
    assert nested(before) == (
        'def test_get(client, review: Review):\n    client.get(f"/api/items/{review.item_id}/reviews/{review.id}")\n'
    )


def test_another_test_gets_the_parent_fixture_typed_like_its_neighbours() -> None:
    before = 'def test_create(client: Client):\n    client.post("/reviews", json={"rating": 3})\n'
    assert nested(before) == (
        "def test_create(client: Client, item: Item):\n"
        '    client.post(f"/items/{item.id}/reviews", json={"rating": 3})\n'
    )


def test_a_parent_key_the_payload_wrote_as_a_number_is_written_into_the_url() -> None:
    before = 'def test_unknown(client):\n    client.post("/reviews", json={"rating": 3, "item_id": 9999})\n'
    assert (
        nested(before)
        == 'def test_unknown(client):\n    client.post("/items/9999/reviews", json={"rating": 3})\n'
    )


def test_the_parent_a_payload_named_is_the_one_requested_under() -> None:
    before = 'def test_unknown(client):\n    client.post("/reviews/", json={"item_id": other.id})\n'
    assert (
        nested(before)
        == 'def test_unknown(client):\n    client.post(f"/items/{other.id}/reviews/", json={})\n'
    )


def test_a_fixture_building_a_row_gives_it_the_parent() -> None:
    before = "async def review(db):\n    return Review(rating=3)\n"
    assert (
        nested(before)
        == "async def review(db, item):\n    return Review(rating=3, item_id=item.id)\n"
    )


def test_a_decorator_s_urls_take_a_literal_key_no_fixture_reaches_there() -> None:
    before = '@pytest.mark.parametrize("url", ["/reviews/1"])\ndef test_auth(client, url):\n    client.get(url)\n'
    assert nested(before) == (
        '@pytest.mark.parametrize("url", ["/items/999999999/reviews/1"])\ndef test_auth(client, url):\n    client.get(url)\n'
    )


def test_urls_outside_functions_are_listed_not_nested() -> None:
    t = NestTestUrls("reviews", "items", "item_id", "review", "item", "Item", "Review")
    before = 'URL = "/api/reviews"\n'
    assert cst.parse_module(before).visit(t).code == before and t.outside == ["/api/reviews"]


def test_functions_the_plan_does_not_add_keep_their_payloads() -> None:
    # another resource's helper sends the same key (a required `item_id`): not the clone's to nest
    before = 'def create_order(db):\n    return {"total": 1, "item_id": item.id}\n\n\ndef test_create_review(client):\n    client.post("/reviews", json={"rating": 3, "item_id": 1})\n'
    t = NestTestUrls("reviews", "items", "item_id", None, "item", None, "Review", functions=frozenset({"test_create_review"}))
    after = cst.parse_module(before).visit(t).code
    assert 'return {"total": 1, "item_id": item.id}' in after
    assert 'json={"rating": 3})' in after
