"""UrlParentCases: the four tests of the nesting, from the test reading one row by its URL."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.url_cases import UrlParentCases

READ = """\
def test_read_review(client, headers):
    item_id = new_item(client, headers)
    created = client.post(f"{P}/items/{item_id}/reviews/", headers=headers, json={"rating": 3}).json()
    response = client.get(f"{P}/items/{item_id}/reviews/{created['id']}", headers=headers)
    assert response.status_code == 200
"""


def cases(before: str) -> tuple[str, bool]:
    t = UrlParentCases("reviews", "items", "item_id", "999999999", "new_item", "item", "reviews")
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.found


def test_four_tests_from_the_test_reading_one_row() -> None:
    after, found = cases(READ)
    assert found
    assert after == READ + textwrap.dedent("""\


        def test_read_review_of_missing_item_returns_404(client, headers):
            item_id = new_item(client, headers)
            created = client.post(f"{P}/items/{item_id}/reviews/", headers=headers, json={"rating": 3}).json()
            response = client.get(f"{P}/items/999999999/reviews/{created['id']}", headers=headers)
            assert response.status_code == 404


        def test_read_review_of_other_item_returns_404(client, headers):
            item_id = new_item(client, headers)
            other_item_id = new_item(client, headers)
            created = client.post(f"{P}/items/{item_id}/reviews/", headers=headers, json={"rating": 3}).json()
            response = client.get(f"{P}/items/{other_item_id}/reviews/{created['id']}", headers=headers)
            assert response.status_code == 404


        def test_list_reviews_of_missing_item_returns_404(client, headers):
            response = client.get(f"{P}/items/999999999/reviews/", headers=headers)
            assert response.status_code == 404


        def test_list_reviews_of_other_item_leaves_it_out(client, headers):
            item_id = new_item(client, headers)
            other_item_id = new_item(client, headers)
            client.post(f"{P}/items/{item_id}/reviews/", headers=headers, json={"rating": 3}).json()
            own = client.get(f"{P}/items/{item_id}/reviews/", headers=headers)
            other = client.get(f"{P}/items/{other_item_id}/reviews/", headers=headers)
            assert own.status_code == 200
            assert other.status_code == 200
            assert other.json() != own.json()
    """)


def test_once() -> None:
    once, _ = cases(READ)
    assert cases(once)[0] == once


def test_without_a_test_reading_one_row_under_its_parent_nothing_is_found() -> None:
    unnested = READ.replace("/items/{item_id}", "")
    assert cases(unnested) == (textwrap.dedent(unnested), False)
    listing = READ.replace("/{created['id']}", "")
    assert cases(listing)[1] is False
