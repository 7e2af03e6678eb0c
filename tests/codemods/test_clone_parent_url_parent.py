"""ParentThroughUrl: tests writing URLs out make their parent through its create URL first."""

from __future__ import annotations

import textwrap
from dataclasses import replace

import libcst as cst

from codemods.clone.nesting.route_parent import RouteMaker
from codemods.clone.nesting.url_parent import ParentThroughUrl

MAKER = RouteMaker(
    "new_item", "Item", "create_item", '{"title": "title one"}', 200, "id", True, None
)

BEFORE = """\
def test_read_review(client: TestClient, headers: Dict[str, str]) -> None:
    created = client.post(f"{settings.API_V1_STR}/reviews/", headers=headers, json={"rating": 3}).json()
    url = f"{settings.API_V1_STR}/reviews/{created['id']}"
    assert client.get(url, headers=headers).status_code == 200


def test_read_reviews_requires_authentication(client: TestClient) -> None:
    response = client.get(f"{settings.API_V1_STR}/reviews/")
    assert response.status_code == 401


def test_other(client):
    assert client.get("/items/").status_code == 200
"""


def nested(before: str, maker: RouteMaker = MAKER, functions=None) -> tuple[str, list[str]]:
    t = ParentThroughUrl(maker, "reviews", "items", "item_id", "999999999", functions)
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.unreached


def test_each_test_makes_its_parent_and_requests_under_it() -> None:
    after, unreached = nested(BEFORE)
    assert after == textwrap.dedent('''\
        def new_item(client, headers):
            """A Item made through its create route, as the tests make their rows; its key."""
            made = client.post(f"{settings.API_V1_STR}/items/", json={"title": "title one"}, headers=headers)
            assert made.status_code == 200, made.text
            return made.json()["id"]


        def test_read_review(client: TestClient, headers: Dict[str, str]) -> None:
            item_id = new_item(client, headers)
            created = client.post(f"{settings.API_V1_STR}/items/{item_id}/reviews/", headers=headers, json={"rating": 3}).json()
            url = f"{settings.API_V1_STR}/items/{item_id}/reviews/{created['id']}"
            assert client.get(url, headers=headers).status_code == 200


        def test_read_reviews_requires_authentication(client: TestClient) -> None:
            response = client.get(f"{settings.API_V1_STR}/items/999999999/reviews/")
            assert response.status_code == 401


        def test_other(client):
            assert client.get("/items/").status_code == 200
    ''')
    assert unreached == []


def test_a_second_pass_changes_nothing() -> None:
    once, _ = nested(BEFORE)
    assert nested(once)[0] == once


def test_only_the_clone_s_tests_are_nested() -> None:
    after, _ = nested(BEFORE, functions=frozenset({"test_other"}))
    assert after == BEFORE


def test_a_test_sending_no_credentials_to_a_signed_in_create_is_unreached() -> None:
    before = BEFORE.replace(", headers=headers", "")
    _, unreached = nested(before)
    assert unreached == ["test_read_review"]
    after, unreached = nested(before, replace(MAKER, signed_in=False))
    assert unreached == [] and "item_id = new_item(client)\n" in after
