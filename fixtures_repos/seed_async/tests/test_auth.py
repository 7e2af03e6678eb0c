import pytest
from httpx import AsyncClient

from app.models import User


@pytest.mark.asyncio
async def test_register_creates_user(client: AsyncClient) -> None:
    payload = {"email": "new@example.com", "password": "s3cret-pass", "full_name": "New User"}
    response = await client.post("/auth/register", json=payload)
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "new@example.com"
    assert body["full_name"] == "New User"
    assert body["role"] == "user"
    assert "password" not in body
    assert "hashed_password" not in body


@pytest.mark.asyncio
async def test_register_duplicate_email_returns_409(client: AsyncClient, normal_user: User) -> None:
    payload = {"email": normal_user.email, "password": "another-pass"}
    response = await client.post("/auth/register", json=payload)
    assert response.status_code == 409


@pytest.mark.asyncio
async def test_register_short_password_returns_422(client: AsyncClient) -> None:
    response = await client.post("/auth/register", json={"email": "a@b.io", "password": "short"})
    assert response.status_code == 422


@pytest.mark.asyncio
async def test_login_returns_usable_token(client: AsyncClient, normal_user: User) -> None:
    form = {"username": normal_user.email, "password": "user-password"}
    response = await client.post("/auth/token", data=form)
    assert response.status_code == 200
    token = response.json()
    assert token["token_type"] == "bearer"
    me = await client.get("/users/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.status_code == 200
    assert me.json()["id"] == normal_user.id


@pytest.mark.asyncio
async def test_login_wrong_password_returns_401(client: AsyncClient, normal_user: User) -> None:
    form = {"username": normal_user.email, "password": "wrong-password"}
    response = await client.post("/auth/token", data=form)
    assert response.status_code == 401


@pytest.mark.asyncio
async def test_invalid_token_returns_401(client: AsyncClient) -> None:
    response = await client.get("/users/me", headers={"Authorization": "Bearer not-a-jwt"})
    assert response.status_code == 401
