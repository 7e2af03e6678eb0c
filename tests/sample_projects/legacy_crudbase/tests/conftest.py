from typing import Dict, Generator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from app import models
from app.api import deps
from app.core.security import create_access_token
from app.db.base_class import Base
from app.main import app


@pytest.fixture
def db() -> Generator[Session, None, None]:
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    Base.metadata.create_all(bind=engine)
    session = sessionmaker(bind=engine)()
    yield session
    session.close()


@pytest.fixture
def client(db: Session) -> Generator[TestClient, None, None]:
    app.dependency_overrides[deps.get_db] = lambda: db
    yield TestClient(app)
    app.dependency_overrides.clear()


def _token_headers(db: Session, email: str) -> Dict[str, str]:
    user = models.User(email=email)
    db.add(user)
    db.commit()
    return {"Authorization": f"Bearer {create_access_token(user.id)}"}


@pytest.fixture
def normal_user_token_headers(db: Session) -> Dict[str, str]:
    return _token_headers(db, "user@example.com")


@pytest.fixture
def other_user_token_headers(db: Session) -> Dict[str, str]:
    return _token_headers(db, "other@example.com")
