"""detect_orm: which ORM, sync/async, column style, where models live, pk type, timestamps."""

from __future__ import annotations

import pytest

from detectors.app import detect_app
from detectors.orm import detect_orm
from tests.detectors._project import assert_finding

MAIN = """
    from fastapi import FastAPI

    app = FastAPI()
"""
BASE = """
    from sqlalchemy.orm import DeclarativeBase


    class Base(DeclarativeBase):
        pass
"""
MAPPED_ITEM = """
    from sqlalchemy import String
    from sqlalchemy.orm import Mapped, mapped_column

    from app.db.base import Base


    class Item(Base):
        __tablename__ = "items"

        id: Mapped[int] = mapped_column(primary_key=True)
        title: Mapped[str] = mapped_column(String(100))
"""
MAPPED_USER = """
    from sqlalchemy.orm import Mapped, mapped_column

    from app.db.base import Base


    class User(Base):
        __tablename__ = "users"

        id: Mapped[int] = mapped_column(primary_key=True)
        email: Mapped[str] = mapped_column(unique=True)
"""

CASES = [
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/db/base.py": BASE,
            "app/models/__init__.py": """
                from app.models.item import Item
                from app.models.user import User
            """,
            "app/models/item.py": MAPPED_ITEM,
            "app/models/user.py": MAPPED_USER,
        },
        {
            "kind": "sqlalchemy",
            "is_async": False,
            "style": "mapped_column",
            "base": "Base",
            "base_module": "app.db.base",
            "models_location": "package",
            "models_path": "app/models",
            "registry_file": "app/models/__init__.py",
            "pk_type": "int",
            "timestamps": (),
            "mixed": False,
        },
        id="sqlalchemy-mapped_column-package-with-registry",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/db/base.py": BASE,
            "app/models/__init__.py": "",
            "app/models/item.py": MAPPED_ITEM,
            "app/models/user.py": MAPPED_USER,
        },
        {"models_location": "package", "registry_file": None},
        id="package-without-registry",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/database.py": """
                from sqlalchemy import create_engine
                from sqlalchemy.orm import declarative_base, sessionmaker

                engine = create_engine("sqlite:///./app.db")
                SessionLocal = sessionmaker(bind=engine)
                Base = declarative_base()
            """,
            "app/models.py": """
                from sqlalchemy import Column, Integer, String

                from app.database import Base


                class Item(Base):
                    __tablename__ = "items"
                    id = Column(Integer, primary_key=True, index=True)
                    title = Column(String, index=True)
            """,
        },
        {
            "kind": "sqlalchemy",
            "is_async": False,
            "style": "column",
            "base": "Base",
            "base_module": "app.database",
            "models_location": "module",
            "models_path": "app/models.py",
            "pk_type": "int",
        },
        id="sqlalchemy-column-module",
    ),
    pytest.param(
        {
            "app/__init__.py": "",
            "app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
            # a base no model inherits from (an env.py's), defined before the one they do
            "app/db/base.py": "from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n",
            "app/db/session.py": "from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n",
            "app/models.py": """
                from sqlalchemy import Column, Integer

                from app.db.session import Base


                class Item(Base):
                    __tablename__ = "items"
                    id = Column(Integer, primary_key=True)
            """,
        },
        {"base": "Base", "base_module": "app.db.session"},
        id="the-base-the-models-inherit-from",
    ),
    pytest.param(
        {
            "app/__init__.py": "",
            "app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
            "app/db.py": "from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n",
            # the first domain's models: the only models module, beside another domain's routes
            "app/auth/models.py": """
                from sqlalchemy import Column, Integer

                from app.db import Base


                class Account(Base):
                    __tablename__ = "accounts"
                    id = Column(Integer, primary_key=True)
            """,
            "app/auth/views.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get('/me')\ndef me():\n    return {}\n",
            "app/probe/views.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get('/live')\ndef live():\n    return {}\n",
        },
        {"models_location": "domain", "models_path": "app"},
        id="the-first-domains-models-module",
    ),
    pytest.param(
        {
            "main.py": """
                from fastapi import FastAPI
                from sqlalchemy import Column, Integer, String
                from sqlalchemy.orm import declarative_base

                Base = declarative_base()
                app = FastAPI()


                class Book(Base):
                    __tablename__ = "books"
                    id = Column(Integer, primary_key=True)
                    title = Column(String)
            """,
        },
        {
            "kind": "sqlalchemy",
            "style": "column",
            "models_location": "single_file",
            "models_path": "main.py",
        },
        id="single_file",
    ),
    pytest.param(
        {
            "src/main.py": MAIN,
            "src/database.py": """
                from sqlalchemy.ext.asyncio import AsyncAttrs, create_async_engine
                from sqlalchemy.orm import DeclarativeBase

                engine = create_async_engine("sqlite+aiosqlite:///./app.db")


                class Base(AsyncAttrs, DeclarativeBase):
                    pass
            """,
            "src/items/models.py": """
                import uuid
                from datetime import datetime

                from sqlalchemy import DateTime, func
                from sqlalchemy.orm import Mapped, mapped_column

                from src.database import Base


                class Item(Base):
                    __tablename__ = "items"
                    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
                    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
                    updated_at: Mapped[datetime] = mapped_column(default=func.now(), onupdate=func.now())
            """,
            "src/users/models.py": """
                import uuid
                from datetime import datetime

                from sqlalchemy import func
                from sqlalchemy.orm import Mapped, mapped_column

                from src.database import Base


                class User(Base):
                    __tablename__ = "users"
                    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
                    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
            """,
        },
        {
            "kind": "sqlalchemy",
            "is_async": True,
            "style": "mapped_column",
            "models_location": "domain",
            "models_path": "src",
            "pk_type": "uuid",
            "timestamps": ("created_at", "updated_at"),
        },
        id="async-domain-uuid-timestamps",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/models.py": """
                from sqlmodel import Field, SQLModel


                class HeroBase(SQLModel):
                    name: str


                class Hero(HeroBase, table=True):
                    id: int | None = Field(default=None, primary_key=True)


                class HeroCreate(HeroBase):
                    pass
            """,
        },
        {
            "kind": "sqlmodel",
            "style": "sqlmodel",
            "base": "SQLModel",
            "base_module": "sqlmodel",
            "models_location": "module",
            "models_path": "app/models.py",
            "pk_type": "int",
            "is_async": False,
        },
        id="sqlmodel",
    ),
    pytest.param(
        {
            "app/main.py": """
                from fastapi import FastAPI
                from tortoise.contrib.fastapi import register_tortoise

                app = FastAPI()
                register_tortoise(app, db_url="sqlite://:memory:", modules={"models": ["app.models"]})
            """,
            "app/models.py": """
                from tortoise import fields, models


                class Item(models.Model):
                    id = fields.IntField(pk=True)
            """,
        },
        {"kind": "other", "other": "tortoise", "note_has": ("tortoise is not supported",)},
        id="other-tortoise",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/schemas.py": """
                from pydantic import BaseModel


                class Item(BaseModel):
                    name: str
            """,
        },
        {
            "kind": "none",
            "is_async": None,
            "note_has": ("declarative bases", "SQLModel table classes"),
        },
        id="none",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/db/base.py": BASE,
            "app/models/__init__.py": "",
            "app/models/item.py": MAPPED_ITEM,
            "app/models/user.py": MAPPED_USER,
            "app/models/legacy.py": """
                from sqlalchemy import Column, Integer

                from app.db.base import Base


                class Legacy(Base):
                    __tablename__ = "legacy"
                    id = Column(Integer, primary_key=True)
            """,
        },
        {
            "style": "mapped_column",
            "mixed": True,
            "note_has": ("'mapped_column': 4", "'column': 1"),
        },
        id="mixed-styles-majority-wins",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/db.py": """
                from sqlalchemy import Column, Integer
                from sqlalchemy.ext.declarative import declarative_base

                Base = declarative_base()


                class Item(Base):
                    __tablename__ = "item"
                    id = Column(Integer, primary_key=True)
            """,
            "app/crud.py": """
                from sqlalchemy.orm import Session

                from app.db import Item


                def get_item(db: Session, item_id: int):
                    return db.query(Item).filter(Item.id == item_id).first()
            """,
        },
        {"style": "column", "query_api": "query"},
        id="legacy-query-api",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/db/base.py": BASE,
            "app/models/__init__.py": "",
            "app/models/item.py": MAPPED_ITEM,
            "app/crud.py": """
                from sqlalchemy import select

                from app.models.item import Item


                def get_item(db, item_id):
                    return db.scalar(select(Item).where(Item.id == item_id))


                def count(db):
                    return db.query(Item).count()
            """,
        },
        {"query_api": "select"},
        id="select-api-wins-once-used",
    ),
    pytest.param(
        {
            "backend/pyproject.toml": "[project]\nname = 'api'\n",
            "backend/app/main.py": MAIN,
            "backend/app/db/base.py": BASE,
            "backend/app/models/item.py": MAPPED_ITEM,
        },
        {"kind": "none", "note_has": ("resolve from backend/", "--project backend")},
        id="run-above-the-project-says-where-it-is",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_orm(project, files, expected) -> None:
    index = project(files)
    assert_finding(detect_orm(index, detect_app(index)), expected)
