"""MadeParentCases: the tests of the nesting, where each test makes its parent with a helper."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.made_cases import MadeParentCases

MODULE = """\
    async def test_get_review(client: AsyncClient, auth_headers: dict[str, str]) -> None:
        customer = await create_customer(client, auth_headers)
        review = await create_review(client, auth_headers, customer=customer)

        response = await client.get(f"/api/customers/{customer['id']}/reviews/{review['id']}", headers=auth_headers)

        assert response.status_code == 200
        assert response.json() == review
"""


def cases(before: str) -> tuple[str, bool]:
    t = MadeParentCases(
        "reviews",
        "customers",
        "customer",
        '"00000000-0000-0000-0000-000000000000"',
        "reviews",
        "customer",
    )
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    compile(after, "after", "exec")
    return after, t.found


def test_four_tests_follow_their_parents_made_as_the_test_makes_its_own() -> None:
    after, found = cases(MODULE)
    assert found
    assert after[len(textwrap.dedent(MODULE)) :] == textwrap.dedent("""\


        async def test_get_review_of_missing_customer_returns_404(client: AsyncClient, auth_headers: dict[str, str]) -> None:
            customer = await create_customer(client, auth_headers)
            review = await create_review(client, auth_headers, customer=customer)
            response = await client.get(f"/api/customers/00000000-0000-0000-0000-000000000000/reviews/{review['id']}", headers=auth_headers)
            assert response.status_code == 404


        async def test_get_review_of_other_customer_returns_404(client: AsyncClient, auth_headers: dict[str, str]) -> None:
            customer = await create_customer(client, auth_headers)
            other_customer = await create_customer(client, auth_headers)
            review = await create_review(client, auth_headers, customer=customer)
            response = await client.get(f"/api/customers/{other_customer['id']}/reviews/{review['id']}", headers=auth_headers)
            assert response.status_code == 404


        async def test_list_reviews_of_missing_customer_returns_404(client: AsyncClient, auth_headers: dict[str, str]) -> None:
            response = await client.get("/api/customers/00000000-0000-0000-0000-000000000000/reviews", headers=auth_headers)
            assert response.status_code == 404


        async def test_list_reviews_of_other_customer_leaves_it_out(client: AsyncClient, auth_headers: dict[str, str]) -> None:
            customer = await create_customer(client, auth_headers)
            other_customer = await create_customer(client, auth_headers)
            await create_review(client, auth_headers, customer=customer)
            own = await client.get(f"/api/customers/{customer['id']}/reviews", headers=auth_headers)
            other = await client.get(f"/api/customers/{other_customer['id']}/reviews", headers=auth_headers)
            assert own.status_code == 200
            assert other.status_code == 200
            assert other.json() != own.json()
    """)


def test_a_second_pass_adds_nothing() -> None:
    once, _ = cases(MODULE)
    assert cases(once) == (once, True)


def test_without_a_test_reading_a_row_under_a_parent_it_made_nothing_is_added() -> None:
    for before in (
        # the parent is a fixture, not made here
        (
            "async def test_get_review(client, customer):\n"
            "    response = await client.get(f\"/customers/{customer['id']}/reviews/1\")\n"
        ),
        # made, but the row is read under another parent's key
        (
            "async def test_get_review(client, h):\n    customer = await create_customer(client, h)\n"
            "    response = await client.get(f\"/customers/{other['id']}/reviews/1\")\n"
        ),
        # no row read
        (
            "async def test_list(client, h):\n    customer = await create_customer(client, h)\n"
            "    response = await client.post(f\"/customers/{customer['id']}/reviews\")\n"
        ),
    ):
        assert cases(before) == (before, False)
