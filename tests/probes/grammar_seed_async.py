"""Probes of the extended field grammar in seed_async (pydantic 2 spellings; cloned from Category).

Copied into the project's tests/ by tests/test_field_grammar_e2e.py after `add-crud Order` with
the fields of GRAMMAR there: bounds, lists and an object, each stored and validated end to end.
"""

import pytest
from httpx import AsyncClient

PAYLOAD = {"name": "abc", "qty": 1, "price": "1000", "address": {"street": "Main", "city": "Oslo"}}


@pytest.mark.asyncio
async def test_values_on_the_bounds_are_accepted(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    response = await client.post("/orders", json=PAYLOAD | {"ratio": 1}, headers=auth_headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["name"], body["qty"], float(body["price"]), body["ratio"]) == ("abc", 1, 1000.0, 1)


@pytest.mark.asyncio
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
async def test_values_past_the_bounds_are_422(
    client: AsyncClient, auth_headers: dict[str, str], change: dict
) -> None:
    response = await client.post("/orders", json=PAYLOAD | change, headers=auth_headers)
    assert response.status_code == 422, response.text
    created = (await client.post("/orders", json=PAYLOAD, headers=auth_headers)).json()
    response = await client.patch(f"/orders/{created['id']}", json=change, headers=auth_headers)
    assert response.status_code == 422, response.text


@pytest.mark.asyncio
async def test_lists_start_empty_per_row_and_objects_round_trip(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    first = (await client.post("/orders", json=PAYLOAD, headers=auth_headers)).json()
    second = (
        await client.post("/orders", json=PAYLOAD | {"name": "other"}, headers=auth_headers)
    ).json()
    assert first["tags"] == [] and first["scores"] is None
    assert first["address"] == {"street": "Main", "city": "Oslo", "floor": None}
    change = {
        "tags": ["a", "b"],
        "scores": [1, 2],
        "address": {"street": "High", "city": "Bergen", "floor": 2},
    }
    response = await client.patch(f"/orders/{first['id']}", json=change, headers=auth_headers)
    assert response.status_code == 200, response.text
    again = (await client.get(f"/orders/{first['id']}", headers=auth_headers)).json()
    assert {k: again[k] for k in change} == change
    assert (await client.get(f"/orders/{second['id']}", headers=auth_headers)).json()["tags"] == []
