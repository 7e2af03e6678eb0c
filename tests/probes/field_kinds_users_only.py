"""Probes of union and computed fields in users_only (nothing to clone: written from templates).

Copied into the project's tests/ by tests/test_field_kinds_e2e.py after `add-crud Order` with the
fields of KINDS there: each variant stored and read back, the computed values in every response,
and a computed value a client sends ignored.
"""

from decimal import Decimal

import pytest

URL = "/api/orders"
PAYLOAD = {"name": "Dune", "qty": 3, "price": "2.50", "payment": {"type": "card", "last4": "1234"}}


def test_both_variants_round_trip_and_the_computed_values_follow(
    client, user_token_headers
) -> None:
    sent = {**PAYLOAD, "total": "999", "label": "forged"}
    created = client.post(URL, json=sent, headers=user_token_headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["payment"] == {"type": "card", "last4": "1234"}
    assert (Decimal(body["total"]), body["label"]) == (Decimal("7.50"), "Dune!")
    change = {"qty": 4, "payment": {"type": "transfer", "iban": "NO9386011117947"}}
    response = client.patch(f"{URL}/{body['id']}", json=change, headers=user_token_headers)
    assert response.status_code == 200, response.text
    again = client.get(f"{URL}/{body['id']}", headers=user_token_headers).json()
    assert again["payment"] == change["payment"] and Decimal(again["total"]) == Decimal("10.00")


@pytest.mark.parametrize(
    "payment",
    [
        {"type": "cheque"},
        {"last4": "1234"},
        {"type": "card"},
        {"type": "transfer", "last4": "1234"},
    ],
)
def test_a_payment_no_variant_accepts_is_422(client, user_token_headers, payment: dict) -> None:
    response = client.post(URL, json={**PAYLOAD, "payment": payment}, headers=user_token_headers)
    assert response.status_code == 422, response.text
