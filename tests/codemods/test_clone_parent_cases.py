"""ParentCases: the tests of the nesting, written from the clone's own test reading a row."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.cases import ParentCases

MODULE = """\
    @pytest.mark.asyncio
    async def test_get_review(client: AsyncClient, headers: dict, review: Review) -> None:
        response = await client.get(f"/items/{review.item_id}/reviews/{review.id}", headers=headers)
        assert response.status_code == 200
        assert response.json()["id"] == review.id
"""


def cases(before: str) -> tuple[str, bool]:
    t = ParentCases(
        "reviews", "items", "review", "other_item", "Item", "999999999", "reviews", "item"
    )
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.found


def test_without_a_test_reading_a_row_nothing_is_added() -> None:
    before = 'def test_list(client, item):\n    client.get(f"/items/{item.id}/reviews")\n'
    assert cases(before) == (before, False)


def test_four_tests_follow_in_the_test_s_own_style() -> None:
    after, found = cases(MODULE)
    added = after[len(textwrap.dedent(MODULE)) :]
    assert found
    assert added == textwrap.dedent("""\


        @pytest.mark.asyncio
        async def test_get_review_of_missing_item_returns_404(client: AsyncClient, headers: dict, review: Review) -> None:
            response = await client.get(f"/items/999999999/reviews/{review.id}", headers=headers)
            assert response.status_code == 404


        @pytest.mark.asyncio
        async def test_get_review_of_other_item_returns_404(client: AsyncClient, headers: dict, review: Review, other_item: Item) -> None:
            response = await client.get(f"/items/{other_item.id}/reviews/{review.id}", headers=headers)
            assert response.status_code == 404


        @pytest.mark.asyncio
        async def test_list_reviews_of_missing_item_returns_404(client: AsyncClient, headers: dict, review: Review) -> None:
            response = await client.get("/items/999999999/reviews", headers=headers)
            assert response.status_code == 404


        @pytest.mark.asyncio
        async def test_list_reviews_of_other_item_leaves_it_out(client: AsyncClient, headers: dict, review: Review, other_item: Item) -> None:
            own = await client.get(f"/items/{review.item_id}/reviews", headers=headers)
            other = await client.get(f"/items/{other_item.id}/reviews", headers=headers)
            assert own.status_code == 200
            assert other.status_code == 200
            assert other.json() != own.json()
    """)


def test_a_second_run_adds_nothing() -> None:
    once, _ = cases(MODULE)
    assert cases(once)[0] == once
