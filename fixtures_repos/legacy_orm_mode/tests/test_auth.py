from datetime import timedelta

from app.auth import create_access_token
from tests import factories


def test_register_creates_user(client):
    payload = {
        "email": "new@example.com",
        "password": "s3cret-password",
        "full_name": "New Reader",
    }
    response = client.post("/auth/register", json=payload)
    assert response.status_code == 201
    data = response.json()
    assert data["email"] == "new@example.com"
    assert data["full_name"] == "New Reader"
    assert data["is_active"] is True
    assert "password" not in data
    assert "hashed_password" not in data


def test_register_duplicate_email_returns_400(client, user):
    payload = {"email": user.email, "password": "another-password"}
    response = client.post("/auth/register", json=payload)
    assert response.status_code == 400
    assert response.json()["detail"] == "A user with this email already exists"


def test_register_short_password_returns_422(client):
    payload = {"email": "short@example.com", "password": "short"}
    response = client.post("/auth/register", json=payload)
    assert response.status_code == 422


def test_login_returns_usable_token(client, user):
    form = {"username": user.email, "password": factories.DEFAULT_PASSWORD}
    response = client.post("/auth/token", data=form)
    assert response.status_code == 200
    token = response.json()
    assert token["token_type"] == "bearer"
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    me = client.get("/auth/me", headers=headers)
    assert me.status_code == 200
    assert me.json()["id"] == user.id


def test_login_wrong_password_returns_401(client, user):
    form = {"username": user.email, "password": "wrong-password"}
    response = client.post("/auth/token", data=form)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_invalid_token_returns_401(client):
    response = client.get("/auth/me", headers={"Authorization": "Bearer not-a-jwt"})
    assert response.status_code == 401


def test_expired_token_returns_401(client, user):
    token = create_access_token(subject=user.email, expires_delta=timedelta(-1))
    response = client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_inactive_user_returns_400(client, db):
    user = factories.create_user(db, is_active=False)
    token = create_access_token(subject=user.email)
    response = client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Inactive user"
