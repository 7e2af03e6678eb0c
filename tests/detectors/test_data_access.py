"""detect_data_access: what endpoints call to reach rows (functions, a CRUD class, repositories,
services) or whether they query the session inline."""

from __future__ import annotations

import pytest

from detectors.data_access import detect_data_access
from detectors.session import detect_session
from tests.detectors._project import assert_finding

DB = """
    from sqlalchemy.orm import Session


    def get_db():
        yield Session()
"""
CRUD_FUNCTIONS = """
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app.models import {model}


    def get_{name}s(db: Session):
        return db.scalars(select({model})).all()


    def create_{name}(db: Session, data):
        obj = {model}(**data)
        db.add(obj)
        db.commit()
        return obj
"""


def crud_router(module: str, name: str, alias: str = "crud") -> str:
    return f"""
        from fastapi import APIRouter, Depends
        from sqlalchemy.orm import Session

        from {module.rsplit(".", 1)[0]} import {module.rsplit(".", 1)[1]} as {alias}
        from app.db import get_db

        router = APIRouter()


        @router.get("/{name}s")
        def list_{name}s(db: Session = Depends(get_db)):
            return {alias}.get_{name}s(db)


        @router.post("/{name}s")
        def create_{name}(data: dict, db: Session = Depends(get_db)):
            return {alias}.create_{name}(db, data)
    """


INLINE_ROUTER = """
    from fastapi import APIRouter, Depends
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app.db import get_db
    from app.models import Tag

    router = APIRouter()


    @router.get("/tags")
    def list_tags(db: Session = Depends(get_db)):
        return db.scalars(select(Tag)).all()
"""

CASES = [
    pytest.param(
        {
            "app/db.py": DB,
            "app/crud.py": CRUD_FUNCTIONS.format(model="Item", name="item"),
            "app/routers/items.py": crud_router("app.crud", "item"),
        },
        {"kind": "functions", "path": "app/crud.py", "layout": "single_module", "mixed": False},
        id="functions-single-module",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "app/crud/__init__.py": "",
            "app/crud/items.py": CRUD_FUNCTIONS.format(model="Item", name="item"),
            "app/crud/users.py": CRUD_FUNCTIONS.format(model="User", name="user"),
            "app/routers/items.py": crud_router("app.crud.items", "item"),
            "app/routers/users.py": crud_router("app.crud.users", "user"),
        },
        {"kind": "functions", "path": "app/crud", "layout": "per_resource"},
        id="functions-per-resource",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "src/items/service.py": CRUD_FUNCTIONS.format(model="Item", name="item"),
            "src/items/router.py": crud_router("src.items.service", "item", alias="service"),
            "src/users/service.py": CRUD_FUNCTIONS.format(model="User", name="user"),
            "src/users/router.py": crud_router("src.users.service", "user", alias="service"),
        },
        {"kind": "functions", "path": "src", "layout": "domain"},
        id="functions-domain",
    ),
    pytest.param(
        {
            "app/__init__.py": "",
            "app/db.py": DB,
            "app/crud/__init__.py": "from .crud_item import item\n",
            "app/crud/base.py": """
                from typing import Generic, TypeVar

                from sqlalchemy.orm import Session

                ModelType = TypeVar("ModelType")


                class CRUDBase(Generic[ModelType]):
                    def __init__(self, model: type[ModelType]):
                        self.model = model

                    def get_multi(self, db: Session):
                        return db.query(self.model).all()
            """,
            "app/crud/crud_item.py": """
                from sqlalchemy.orm import Session

                from app.crud.base import CRUDBase
                from app.models import Item


                class CRUDItem(CRUDBase[Item]):
                    pass


                item = CRUDItem(Item)
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends
                from sqlalchemy.orm import Session

                from app import crud
                from app.db import get_db

                router = APIRouter()


                @router.get("/items")
                def list_items(db: Session = Depends(get_db)):
                    return crud.item.get_multi(db)
            """,
        },
        {"kind": "generic_crud_class", "path": "app/crud/crud_item.py"},
        id="generic_crud_class",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "app/repositories/items.py": """
                from fastapi import Depends
                from sqlalchemy.orm import Session

                from app.db import get_db


                class ItemRepository:
                    def __init__(self, session: Session):
                        self.session = session

                    def list(self):
                        return self.session.query(Item).all()


                def get_item_repository(session: Session = Depends(get_db)) -> ItemRepository:
                    return ItemRepository(session)
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.repositories.items import ItemRepository, get_item_repository

                router = APIRouter()


                @router.get("/items")
                def list_items(repo: ItemRepository = Depends(get_item_repository)):
                    return repo.list()
            """,
        },
        {"kind": "repository", "path": "app/repositories/items.py", "layout": "single_module"},
        id="repository",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "app/services/items.py": """
                from fastapi import Depends
                from sqlalchemy.orm import Session

                from app.db import get_db


                class ItemService:
                    def __init__(self, db: Session = Depends(get_db)):
                        self.db = db

                    def list(self):
                        return self.db.query(Item).all()
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.services.items import ItemService

                router = APIRouter()


                @router.get("/items")
                def list_items(service: ItemService = Depends()):
                    return service.list()
            """,
        },
        {"kind": "service", "path": "app/services/items.py"},
        id="service",
    ),
    pytest.param(
        {"app/db.py": DB, "app/routers/tags.py": INLINE_ROUTER},
        {"kind": "inline", "path": "app/routers/tags.py", "layout": None},
        id="inline",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "app/models.py": """
                from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


                class Base(DeclarativeBase):
                    pass


                class User(Base):
                    __tablename__ = "users"
                    id: Mapped[int] = mapped_column(primary_key=True)
                    name: Mapped[str]

                    def rename(self, name: str) -> None:
                        self.name = name
            """,
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
                from sqlalchemy.orm import Session

                from app.auth import get_current_user
                from app.db import get_db
                from app.models import User

                router = APIRouter()


                @router.patch("/me")
                def update_me(name: str, db: Session = Depends(get_db), current_user: User = Depends(get_current_user)):
                    current_user.rename(name)
                    db.add(current_user)
                    db.commit()
                    return current_user
            """,
        },
        {"kind": "inline", "path": "app/routers/me.py"},
        id="inline-methods-on-the-current-user-row-are-not-a-repository",
    ),
    pytest.param(
        {
            "app/routers/health.py": """
                from fastapi import APIRouter

                router = APIRouter()


                @router.get("/health")
                def health():
                    return {"status": "ok"}
            """,
        },
        {"kind": "unknown", "path": None, "note_has": ("data layer", "queries a session")},
        id="unknown-no-data-access",
    ),
    pytest.param(
        {
            "app/db.py": DB,
            "app/crud.py": CRUD_FUNCTIONS.format(model="Item", name="item"),
            "app/routers/items.py": crud_router("app.crud", "item"),
            "app/routers/tags.py": INLINE_ROUTER,
        },
        {
            "kind": "functions",
            "path": "app/crud.py",
            "mixed": True,
            "note_has": ("'functions': 2", "'inline': 1"),
        },
        id="mixed-layer-over-inline",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_data_access(project, files, expected) -> None:
    index = project(files)
    assert_finding(detect_data_access(index, detect_session(index)), expected)
