"""MakeRowFirst: each function reading the target's row makes it first, with the project's helper."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.make_row import MakeRowFirst
from codemods.clone.row_makers import Keyword, RowMaker

FACTORY = RowMaker("factories.create_customer", "create_customer", "tests/factories.py", ("db",), ("db",), False, "{}.id")
API = RowMaker("create_customer", "create_customer", "tests/test_customers.py", ("client", "auth_headers"),
               ("client", "headers"), True, '{}["id"]', copied=True)
FIXTURE = RowMaker("customer_factory", "customer_factory", "tests/conftest.py", ("user",), ("owner",), True, "{}.id", fixture=True)


def made(before: str, maker: RowMaker, functions: set[str], defined_here: bool = False) -> tuple[str, list[str]]:
    t = MakeRowFirst(maker, "customer", frozenset(functions), defined_here)
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after, t.unreached


def test_a_function_reading_no_row_is_left_alone() -> None:
    before = 'def test_list(client):\n    client.get("/orders/")\n'
    assert made(before, FACTORY, {"test_list"}) == (before, [])


def test_a_function_the_plan_does_not_add_is_left_alone() -> None:
    before = 'def test_old(client):\n    client.post("/orders/", json={"customer_id": customer.id})\n'
    assert made(before, FACTORY, set()) == (before, [])


def test_a_test_makes_the_row_first_and_asks_for_what_the_helper_needs() -> None:
    after, _ = made(
        '''\
        def test_create(client, auth_headers):
            """Creates."""
            client.post("/orders/", json={"total": "1", "customer_id": customer.id}, headers=auth_headers)
        ''',
        FACTORY,
        {"test_create"},
    )
    assert after == textwrap.dedent('''\
        def test_create(client, auth_headers, db):
            """Creates."""
            customer = factories.create_customer(db)
            client.post("/orders/", json={"total": "1", "customer_id": customer.id}, headers=auth_headers)
        ''')


def test_a_helper_takes_the_row_or_makes_its_own_and_tests_pass_theirs() -> None:
    after, _ = made(
        """\
        def create_order(db, **overrides):
            fields = {"total": 1, "customer_id": customer.id}
            return Order(**fields)


        def test_read(client, db):
            customer = factories.create_customer(db)
            order = create_order(db)
            client.post("/orders/", json={"total": "1", "customer_id": customer.id})
        """,
        FACTORY,
        {"create_order", "test_read"},
        defined_here=True,
    )
    assert "def create_order(db, customer=None, **overrides):\n    if customer is None:\n        customer = create_customer(db)\n" in after
    assert "order = create_order(db, customer=customer)" in after  # one parent for the test's rows


def test_an_awaited_helper_in_the_test_s_own_fixtures() -> None:
    after, _ = made(
        """\
        async def test_create(client: AsyncClient, auth_headers: dict[str, str]) -> None:
            await client.post("/orders", json={"customer_id": customer["id"]}, headers=auth_headers)
        """,
        API,
        {"test_create"},
    )
    assert 'customer = await create_customer(client, auth_headers)\n' in after
    assert "async def test_create(client: AsyncClient, auth_headers: dict[str, str]) -> None:" in after


def test_a_helper_lacking_the_helper_s_parameters_is_unreached() -> None:
    before = 'async def order_payload():\n    return {"total": "1", "customer_id": customer["id"]}\n'
    assert made(before, API, {"order_payload"}) == (before, ["order_payload"])
    sync = 'def create_order(client, headers):\n    return {"customer_id": customer["id"]}\n'
    assert made(sync, API, {"create_order"}) == (sync, ["create_order"])  # it cannot await


def test_a_factory_fixture_s_inner_function_calls_the_target_s_factory_fixture() -> None:
    after, unreached = made(
        """\
        @pytest.fixture
        def order_factory(insert):
            async def create(owner, **fields):
                defaults = {"total": 1, "customer_id": customer.id}
                return await insert(Order(owner_id=owner.id, **(defaults | fields)))

            return create
        """,
        FIXTURE,
        {"order_factory"},
    )
    assert unreached == []
    assert "def order_factory(insert, customer_factory):" in after
    assert "    async def create(owner, **fields):\n        customer = await customer_factory(owner)\n" in after


def test_methods_of_a_test_class_make_the_row_too() -> None:
    after, _ = made(
        """\
        class TestOrders:
            def test_create(self, client, user_headers):
                client.post(URL, json={"customer_id": customer["id"]}, headers=user_headers)
        """,
        RowMaker("make_customer", "make_customer", "tests/test_customers.py", ("client", "user_headers"),
                 ("client", "headers"), False, '{}["id"]', copied=True),
        {"test_create"},
    )
    assert "        customer = make_customer(client, user_headers)\n" in after


def test_fixtures_asked_for_go_before_star_parameters() -> None:
    after, _ = made(
        "def test_create(client, *args):\n    client.post('/orders/', json={'customer_id': customer.id})\n",
        FACTORY,
        {"test_create"},
    )
    assert "def test_create(client, db, *args):" in after


def test_keywords_go_into_each_call_and_their_fixtures_are_asked_for() -> None:
    # a parent the routes find among the signed-in user's rows, made as its own tests make one
    t = MakeRowFirst(FACTORY, "customer", frozenset({"test_read", "make_order"}), False, (Keyword("owner_id", "user.id", ("user",)),))
    before = (
        "def make_order(db, client):\n    return client.post('/orders', json={'customer_id': customer.id})\n\n\n"
        "def test_read(client):\n    client.get(f'/c/{customer.id}')\n"
    )
    after = cst.parse_module(before).visit(t).code
    assert "def test_read(client, db, user):\n    customer = factories.create_customer(db, owner_id=user.id)\n" in after
    assert t.unreached == ["make_order"]  # a helper posting without `user` cannot make it so


def test_a_helper_sending_no_request_makes_the_row_as_the_maker_does_by_default() -> None:
    # a helper making rows through the crud layer: no route checks whose its parent is
    t = MakeRowFirst(FACTORY, "customer", frozenset({"make_order"}), False, (Keyword("owner_id", "user.id", ("user",)),))
    before = "def make_order(db):\n    db.delete(old)\n    return crud.create_order(db, customer_id=customer.id)\n"
    after = cst.parse_module(before).visit(t).code
    assert "def make_order(db, customer=None):\n    if customer is None:\n        customer = factories.create_customer(db)\n" in after
    assert t.unreached == []


def test_a_client_the_module_builds_itself_is_passed_not_asked_for() -> None:
    # the maker's tests pass the client their module builds at its top level: a test of a module
    # building its own the same way passes it too, and asks for no fixture of that name
    shared = RowMaker("create_customer", "create_customer", "tests/test_customers.py", ("client",), ("client",),
                      False, '{}["id"]', copied=True, shared=("client",))
    after, unreached = made(
        'def test_create():\n    client.post("/orders/", json={"customer_id": customer["id"]})\n',
        shared,
        {"test_create"},
    )
    expected = (
        'def test_create():\n    customer = create_customer(client)\n'
        '    client.post("/orders/", json={"customer_id": customer["id"]})\n'
    )
    assert (after, unreached) == (expected, [])
