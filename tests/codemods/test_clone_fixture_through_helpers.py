"""PassFixture: a helper given a fixture's row (SetRequiredKey, a required key) takes it from its
callers, who pass it on up to the tests, and the tests ask pytest for the fixture."""

from __future__ import annotations

import ast
import textwrap

import libcst as cst

from codemods.clone.fixture_through_helpers import pass_fixture
from codemods.clone.nesting.parent import builds_one_row

BEFORE = """\
    def order_payload(n=1, **overrides):
        return {"total": f"{n}2.50", **overrides}


    def create_order(client, headers, n=1, *, user):
        return client.post("/orders", json=order_payload(n, buyer_id=user.id), headers=headers).json()


    def create_orders(client, headers):
        return [create_order(client, headers, n=n) for n in range(3)]


    def test_get_order(client, user_token_headers):
        created = create_order(client, user_token_headers)
        assert client.get(f"/orders/{created['id']}", headers=user_token_headers).status_code == 200


    def test_list_orders(client, user_token_headers):
        create_orders(client, user_token_headers)


    def test_left_alone(client, user_token_headers):
        user = make_someone()
        create_order(client, user_token_headers, user=user)
"""
FUNCTIONS = frozenset({"order_payload", "create_order", "create_orders", "test_get_order", "test_list_orders", "test_left_alone"})


def test_calls_pass_the_row_and_callers_ask_for_it_up_to_the_tests() -> None:
    after = pass_fixture(cst.parse_module(textwrap.dedent(BEFORE)), "user", FUNCTIONS).code
    assert "def test_get_order(client, user_token_headers, user):\n    created = create_order(client, user_token_headers, user=user)\n" in after
    # a helper calling the helper takes the row too, and its callers pass it
    assert "def create_orders(client, headers, user):\n    return [create_order(client, headers, n=n, user=user) for n in range(3)]\n" in after
    assert "def test_list_orders(client, user_token_headers, user):\n    create_orders(client, user_token_headers, user=user)\n" in after
    # a call passing it already, from a test with a row of its own under the name, is left alone
    assert "def test_left_alone(client, user_token_headers):\n    user = make_someone()\n" in after
    assert "def order_payload(n=1, **overrides):" in after


def test_functions_of_the_project_s_own_are_left_alone() -> None:
    code = textwrap.dedent(BEFORE)
    assert pass_fixture(cst.parse_module(code), "user", frozenset({"create_order"})).code == code


def test_a_fixture_annotated_to_return_the_model_gives_one_row() -> None:
    # users_only: `def user(session) -> User: return _create_user(session, ...)`
    made = ast.parse("@pytest.fixture\ndef user(session) -> User:\n    return _create_user(session, email='a@b.c')\n").body[0]
    assert builds_one_row(made, "User")
    listed = ast.parse("@pytest.fixture\ndef users(session) -> list[User]:\n    return [_create_user(session)]\n").body[0]
    assert not builds_one_row(listed, "User")
