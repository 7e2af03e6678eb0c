from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.security import create_access_token, verify_password
from app.models import User
from tests.conftest import USER_PASSWORD


def login(client: TestClient, email: str, password: str):
    return client.post("/api/auth/token", data={"username": email, "password": password})


def test_signup_creates_user(client: TestClient, session: Session) -> None:
    response = client.post(
        "/api/auth/signup",
        json={"email": "Bob@Example.com", "password": "s3cret-pass", "full_name": "Bob"},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "bob@example.com"
    assert body["full_name"] == "Bob"
    assert body["is_superuser"] is False
    assert "password" not in body and "hashed_password" not in body

    stored = session.scalar(select(User).where(User.email == "bob@example.com"))
    assert stored is not None
    assert stored.hashed_password != "s3cret-pass"
    assert verify_password("s3cret-pass", stored.hashed_password)


def test_signup_rejects_duplicate_email(client: TestClient, user: User) -> None:
    response = client.post(
        "/api/auth/signup", json={"email": "ALICE@example.com", "password": "another-pass"}
    )

    assert response.status_code == 409


def test_signup_validates_payload(client: TestClient) -> None:
    short_password = client.post(
        "/api/auth/signup", json={"email": "carol@example.com", "password": "short"}
    )
    bad_email = client.post(
        "/api/auth/signup", json={"email": "not-an-email", "password": "long-enough"}
    )

    assert short_password.status_code == 422
    assert bad_email.status_code == 422


def test_login_returns_a_usable_bearer_token(client: TestClient, user: User) -> None:
    response = login(client, "alice@example.com", USER_PASSWORD)

    assert response.status_code == 200
    token = response.json()
    assert token["token_type"] == "bearer"
    me = client.get("/api/users/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.status_code == 200
    assert me.json()["id"] == user.id


def test_login_rejects_wrong_password(client: TestClient, user: User) -> None:
    response = login(client, "alice@example.com", "not-the-password")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_login_rejects_unknown_email(client: TestClient) -> None:
    assert login(client, "nobody@example.com", USER_PASSWORD).status_code == 401


def test_login_rejects_inactive_user(client: TestClient, session: Session, user: User) -> None:
    user.is_active = False
    session.commit()

    assert login(client, "alice@example.com", USER_PASSWORD).status_code == 400


def test_protected_route_requires_a_token(client: TestClient) -> None:
    assert client.get("/api/users/me").status_code == 401


def test_protected_route_rejects_bad_tokens(client: TestClient, user: User) -> None:
    expired = create_access_token(str(user.id), expires_delta=timedelta(minutes=-1))
    unknown_user = create_access_token("9999")

    for token in ("garbage", expired, unknown_user):
        response = client.get("/api/users/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, token
