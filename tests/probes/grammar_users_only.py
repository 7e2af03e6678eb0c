"""Probes of the extended field grammar in users_only (nothing to clone: written from templates).

Copied into the project's tests/ by tests/test_field_grammar_e2e.py after `add-crud Order` with
the fields of GRAMMAR there: bounds, lists and an object, each stored and validated end to end.
"""

import pytest

URL = "/api/orders"
PAYLOAD = {"name": "abc", "qty": 1, "price": "1000", "address": {"street": "Main", "city": "Oslo"}}


def test_values_on_the_bounds_are_accepted(client, user_token_headers) -> None:
    response = client.post(URL, json={**PAYLOAD, "ratio": 1}, headers=user_token_headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["name"], body["qty"], float(body["price"]), body["ratio"]) == ("abc", 1, 1000.0, 1)


@pytest.mark.parametrize(
    "change",
    [
        {"name": "ab"},
        {"name": "x" * 81},
        {"qty": 0},
        {"price": "-0.01"},
        {"price": "1000.01"},
        {"ratio": 1.5},
        {"tags": [1]},
        {"address": {"street": "x" * 81, "city": "Oslo"}},
        {"address": {"street": "Main"}},
    ],
)
def test_values_past_the_bounds_are_422(client, user_token_headers, change: dict) -> None:
    response = client.post(URL, json={**PAYLOAD, **change}, headers=user_token_headers)
    assert response.status_code == 422, response.text
    created = client.post(URL, json=PAYLOAD, headers=user_token_headers).json()
    response = client.patch(f"{URL}/{created['id']}", json=change, headers=user_token_headers)
    assert response.status_code == 422, response.text


def test_lists_start_empty_per_row_and_objects_round_trip(client, user_token_headers) -> None:
    first = client.post(URL, json=PAYLOAD, headers=user_token_headers).json()
    second = client.post(URL, json={**PAYLOAD, "name": "other"}, headers=user_token_headers).json()
    assert first["tags"] == [] and first["scores"] is None
    assert first["address"] == {"street": "Main", "city": "Oslo", "floor": None}
    change = {
        "tags": ["a", "b"],
        "scores": [1, 2],
        "address": {"street": "High", "city": "Bergen", "floor": 2},
    }
    response = client.patch(f"{URL}/{first['id']}", json=change, headers=user_token_headers)
    assert response.status_code == 200, response.text
    again = client.get(f"{URL}/{first['id']}", headers=user_token_headers).json()
    assert {k: again[k] for k in change} == change
    assert client.get(f"{URL}/{second['id']}", headers=user_token_headers).json()["tags"] == []
