from typing import Dict, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from service.api.security import create_access_token, hash_password
from service.db import Base, build_engine, get_session
from service.entities.user import User
from service.main import app

PASSWORD = "s3cret-enough"


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = build_engine("sqlite://", poolclass=StaticPool)
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, expire_on_commit=False)


@pytest.fixture
def client(session_factory: sessionmaker) -> Iterator[TestClient]:
    def override_get_session() -> Iterator[Session]:
        with session_factory() as session:
            yield session

    app.dependency_overrides[get_session] = override_get_session
    yield TestClient(app)
    app.dependency_overrides.clear()


def _create_user(session_factory: sessionmaker, email: str, role: str) -> User:
    with session_factory() as session:
        # A low iteration count keeps the suite fast; verify_password reads it from the hash.
        user = User(email=email, password_hash=hash_password(PASSWORD, iterations=1_000), role=role)
        session.add(user)
        session.commit()
        return user


def _bearer(user: User) -> Dict[str, str]:
    return {"Authorization": f"Bearer {create_access_token(user.id)}"}


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def member(session_factory: sessionmaker) -> User:
    return _create_user(session_factory, "member@example.com", "member")


@pytest.fixture
def user_headers(member: User) -> Dict[str, str]:
    return _bearer(member)


@pytest.fixture
def admin_headers(session_factory: sessionmaker) -> Dict[str, str]:
    return _bearer(_create_user(session_factory, "admin@example.com", "admin"))
