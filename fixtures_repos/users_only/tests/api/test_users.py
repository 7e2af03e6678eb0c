from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.core.security import verify_password
from app.models import User


def test_read_me(client: TestClient, user: User, user_token_headers: dict[str, str]) -> None:
    response = client.get("/api/users/me", headers=user_token_headers)

    assert response.status_code == 200
    body = response.json()
    assert body["email"] == user.email
    assert body["full_name"] == "Alice Liddell"
    assert body["is_active"] is True
    assert "created_at" in body


def test_inactive_user_is_forbidden(
    client: TestClient, session: Session, user: User, user_token_headers: dict[str, str]
) -> None:
    user.is_active = False
    session.commit()

    assert client.get("/api/users/me", headers=user_token_headers).status_code == 403


def test_update_me_changes_only_sent_fields(
    client: TestClient, user: User, user_token_headers: dict[str, str]
) -> None:
    response = client.patch(
        "/api/users/me", headers=user_token_headers, json={"full_name": "Alice Pleasance"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["full_name"] == "Alice Pleasance"
    assert body["email"] == "alice@example.com"


def test_update_me_rehashes_password(
    client: TestClient, session: Session, user: User, user_token_headers: dict[str, str]
) -> None:
    response = client.patch(
        "/api/users/me", headers=user_token_headers, json={"password": "brand-new-password"}
    )

    assert response.status_code == 200
    session.refresh(user)
    assert verify_password("brand-new-password", user.hashed_password)


def test_update_me_rejects_taken_email(
    client: TestClient, user: User, superuser: User, user_token_headers: dict[str, str]
) -> None:
    response = client.patch(
        "/api/users/me", headers=user_token_headers, json={"email": superuser.email}
    )

    assert response.status_code == 409


def test_update_me_cannot_grant_superuser(
    client: TestClient, session: Session, user: User, user_token_headers: dict[str, str]
) -> None:
    response = client.patch(
        "/api/users/me", headers=user_token_headers, json={"is_superuser": True}
    )

    assert response.status_code == 200
    session.refresh(user)
    assert user.is_superuser is False


def test_list_users_requires_superuser(
    client: TestClient, user_token_headers: dict[str, str]
) -> None:
    assert client.get("/api/users/", headers=user_token_headers).status_code == 403


def test_list_users_as_superuser(
    client: TestClient, user: User, superuser: User, superuser_token_headers: dict[str, str]
) -> None:
    response = client.get("/api/users/", headers=superuser_token_headers)

    assert response.status_code == 200
    assert [row["email"] for row in response.json()] == [user.email, superuser.email]


def test_list_users_paginates(
    client: TestClient, user: User, superuser: User, superuser_token_headers: dict[str, str]
) -> None:
    response = client.get(
        "/api/users/", headers=superuser_token_headers, params={"skip": 1, "limit": 1}
    )

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [superuser.id]
