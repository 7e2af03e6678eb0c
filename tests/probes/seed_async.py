"""Probes of a generated Order in seed_async (SQLite; integer keys; changes guarded by owner or admin).

Copied into the project's tests/ by tests/test_generated_hardening.py after
`add-crud Order total:decimal status:enum[pending,paid]=pending note:text? customer_name:str owner:fk[User]`.
"""

import pytest
import pytest_asyncio
from app.core.security import create_access_token, hash_password
from app.models import User
from httpx import AsyncClient

PAYLOAD = {"customer_name": "A", "total": "12.50", "status": "pending", "note": "n"}


@pytest_asyncio.fixture
async def other_headers(db_session) -> dict[str, str]:
    other = User(email="other@example.com", full_name="Other", hashed_password=hash_password("x"), role="user")
    db_session.add(other)
    await db_session.commit()
    await db_session.refresh(other)
    return {"Authorization": f"Bearer {create_access_token(other.id)}"}


async def _create(client: AsyncClient, headers: dict[str, str]) -> dict:
    response = await client.post("/orders", json=PAYLOAD, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.asyncio
async def test_clients_cannot_set_server_managed_fields(
    client: AsyncClient, auth_headers: dict[str, str], normal_user: User, admin_user: User
) -> None:
    forged = {"id": 999, "owner_id": admin_user.id, "created_at": "2000-01-01T00:00:00Z"}
    response = await client.post("/orders", json=PAYLOAD | forged, headers=auth_headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] != 999 and body["owner_id"] == normal_user.id
    assert not body["created_at"].startswith("2000")
    response = await client.patch(f"/orders/{body['id']}", json={"owner_id": admin_user.id}, headers=auth_headers)
    assert response.json()["owner_id"] == normal_user.id


@pytest.mark.asyncio
async def test_another_user_cannot_change_or_delete_the_rows(
    client: AsyncClient, auth_headers: dict[str, str], other_headers: dict[str, str]
) -> None:
    order = await _create(client, auth_headers)
    one = f"/orders/{order['id']}"
    assert (await client.patch(one, json={"note": "mine"}, headers=other_headers)).status_code == 403
    assert (await client.delete(one, headers=other_headers)).status_code == 403
    assert (await client.get(one, headers=auth_headers)).json()["note"] == "n"


@pytest.mark.asyncio
async def test_null_for_a_required_field_in_a_patch_is_422(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    order = await _create(client, auth_headers)
    for field in ("total", "status", "customer_name"):
        response = await client.patch(f"/orders/{order['id']}", json={field: None}, headers=auth_headers)
        assert response.status_code == 422, (field, response.status_code, response.text)
    response = await client.patch(f"/orders/{order['id']}", json={"note": None}, headers=auth_headers)
    assert response.status_code == 200 and response.json()["note"] is None


@pytest.mark.asyncio
@pytest.mark.parametrize("big", [2**31, 2**63, 10**30, -(2**31) - 1, -(2**70), -(10**30)])
async def test_ids_and_cursors_past_the_key_s_range_are_422(
    client: AsyncClient, auth_headers: dict[str, str], big: int
) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        response = await client.request(method, f"/orders/{big}", json={"note": "x"} if method == "PATCH" else None, headers=auth_headers)
        assert response.status_code == 422, (method, response.status_code)
    assert (await client.get("/orders", params={"cursor": big}, headers=auth_headers)).status_code == 422
