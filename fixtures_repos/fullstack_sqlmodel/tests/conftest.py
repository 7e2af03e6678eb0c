from collections.abc import Generator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from app import crud
from app.api.deps import get_db
from app.core.config import settings
from app.main import app
from app.models import User, UserCreate
from tests.utils.user import TEST_USER_PASSWORD, user_authentication_headers


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    # Production-strength PBKDF2 is far too slow for a test suite.
    monkeypatch.setattr(settings, "PASSWORD_HASH_ITERATIONS", 1_000)


@pytest.fixture
def db() -> Generator[Session, None, None]:
    engine = create_engine(
        "sqlite://",
        connect_args={"check_same_thread": False},
        poolclass=StaticPool,
    )
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def client(db: Session) -> Generator[TestClient, None, None]:
    def get_db_override() -> Generator[Session, None, None]:
        yield db

    app.dependency_overrides[get_db] = get_db_override
    with TestClient(app) as c:
        yield c
    app.dependency_overrides.clear()


@pytest.fixture
def superuser(db: Session) -> User:
    user_in = UserCreate(
        email=settings.FIRST_SUPERUSER,
        password=settings.FIRST_SUPERUSER_PASSWORD,
        is_superuser=True,
    )
    return crud.create_user(session=db, user_create=user_in)


@pytest.fixture
def normal_user(db: Session) -> User:
    user_in = UserCreate(email=settings.EMAIL_TEST_USER, password=TEST_USER_PASSWORD)
    return crud.create_user(session=db, user_create=user_in)


@pytest.fixture
def superuser_token_headers(client: TestClient, superuser: User) -> dict[str, str]:
    return user_authentication_headers(
        client=client,
        email=settings.FIRST_SUPERUSER,
        password=settings.FIRST_SUPERUSER_PASSWORD,
    )


@pytest.fixture
def normal_user_token_headers(client: TestClient, normal_user: User) -> dict[str, str]:
    return user_authentication_headers(
        client=client, email=settings.EMAIL_TEST_USER, password=TEST_USER_PASSWORD
    )
