import os

# Settings are read once at import time, so test overrides must be in place before `app` loads.
os.environ["SECRET_KEY"] = "test-secret-key-not-for-production-use"
os.environ["PASSWORD_HASH_ITERATIONS"] = "1000"

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402
from sqlalchemy.pool import StaticPool  # noqa: E402

from app.core.db import get_session  # noqa: E402
from app.core.security import create_access_token, hash_password  # noqa: E402
from app.main import app  # noqa: E402
from app.models import Base, User  # noqa: E402

USER_PASSWORD = "correct-horse-battery"
SUPERUSER_PASSWORD = "admin-staple-battery"


@pytest.fixture
def session() -> Iterator[Session]:
    # One in-memory database per test; StaticPool keeps every checkout on the same connection.
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    Base.metadata.create_all(engine)
    TestingSession = sessionmaker(bind=engine, autoflush=False, expire_on_commit=False)
    with TestingSession() as session:
        yield session
    engine.dispose()


@pytest.fixture
def client(session: Session) -> Iterator[TestClient]:
    def override_get_session() -> Iterator[Session]:
        yield session

    app.dependency_overrides[get_session] = override_get_session
    with TestClient(app) as test_client:
        yield test_client
    app.dependency_overrides.clear()


def _create_user(session: Session, **fields) -> User:
    user = User(**fields)
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


@pytest.fixture
def user(session: Session) -> User:
    return _create_user(
        session,
        email="alice@example.com",
        full_name="Alice Liddell",
        hashed_password=hash_password(USER_PASSWORD),
    )


@pytest.fixture
def superuser(session: Session) -> User:
    return _create_user(
        session,
        email="admin@example.com",
        full_name="Site Admin",
        hashed_password=hash_password(SUPERUSER_PASSWORD),
        is_superuser=True,
    )


def auth_headers(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_access_token(str(user.id))}"}


@pytest.fixture
def user_token_headers(user: User) -> dict[str, str]:
    return auth_headers(user)


@pytest.fixture
def superuser_token_headers(superuser: User) -> dict[str, str]:
    return auth_headers(superuser)
