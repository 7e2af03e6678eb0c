from httpx import AsyncClient

from app.models import User


async def test_register_creates_user(client: AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": "Carol@Example.com", "password": "s3cret-password", "full_name": "Carol"},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "carol@example.com"
    assert body["full_name"] == "Carol"
    assert body["is_active"] is True
    assert "password" not in body and "hashed_password" not in body


async def test_register_duplicate_email_returns_409(client: AsyncClient, user: User) -> None:
    response = await client.post("/api/v1/auth/register", json={"email": user.email, "password": "another-password"})

    assert response.status_code == 409


async def test_register_rejects_invalid_payload(client: AsyncClient) -> None:
    response = await client.post("/api/v1/auth/register", json={"email": "not-an-email", "password": "short"})

    assert response.status_code == 422


async def test_login_returns_usable_token(client: AsyncClient, user: User, user_password: str) -> None:
    response = await client.post("/api/v1/auth/login", json={"email": user.email, "password": user_password})

    assert response.status_code == 200
    token = response.json()
    assert token["token_type"] == "bearer"
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.status_code == 200
    assert me.json()["id"] == str(user.id)


async def test_login_with_wrong_password_returns_401(client: AsyncClient, user: User) -> None:
    response = await client.post("/api/v1/auth/login", json={"email": user.email, "password": "wrong-password"})

    assert response.status_code == 401


async def test_me_requires_authentication(client: AsyncClient) -> None:
    response = await client.get("/api/v1/auth/me")

    assert response.status_code == 401


async def test_me_rejects_invalid_token(client: AsyncClient) -> None:
    response = await client.get("/api/v1/auth/me", headers={"Authorization": "Bearer not-a-jwt"})

    assert response.status_code == 401
