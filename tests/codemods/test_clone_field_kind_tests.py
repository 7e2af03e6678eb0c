"""The cloned create test checks computed values (computed_tests.py) and gets a 422 case per union
field (union_cases.py); both find the create test with create_test.py."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.computed_tests import check_computed
from codemods.clone.union_cases import add_union_cases
from codemods.spec import parse_resource

SPEC = parse_resource(
    "Order",
    [
        "name:str",
        "qty:int",
        "price:decimal",
        "payment:union[card{last4:str},cash{}]",
        "@total=qty*price",
        "@label=name+'!'",
    ],
)

CREATE = """\
    def test_create_order(client, auth_headers):
        payload = {"name": "Games", "qty": 3, "price": "12.50", "payment": {"type": "card", "last4": "1234"}}
        response = client.post("/orders", json=payload, headers=auth_headers)
        assert response.status_code == 201
        body = response.json()
        assert body["name"] == "Games"
"""


def code(text: str) -> str:
    return textwrap.dedent(text)


def test_without_a_create_test_nothing_changes() -> None:
    before = code("""\
        def test_list_orders(client):
            response = client.get("/orders")
            assert response.status_code == 200
    """)
    module = cst.parse_module(before)
    assert check_computed(module, SPEC.computed)[0].code == before
    assert add_union_cases(module, SPEC.fields, "order").code == before


def test_the_computed_values_are_checked_after_the_body_s_last_assert() -> None:
    module, imports = check_computed(cst.parse_module(code(CREATE)), SPEC.computed)
    assert module.code == code(CREATE) + (
        '    assert Decimal(str(body["total"])) == 3 * Decimal("12.50")\n'
        '    assert body["label"] == "Games" + "!"\n'
    )
    assert {i.bound for i in imports} == {"Decimal"}
    again, _ = check_computed(module, SPEC.computed)
    assert again.code == module.code


def test_a_value_that_is_no_literal_is_read_from_the_named_payload() -> None:
    before = code(CREATE).replace('"qty": 3', '"qty": next_qty()')
    module, _ = check_computed(cst.parse_module(before), SPEC.computed[:1])
    assert 'assert Decimal(str(body["total"])) == payload["qty"] * Decimal("12.50")' in module.code


def test_a_union_gets_a_case_sending_an_unknown_type_that_stops_at_the_status() -> None:
    module = add_union_cases(cst.parse_module(code(CREATE)), SPEC.fields, "order")
    assert module.code == code(CREATE) + code("""\


        def test_create_order_payment_of_unknown_type(client, auth_headers):
            payload = {"name": "Games", "qty": 3, "price": "12.50", "payment": {"type": "unknown"}}
            response = client.post("/orders", json=payload, headers=auth_headers)
            assert response.status_code == 422, response.text
    """)
    assert add_union_cases(module, SPEC.fields, "order").code == module.code


def test_an_inline_payload_of_an_async_test_is_tagged_where_it_is() -> None:
    before = code("""\
        @pytest.mark.asyncio
        async def test_create_order(client):
            response = await client.post("/orders", json={"payment": {"type": "cash"}})
            assert response.status_code == 201
    """)
    module = add_union_cases(cst.parse_module(before), SPEC.fields, "order")
    assert (
        code("""\
        @pytest.mark.asyncio
        async def test_create_order_payment_of_unknown_type(client):
            response = await client.post("/orders", json={"payment": {"type": "unknown"}})
            assert response.status_code == 422, response.text
    """)
        in module.code
    )
