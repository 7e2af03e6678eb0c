"""SetRequiredKey: the cloned tests' whole rows point at a row of the target, from its fixture."""

from __future__ import annotations

import textwrap
from dataclasses import replace

import libcst as cst
import pytest

from codemods.clone.required_fk import RequiredKey, SetRequiredKey

KEY = RequiredKey("customer_id", "customer", "id", "Order", frozenset({"total"}), frozenset({"total", "note"}), "tests")


def edited(before: str, functions: set[str], key: RequiredKey = KEY) -> str:
    after = cst.parse_module(textwrap.dedent(before)).visit(SetRequiredKey(key, frozenset(functions))).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


def test_a_function_the_plan_does_not_add_is_left_alone() -> None:
    before = 'def test_old(client):\n    client.post("/orders", json={"total": "1"})\n'
    assert edited(before, set()) == before


def test_a_whole_payload_gets_the_key_and_its_test_the_fixture() -> None:
    assert edited('def test_create(client):\n    client.post("/orders", json={"total": "1"})\n', {"test_create"}) == (
        'def test_create(client, customer):\n    client.post("/orders", json={"total": "1", "customer_id": customer.id})\n'
    )


def test_a_uuid_key_goes_into_json_as_text_and_into_the_model_as_it_is() -> None:
    """json cannot encode a UUID: the payload sends `str(customer.id)`; the model takes the UUID."""
    key = replace(KEY, kind="uuid")
    sent = edited('def test_create(client):\n    client.post("/orders", json={"total": "1"})\n', {"test_create"}, key)
    assert '"customer_id": str(customer.id)' in sent
    made = edited("def order(db):\n    return Order(total=1)\n", {"order"}, key)
    assert "Order(total=1, customer_id=customer.id)" in made


def test_a_partial_payload_without_a_required_field_is_left_alone() -> None:
    before = 'def test_update(client):\n    client.patch("/orders/1", json={"note": "n"})\n'
    assert edited(before, {"test_update"}) == before


def test_the_model_s_constructor_in_a_fixture_gets_the_key() -> None:
    after = edited(
        """\
        @pytest.fixture
        def order(db):
            row = Order(total=1)
            return row
        """,
        {"order"},
    )
    assert "def order(db, customer):" in after and "Order(total=1, customer_id=customer.id)" in after


def test_parameters_one_per_line_keep_their_layout() -> None:
    after = edited(
        """\
        async def test_list(
            client: AsyncClient,
            auth_headers: dict[str, str],
        ) -> None:
            await client.post("/orders", json={"total": "1"}, headers=auth_headers)
        """,
        {"test_list"},
    )
    assert "    auth_headers: dict[str, str],\n    customer,\n) -> None:" in after
    after = edited(
        """\
        async def test_list(
            client: AsyncClient, auth_headers: dict[str, str]
        ) -> None:
            await client.post("/orders", json={"total": "1"}, headers=auth_headers)
        """,
        {"test_list"},
    )
    assert "    client: AsyncClient, auth_headers: dict[str, str], customer\n) -> None:" in after


def test_calls_to_a_helper_spreading_a_module_level_row_pass_the_key() -> None:
    after = edited(
        """\
        PAYLOAD = {"total": "1"}


        async def create(client, headers, **changes):
            return await client.post("/orders", json={**PAYLOAD, **changes}, headers=headers)


        async def test_filter(client, auth_headers):
            await create(client, auth_headers, note="n")
        """,
        {"create", "test_filter"},
    )
    assert 'PAYLOAD = {"total": "1"}\n' in after  # the module-level row stays as it is
    assert "async def test_filter(client, auth_headers, customer):" in after
    assert 'await create(client, auth_headers, note="n", customer_id=customer.id)' in after


def test_a_module_level_row_sent_as_is_is_sent_with_the_key() -> None:
    after = edited(
        """\
        PAYLOAD = {"total": "1"}


        def test_create(client):
            client.post("/orders", json=PAYLOAD)
            client.post("/orders", json={**PAYLOAD, "note": None})
        """,
        {"test_create"},
    )
    assert "def test_create(client, customer):" in after
    assert 'json={**PAYLOAD, "customer_id": customer.id})' in after
    assert 'json={**PAYLOAD, "note": None, "customer_id": customer.id})' in after


def test_a_module_level_row_read_some_other_way_is_refused() -> None:
    setter = SetRequiredKey(KEY, frozenset({"test_create"}))
    code = 'PAYLOAD = {"total": "1"}\n\n\ndef test_create(client):\n    body = PAYLOAD | {"note": None}\n'
    cst.parse_module(code).visit(setter)
    assert setter.module_level == ["PAYLOAD"]


def test_a_dict_holding_more_than_the_resource_s_fields_is_no_row_of_it() -> None:
    # a list's meta shares the name of the resource's required field `total`
    before = 'def test_list(client):\n    assert client.get("/orders").json()["meta"] == {"page": 1, "total": 0}\n'
    assert edited(before, {"test_list"}) == before
    # its other columns are a row's too: another foreign key, those the server sets
    other = replace(KEY, columns=frozenset({"store_id", "id"}))
    after = edited('def test_create(client, store):\n    client.post("/orders", json={"total": "1", "store_id": store.id})\n', {"test_create"}, other)
    assert '{"total": "1", "store_id": store.id, "customer_id": customer.id}' in after
    expected = 'def test_create(client):\n    assert client.post("/orders").json() == {"id": 1, "total": "1"}\n'
    assert '{"id": 1, "total": "1", "customer_id": customer.id}' in edited(expected, {"test_create"}, other)


def test_a_parent_s_key_leaves_the_rows_the_nested_resource_could_own() -> None:
    # an order's key among a line's tests: `{"total": ...}` is an order's row unless a line has a total too
    parents = replace(KEY, others=frozenset({"qty", "total"}))
    before = 'def test_create(client):\n    client.post("/lines", json={"total": "1"})\n'
    assert edited(before, {"test_create"}, parents) == before
    assert edited(before, {"test_create"}) != before  # without `others`, an order's row
    order = 'def test_create(client):\n    client.post("/orders", json={"total": "1", "note": "n"})\n'
    assert '"customer_id": customer.id' in edited(order, {"test_create"}, parents)


def test_a_field_read_off_a_module_level_row_needs_no_key() -> None:
    # what the tests written from the routes do: post the row, then compare one of its fields
    setter = SetRequiredKey(KEY, frozenset({"test_create"}))
    code = textwrap.dedent(
        """\
        PAYLOAD = {"total": "1", "note": "n"}


        def test_create(client):
            body = client.post("/orders", json=PAYLOAD).json()
            assert body["note"] == PAYLOAD["note"]
        """
    )
    after = cst.parse_module(code).visit(setter).code
    assert setter.module_level == []
    assert 'json={**PAYLOAD, "customer_id": customer.id}).json()' in after
    assert 'assert body["note"] == PAYLOAD["note"]' in after


def test_the_create_schema_a_helper_validates_gets_the_key_too() -> None:
    after = edited(
        "def create_random_order(db):\n    order_in = OrderCreate(total=1)\n    return crud.create_order(session=db, order_in=order_in)\n",
        {"create_random_order"},
    )
    assert "OrderCreate(total=1, customer_id=customer.id)" in after


def test_a_target_its_tests_make_no_row_of_is_refused_in_one_line(tmp_path) -> None:
    from codemods.clone.required_fk import required_key
    from codemods.errors import ConventionError
    from codemods.spec import parse_resource
    from detectors import ProjectIndex
    from detectors.resources import find_footprints

    (tmp_path / "tests").mkdir()
    (tmp_path / "main.py").write_text(
        "from fastapi import FastAPI\nfrom sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n"
        "app = FastAPI()\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\n"
        "class Tier(Base):\n    __tablename__ = 'tiers'\n    id: Mapped[int] = mapped_column(primary_key=True)\n\n\n"
        "@app.get('/tiers')\ndef list_tiers() -> list[int]:\n    return []\n"
    )
    (tmp_path / "tests/test_tiers.py").write_text("def test_list_tiers(client):\n    client.get('/tiers')\n")
    index = ProjectIndex(tmp_path)
    spec = parse_resource("Order", ["total:decimal", "tier:fk[Tier]"])
    with pytest.raises(ConventionError) as refused:
        required_key(index, find_footprints(index), spec.fields[1], spec)
    assert str(refused.value) == (
        "convention error: field 'tier': tests for a required fk need a row of Tier to point at, and its tests make none with a "
        "fixture or a helper, nor post to a create route of it; mark it optional (tier:fk[Tier]?) or add such a fixture"
    )


def test_a_helper_merging_its_keywords_into_its_row_is_given_the_key_by_its_callers() -> None:
    after = edited(
        """\
        def make_customer(client, headers, **overrides):
            payload = {"name": "n"}
            payload.update(overrides)
            return client.post("/customers", json=payload, headers=headers).json()


        def order_payload(**overrides):
            payload = {"total": "1"}
            payload.update(overrides)
            return payload


        def test_create(client):
            client.post("/orders", json=order_payload())
        """,
        {"make_customer", "order_payload", "test_create"},
    )
    assert 'payload = {"total": "1"}\n' in after  # its callers pass it
    assert 'json=order_payload(customer_id=customer.id))' in after
    assert 'payload = {"name": "n"}\n' in after and "make_customer(client, headers, **overrides):" in after  # the target's
