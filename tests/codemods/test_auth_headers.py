"""SendHeaders and DropHeaders: tests send credentials, or stop sending them."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.auth_drop_headers import DropHeaders
from codemods.auth_send_headers import SendHeaders


def code(text: str) -> str:
    return textwrap.dedent(text)


def sent(before: str, tests=frozenset({"test_read_order"}), helpers=frozenset()) -> str:
    after = cst.parse_module(code(before)).visit(SendHeaders(set(tests), set(helpers), "client", "auth_headers")).code
    compile(after, "after", "exec")
    return after


def dropped(before: str, functions=frozenset({"test_get_order"})) -> str:
    after = cst.parse_module(code(before)).visit(DropHeaders(set(functions), {"auth_headers"})).code
    compile(after, "after", "exec")
    return after


# -- SendHeaders ------------------------------------------------------------------------------


def test_send_leaves_other_tests_alone() -> None:
    before = "def test_other(client):\n    client.get('/orders/')\n"
    assert sent(before) == code(before)


def test_send_adds_the_fixture_to_each_request() -> None:
    after = sent("""\
        def test_read_order(client, db):
            client.post('/orders/', json={})
            response = client.get('/orders/1')
        """)
    assert after == code("""\
        def test_read_order(client, db, auth_headers):
            client.post('/orders/', json={}, headers=auth_headers)
            response = client.get('/orders/1', headers=auth_headers)
        """)


def test_send_keeps_headers_a_request_sets() -> None:
    before = "def test_read_order(client, mine):\n    client.get('/x', headers=mine)\n"
    assert sent(before) == code(before)


def test_send_threads_headers_through_a_helper() -> None:
    after = sent(
        """\
        def create_order(client, total='1.00'):
            return client.post('/orders/', json={'total': total}).json()


        async def test_read_order(client):
            order = create_order(client)
            await client.get(f"/orders/{order['id']}")
        """,
        helpers={"create_order"},
    )
    assert after == code("""\
        def create_order(client, total='1.00', headers=None):
            return client.post('/orders/', json={'total': total}, headers=headers).json()


        async def test_read_order(client, auth_headers):
            order = create_order(client, headers=auth_headers)
            await client.get(f"/orders/{order['id']}", headers=auth_headers)
        """)


def test_send_twice_changes_nothing() -> None:
    once = sent("def test_read_order(client):\n    client.get('/x')\n")
    assert sent(once) == once


# -- DropHeaders ------------------------------------------------------------------------------


def test_drop_leaves_other_tests_alone() -> None:
    before = "def test_other(client, auth_headers):\n    client.get('/x', headers=auth_headers)\n"
    assert dropped(before) == code(before)


def test_drop_takes_the_argument_and_the_fixture() -> None:
    after = dropped("""\
        async def test_get_order(client: AsyncClient, auth_headers: dict[str, str], order: Order) -> None:
            response = await client.get(f"/orders/{order.id}", headers=auth_headers)
        """)
    assert after == code("""\
        async def test_get_order(client: AsyncClient, order: Order) -> None:
            response = await client.get(f"/orders/{order.id}")
        """)


def test_drop_keeps_a_fixture_still_read() -> None:
    after = dropped("""\
        def test_get_order(client, auth_headers):
            client.get("/x", headers=auth_headers)
            make(client, auth_headers)
        """)
    assert after == code("""\
        def test_get_order(client, auth_headers):
            client.get("/x")
            make(client, auth_headers)
        """)


def test_drop_works_in_methods_of_a_test_class() -> None:
    after = dropped(
        """\
        class TestOrders:
            def test_get_order(self, client, auth_headers):
                client.get("/x", headers=auth_headers)
        """,
    )
    assert after == code("""\
        class TestOrders:
            def test_get_order(self, client):
                client.get("/x")
        """)
