"""detect_session: how endpoints receive their database session (or an object wrapping it)."""

from __future__ import annotations

import pytest

from detectors.session import detect_session
from tests.detectors._project import assert_finding

DB = """
    from collections.abc import Iterator

    from sqlalchemy.orm import Session, sessionmaker

    SessionLocal = sessionmaker()


    def get_db() -> Iterator[Session]:
        db = SessionLocal()
        try:
            yield db
        finally:
            db.close()
"""
ASYNC_DB = """
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    async_session = async_sessionmaker()


    async def get_session():
        async with async_session() as session:
            yield session
"""
USER_MODEL = """
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


    class Base(DeclarativeBase):
        pass


    class User(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)
"""

CASES = [
    pytest.param(
        {
            "app/db.py": DB,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends
                from sqlalchemy.orm import Session

                from app.db import get_db

                router = APIRouter()


                @router.get("/items")
                def list_items(db: Session = Depends(get_db)):
                    return []


                @router.post("/items")
                def create_item(db: Session = Depends(get_db)):
                    return {}
            """,
        },
        {
            "pattern": "depends",
            "dependency": "get_db",
            "dependency_module": "app.db",
            "param": "db",
            "session_type": "Session",
            "alias": None,
            "counts": (("depends", 2),),
            "mixed": False,
        },
        id="depends",
    ),
    pytest.param(
        {
            "app/api/deps.py": DB,
            "app/api/endpoints/items.py": """
                from fastapi import APIRouter, Depends
                from sqlalchemy.orm import Session

                from app.api import deps

                router = APIRouter()


                @router.get("/items")
                def list_items(db: Session = Depends(deps.get_db)):
                    return []
            """,
        },
        {
            "pattern": "depends",
            "dependency": "get_db",
            "dependency_module": "app.api.deps",
            "param": "db",
            "annotated": False,
        },
        id="depends-module-qualified",
    ),
    pytest.param(
        {
            "app/db.py": ASYNC_DB,
            "app/routers/items.py": """
                from typing import Annotated

                from fastapi import APIRouter, Depends
                from sqlalchemy.ext.asyncio import AsyncSession

                from app.db import get_session

                router = APIRouter()


                @router.get("/items")
                async def list_items(session: Annotated[AsyncSession, Depends(get_session)]):
                    return []
            """,
        },
        {
            "pattern": "depends",
            "dependency": "get_session",
            "dependency_module": "app.db",
            "param": "session",
            "session_type": "AsyncSession",
            "alias": None,
            "annotated": True,
        },
        id="depends-inline-annotated",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "app/deps.py": """
                from typing import Annotated

                from fastapi import Depends
                from sqlalchemy.orm import Session

                from app.db import get_db

                SessionDep = Annotated[Session, Depends(get_db)]
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter

                from app.deps import SessionDep

                router = APIRouter()


                @router.get("/items")
                def list_items(session: SessionDep):
                    return []
            """,
        },
        {
            "pattern": "annotated_alias",
            "alias": "SessionDep",
            "alias_module": "app.deps",
            "dependency": "get_db",
            "dependency_module": "app.db",
            "param": "session",
            "session_type": "Session",
        },
        id="annotated_alias",
    ),
    pytest.param(
        {
            "app/db.py": ASYNC_DB,
            "app/deps.py": """
                from typing import Annotated, TypeAlias

                from fastapi import Depends
                from sqlalchemy.ext.asyncio import AsyncSession

                from app.db import get_session

                DbSession: TypeAlias = Annotated[AsyncSession, Depends(get_session)]
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter

                from app import deps

                router = APIRouter()


                @router.get("/items")
                async def list_items(db: deps.DbSession):
                    return []
            """,
        },
        {
            "pattern": "annotated_alias",
            "alias": "DbSession",
            "alias_module": "app.deps",
            "dependency": "get_session",
            "session_type": "AsyncSession",
            "param": "db",
        },
        id="annotated_alias-typealias-module-qualified",
    ),
    pytest.param(
        {
            "app/db.py": ASYNC_DB,
            "app/repositories/items.py": """
                from fastapi import Depends
                from sqlalchemy.ext.asyncio import AsyncSession

                from app.db import get_session


                class ItemRepository:
                    def __init__(self, session: AsyncSession):
                        self.session = session


                def get_item_repository(session: AsyncSession = Depends(get_session)) -> ItemRepository:
                    return ItemRepository(session)
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.repositories.items import ItemRepository, get_item_repository

                router = APIRouter()


                @router.get("/items")
                async def list_items(repo: ItemRepository = Depends(get_item_repository)):
                    return await repo.list()
            """,
        },
        {
            "pattern": "repository",
            "provider": "get_item_repository",
            "provider_module": "app.repositories.items",
            "object_param": "repo",
            "object_class": "ItemRepository",
            "dependency": "get_session",
            "dependency_module": "app.db",
            "param": "session",
            "session_type": "AsyncSession",
        },
        id="repository-provider-function",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "app/services.py": """
                from fastapi import Depends
                from sqlalchemy.orm import Session

                from app.db import get_db


                class ItemService:
                    def __init__(self, db: Session = Depends(get_db)):
                        self.db = db
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.services import ItemService

                router = APIRouter()


                @router.get("/items")
                def list_items(service: ItemService = Depends(ItemService)):
                    return service.list()
            """,
        },
        {
            "pattern": "repository",
            "provider": "ItemService",
            "object_class": "ItemService",
            "object_param": "service",
            "dependency": "get_db",
            "param": "db",
        },
        id="repository-class-as-dependency",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "app/models.py": USER_MODEL,
            "app/auth.py": """
                from fastapi import Depends
                from sqlalchemy.orm import Session

                from app.db import get_db
                from app.models import User


                def get_current_user(db: Session = Depends(get_db)) -> User:
                    return db.get(User, 1)
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends
                from sqlalchemy.orm import Session

                from app.auth import get_current_user
                from app.db import get_db
                from app.models import User

                router = APIRouter()


                @router.get("/items")
                def list_items(db: Session = Depends(get_db), user: User = Depends(get_current_user)):
                    return []


                @router.get("/me")
                def me(user: User = Depends(get_current_user)):
                    return user
            """,
        },
        {
            "pattern": "depends",
            "dependency": "get_db",
            "counts": (("depends", 1),),
            "mixed": False,
            "provider": None,
        },
        id="auth-dependency-using-db-is-not-a-repository",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "app/models.py": USER_MODEL,
            "app/auth.py": """
                from fastapi import Depends
                from sqlalchemy.orm import Session

                from app.db import get_db
                from app.models import User


                def get_current_user(db: Session = Depends(get_db)) -> User:
                    return db.get(User, 1)
            """,
            "app/routers/me.py": """
                from fastapi import APIRouter, Depends

                from app.auth import get_current_user
                from app.models import User

                router = APIRouter()


                @router.get("/me")
                def me(user: User = Depends(get_current_user)):
                    return user
            """,
        },
        {
            "pattern": "unknown",
            "counts": (),
            "note_has": (
                "Session/AsyncSession",
                "Depends(...)",
                "Annotated aliases",
                "wrapping a session",
            ),
        },
        id="unknown-only-auth-dependency",
    ),
    pytest.param(
        {
            "main.py": """
                from fastapi import FastAPI

                app = FastAPI()


                @app.get("/ping")
                def ping():
                    return "pong"
            """,
        },
        {"pattern": "unknown", "dependency": None, "note_has": ("looked for",)},
        id="unknown-no-session",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "app/deps.py": """
                from typing import Annotated

                from fastapi import Depends
                from sqlalchemy.orm import Session

                from app.db import get_db

                SessionDep = Annotated[Session, Depends(get_db)]
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends
                from sqlalchemy.orm import Session

                from app.db import get_db
                from app.deps import SessionDep

                router = APIRouter()


                @router.get("/items")
                def list_items(db: Session = Depends(get_db)):
                    return []


                @router.post("/items")
                def create_item(db: Session = Depends(get_db)):
                    return {}


                @router.delete("/items/{item_id}")
                def delete_item(item_id: int, session: SessionDep):
                    return None
            """,
        },
        {
            "pattern": "depends",
            "param": "db",
            "mixed": True,
            "counts": (("annotated_alias", 1), ("depends", 2)),
            "note_has": ("'depends': 2", "'annotated_alias': 1"),
        },
        id="mixed-majority-wins",
    ),
    pytest.param(
        {
            "app/db.py": """
                from sqlalchemy.orm import sessionmaker

                SessionLocal = sessionmaker()


                def get_db():
                    db = SessionLocal()
                    try:
                        yield db
                    finally:
                        db.close()
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.db import get_db

                router = APIRouter()


                @router.get("/items")
                def list_items(db=Depends(get_db)):
                    return []
            """,
        },
        {
            "pattern": "depends",
            "dependency": "get_db",
            "dependency_module": "app.db",
            "param": "db",
            "session_type": "Session",
            "typed": False,
        },
        id="untyped-on-generator-yielding-a-sessionmaker-session",
    ),
    pytest.param(
        {
            "app/db.py": """
                from sqlalchemy.ext.asyncio import AsyncSession
                from sqlalchemy.orm import sessionmaker

                make_session = sessionmaker(class_=AsyncSession)


                async def session_scope():
                    async with make_session() as session:
                        yield session
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app import db

                router = APIRouter()


                @router.get("/items")
                async def list_items(session=Depends(db.session_scope)):
                    return []
            """,
        },
        {
            "pattern": "depends",
            "dependency": "session_scope",
            "param": "session",
            "session_type": "AsyncSession",
            "typed": False,
        },
        id="untyped-on-async-with-sessionmaker-class_",
    ),
    pytest.param(
        {
            "app/db.py": """
                from collections.abc import Iterator

                from sqlalchemy.orm import Session


                def get_db() -> Iterator[Session]:
                    ...
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.db import get_db

                router = APIRouter()


                @router.get("/items")
                def list_items(db=Depends(get_db)):
                    return []
            """,
        },
        {"pattern": "depends", "session_type": "Session", "typed": False},
        id="untyped-on-provider-annotated-as-session-generator",
    ),
    pytest.param(
        {
            "app/db.py": """
                import redis


                def get_cache():
                    client = redis.Redis()
                    yield client
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.db import get_cache

                router = APIRouter()


                @router.get("/items")
                def list_items(cache=Depends(get_cache)):
                    return []
            """,
        },
        {"pattern": "unknown", "note_has": ("untyped on a provider yielding a session",)},
        id="untyped-on-provider-yielding-something-else",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_session(project, files, expected) -> None:
    assert_finding(detect_session(project(files)), expected)
