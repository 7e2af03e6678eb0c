"""Probes of union and computed fields in seed_async (pydantic 2; cloned from Category).

Copied into the project's tests/ by tests/test_field_kinds_e2e.py after `add-crud Order` with the
fields of KINDS there: each variant stored and read back, the computed values in every response,
and a computed value a client sends ignored.
"""

from decimal import Decimal

import pytest
from httpx import AsyncClient

PAYLOAD = {"name": "Dune", "qty": 3, "price": "2.50", "payment": {"type": "card", "last4": "1234"}}


@pytest.mark.asyncio
async def test_both_variants_round_trip_and_the_computed_values_follow(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    sent = PAYLOAD | {"total": "999", "label": "forged"}
    created = await client.post("/orders", json=sent, headers=auth_headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["payment"] == {"type": "card", "last4": "1234"}
    assert (Decimal(body["total"]), body["label"]) == (Decimal("7.50"), "Dune!")
    change = {"qty": 4, "payment": {"type": "transfer", "iban": "NO9386011117947"}}
    response = await client.patch(f"/orders/{body['id']}", json=change, headers=auth_headers)
    assert response.status_code == 200, response.text
    again = (await client.get(f"/orders/{body['id']}", headers=auth_headers)).json()
    assert again["payment"] == change["payment"] and Decimal(again["total"]) == Decimal("10.00")


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "payment",
    [
        {"type": "cheque"},
        {"last4": "1234"},
        {"type": "card"},
        {"type": "transfer", "last4": "1234"},
    ],
)
async def test_a_payment_no_variant_accepts_is_422(
    client: AsyncClient, auth_headers: dict[str, str], payment: dict
) -> None:
    response = await client.post(
        "/orders", json=PAYLOAD | {"payment": payment}, headers=auth_headers
    )
    assert response.status_code == 422, response.text
