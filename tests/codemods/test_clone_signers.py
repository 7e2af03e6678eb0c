"""SwapSigner and DropRefusals: who the resource's tests sign in as, as its access rule changes."""

from __future__ import annotations

from textwrap import dedent

import libcst as cst

from codemods.clone.signers import DropRefusals, DropTwoSigners, SwapSigner

TESTS = dedent(
    """\
    async def test_get_order(client, auth_headers, order):
        response = await client.get(f"/orders/{order.id}", headers=auth_headers)
        assert response.status_code == 200


    async def test_delete_order_requires_admin(client, auth_headers, order):
        response = await client.delete(f"/orders/{order.id}", headers=auth_headers)
        assert response.status_code == status.HTTP_403_FORBIDDEN


    def test_admin_deletes(client, user_headers, admin_headers):
        order = make_order(client, user_headers)
        assert client.delete(f"/orders/{order['id']}", headers=admin_headers).status_code == 204
    """
)


def test_swap_leaves_refusals_alone() -> None:
    t = SwapSigner("auth_headers", "admin_headers")
    after = cst.parse_module(TESTS).visit(t).code
    assert "async def test_get_order(client, admin_headers, order):" in after
    assert 'headers=admin_headers)\n    assert response.status_code == 200' in after
    assert "async def test_delete_order_requires_admin(client, auth_headers, order):" in after
    assert t.swapped == ["test_get_order"]
    again = SwapSigner("auth_headers", "admin_headers")
    assert cst.parse_module(after).visit(again).code == after and again.swapped == []


def test_swap_in_a_test_taking_both_keeps_one() -> None:
    after = cst.parse_module(TESTS).visit(SwapSigner("user_headers", "admin_headers")).code
    assert "def test_admin_deletes(client, admin_headers):" in after
    assert "make_order(client, admin_headers)" in after


def test_drop_refusals() -> None:
    t = DropRefusals()
    after = cst.parse_module(TESTS).visit(t).code
    assert "test_delete_order_requires_admin" not in after and "test_get_order" in after
    assert t.dropped == ["test_delete_order_requires_admin"]


def test_drop_refusals_among_some() -> None:
    t = DropRefusals(among=frozenset({"test_get_order"}))
    assert cst.parse_module(TESTS).visit(t).code == TESTS
    assert t.dropped == []


def test_drop_two_signers() -> None:
    t = DropTwoSigners(frozenset({"user_headers", "admin_headers", "auth_headers"}))
    after = cst.parse_module(TESTS).visit(t).code
    assert "test_admin_deletes" not in after and "test_get_order" in after
    assert t.dropped == ["test_admin_deletes"]
