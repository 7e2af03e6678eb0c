import pytest
from httpx import AsyncClient

from app.models import User


@pytest.mark.asyncio
async def test_get_me(client: AsyncClient, auth_headers: dict[str, str], normal_user: User) -> None:
    response = await client.get("/users/me", headers=auth_headers)
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == normal_user.email
    assert body["role"] == "user"


@pytest.mark.asyncio
async def test_get_me_requires_auth(client: AsyncClient) -> None:
    response = await client.get("/users/me")
    assert response.status_code == 401


@pytest.mark.asyncio
async def test_update_me(
    client: AsyncClient, auth_headers: dict[str, str], normal_user: User
) -> None:
    response = await client.patch(
        "/users/me", json={"full_name": "Renamed User"}, headers=auth_headers
    )
    assert response.status_code == 200
    body = response.json()
    assert body["full_name"] == "Renamed User"
    assert body["email"] == normal_user.email


@pytest.mark.asyncio
async def test_update_me_email_conflict_returns_409(
    client: AsyncClient, auth_headers: dict[str, str], admin_user: User
) -> None:
    response = await client.patch(
        "/users/me", json={"email": admin_user.email}, headers=auth_headers
    )
    assert response.status_code == 409


@pytest.mark.asyncio
async def test_list_users_requires_admin(
    client: AsyncClient, auth_headers: dict[str, str], admin_headers: dict[str, str]
) -> None:
    forbidden = await client.get("/users", headers=auth_headers)
    assert forbidden.status_code == 403
    response = await client.get("/users", params={"limit": 1}, headers=admin_headers)
    assert response.status_code == 200
    body = response.json()
    assert len(body["data"]) == 1
    assert body["has_more"] is True
    assert body["next_cursor"] == body["data"][0]["id"]


@pytest.mark.asyncio
async def test_get_user_not_found_returns_404(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    response = await client.get("/users/9999", headers=auth_headers)
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_delete_user_as_admin(
    client: AsyncClient, admin_headers: dict[str, str], normal_user: User
) -> None:
    response = await client.delete(f"/users/{normal_user.id}", headers=admin_headers)
    assert response.status_code == 204
    response = await client.get(f"/users/{normal_user.id}", headers=admin_headers)
    assert response.status_code == 404
