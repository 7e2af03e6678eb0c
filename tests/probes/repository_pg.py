"""Probes of a generated Order in repository_pg (PostgreSQL; rows scoped to their owner).

Copied into the project's tests/ by tests/test_generated_hardening.py after
`add-crud Order total:decimal status:enum[pending,paid]=pending note:text? customer_name:str quantity:int
owner:fk[User]`.
"""

import uuid

from app.models import User
from httpx import AsyncClient

URL = "/api/v1/orders"
PAYLOAD = {"customer_name": "Alice's order", "total": "12.50", "status": "pending", "note": "n", "quantity": 3}


async def _create(client: AsyncClient, headers: dict[str, str]) -> dict:
    response = await client.post(URL, json=PAYLOAD, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_clients_cannot_set_server_managed_fields(
    client: AsyncClient, auth_headers: dict[str, str], user: User, other_user: User
) -> None:
    forged = {"id": str(uuid.uuid4()), "owner_id": str(other_user.id), "created_at": "2000-01-01T00:00:00Z"}
    response = await client.post(URL, json=PAYLOAD | forged, headers=auth_headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] != forged["id"] and body["owner_id"] == str(user.id)
    assert not body["created_at"].startswith("2000")
    response = await client.patch(f"{URL}/{body['id']}", json={"owner_id": str(other_user.id)}, headers=auth_headers)
    assert response.status_code == 200 and response.json()["owner_id"] == str(user.id)


async def test_another_user_cannot_read_list_change_or_delete_the_rows(
    client: AsyncClient, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
) -> None:
    order = await _create(client, auth_headers)
    one = f"{URL}/{order['id']}"
    assert (await client.get(one, headers=other_auth_headers)).status_code == 404
    listed = (await client.get(URL, headers=other_auth_headers)).json()
    assert order["id"] not in [row["id"] for row in listed["items"]]
    assert (await client.patch(one, json={"note": "mine"}, headers=other_auth_headers)).status_code == 404
    assert (await client.delete(one, headers=other_auth_headers)).status_code == 404
    assert (await client.get(one, headers=auth_headers)).json()["note"] == "n"


async def test_null_for_a_required_field_in_a_patch_is_422(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    order = await _create(client, auth_headers)
    for field in ("total", "status", "customer_name"):
        response = await client.patch(f"{URL}/{order['id']}", json={field: None}, headers=auth_headers)
        assert response.status_code == 422, (field, response.status_code, response.text)
    response = await client.patch(f"{URL}/{order['id']}", json={"note": None}, headers=auth_headers)
    assert response.status_code == 200 and response.json()["note"] is None


async def test_numbers_past_the_column_s_precision_are_422_on_create(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    for total in ("1e20", "12345678901.5", "1.005"):
        response = await client.post(URL, json=PAYLOAD | {"total": total}, headers=auth_headers)
        assert response.status_code == 422, (total, response.status_code, response.text)


async def test_integers_past_the_column_s_range_are_422(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    for quantity in (2**31, -(2**31) - 1, 2**63):
        response = await client.post(URL, json=PAYLOAD | {"quantity": quantity}, headers=auth_headers)
        assert response.status_code == 422, (quantity, response.status_code, response.text)
    order = await _create(client, auth_headers)
    response = await client.patch(f"{URL}/{order['id']}", json={"quantity": 2**40}, headers=auth_headers)
    assert response.status_code == 422
    response = await client.patch(f"{URL}/{order['id']}", json={"quantity": 2**31 - 1}, headers=auth_headers)
    assert response.status_code == 200 and response.json()["quantity"] == 2**31 - 1


async def test_malformed_ids_and_cursors_are_4xx(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    for bad in ("not-a-uuid", str(2**63), "0" * 300):
        assert (await client.get(f"{URL}/{bad}", headers=auth_headers)).status_code == 422
    for cursor in ("garbage", "Zm9v", str(2**80)):
        response = await client.get(URL, params={"cursor": cursor}, headers=auth_headers)
        assert 400 <= response.status_code < 500, (cursor, response.status_code)
