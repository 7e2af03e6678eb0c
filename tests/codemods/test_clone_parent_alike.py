"""MakeParentAlike: a test makes its parent as the row helper it calls would make it."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.alike import MakeParentAlike
from codemods.clone.row_makers import RowMaker

API = RowMaker(
    "create_customer",
    "create_customer",
    "tests/test_customers.py",
    ("client", "auth_headers"),
    ("client", "headers"),
    True,
    '{}["id"]',
    copied=True,
)
HELPER = """\
    async def create_review(client, headers, **overrides):
        response = await client.post(f"/customers/{customer['id']}/reviews", json={"rating": 3}, headers=headers)
        return response.json()


"""


def alike(test: str, functions: set[str], maker: RowMaker = API) -> str:
    before = textwrap.dedent(HELPER) + textwrap.dedent(test)
    t = MakeParentAlike(maker, "customer", frozenset({"create_review", *functions}), False)
    after = cst.parse_module(before).visit(t).code
    compile(after, "after", "exec")
    return after[len(textwrap.dedent(HELPER)) :]


def test_a_test_calling_the_helper_with_other_headers_makes_its_parent_with_those() -> None:
    test = """\
        async def test_get_other_users_review(client, auth_headers, other_auth_headers):
            \"\"\"Another's row is not mine.\"\"\"
            review = await create_review(client, other_auth_headers)
            response = await client.get(f"/customers/{customer['id']}/reviews/{review['id']}", headers=auth_headers)
    """
    assert alike(test, {"test_get_other_users_review"}) == textwrap.dedent("""\
        async def test_get_other_users_review(client, auth_headers, other_auth_headers):
            \"\"\"Another's row is not mine.\"\"\"
            customer = await create_customer(client, other_auth_headers)
            review = await create_review(client, other_auth_headers)
            response = await client.get(f"/customers/{customer['id']}/reviews/{review['id']}", headers=auth_headers)
    """)


def test_keywords_bind_by_name() -> None:
    test = """\
        async def test_x(client, other_auth_headers):
            await create_review(headers=other_auth_headers, client=client)
            await client.get(f"/customers/{customer['id']}/reviews")
    """
    assert "customer = await create_customer(client, other_auth_headers)\n" in alike(
        test, {"test_x"}
    )


def test_what_the_parent_s_tests_pass_is_left_to_make_row_first() -> None:
    test = """\
        async def test_get(client, auth_headers):
            review = await create_review(client, auth_headers)
            await client.get(f"/customers/{customer['id']}/reviews/{review['id']}")
    """
    assert alike(test, {"test_get"}) == textwrap.dedent(test)


def test_values_that_are_no_parameters_of_the_test_are_left_alone() -> None:
    test = """\
        async def test_x(client, auth_headers):
            headers = {"X": "1"}
            await create_review(client, headers)
            await client.get(f"/customers/{customer['id']}/reviews")
    """
    assert alike(test, {"test_x"}) == textwrap.dedent(test)


def test_tests_not_reading_the_parent_assigning_it_or_not_the_plan_s_are_left_alone() -> None:
    for test, functions in (
        ("async def test_x(client, h):\n    await create_review(client, h)\n", {"test_x"}),
        (
            (
                "async def test_x(client, h):\n    customer = await create_customer(client, h)\n"
                "    await create_review(client, h)\n    await client.get(f\"/customers/{customer['id']}\")\n"
            ),
            {"test_x"},
        ),
        (
            "async def test_x(client, h):\n    await create_review(client, h)\n    print(customer)\n",
            set(),
        ),
    ):
        assert alike(test, functions) == test


def test_a_sync_test_cannot_await_the_helper() -> None:
    test = "def test_x(client, h):\n    create_review(client, h)\n    print(customer)\n"
    assert alike(test, {"test_x"}) == test
