"""detect_schemas: schema naming (suffixes, list models), location and pydantic ORM mode."""

from __future__ import annotations

import pytest

from detectors.app import detect_app
from detectors.schemas import detect_schemas
from tests.detectors._project import assert_finding

MAIN = """
    from fastapi import FastAPI

    app = FastAPI()
"""
MODELS = """
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


    class Base(DeclarativeBase):
        pass


    class Item(Base):
        __tablename__ = "items"
        id: Mapped[int] = mapped_column(primary_key=True)


    class User(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)
"""


def schema_module(model: str, create: str, update: str, read: str, orm: str = "v2") -> str:
    config = (
        "    model_config = ConfigDict(from_attributes=True)"
        if orm == "v2"
        else "    class Config:\n        orm_mode = True"
    )
    imports = "BaseModel, ConfigDict" if orm == "v2" else "BaseModel"
    return f"""
from pydantic import {imports}


class {model}Base(BaseModel):
    name: str


class {model}{create}({model}Base):
    pass


class {model}{update}(BaseModel):
    name: str | None = None


class {model}{read}({model}Base):
    id: int

{config}
"""


def router_module(model: str, schemas: str, create: str, update: str, read: str) -> str:
    lower = model.lower()
    return f"""
from fastapi import APIRouter

from {schemas} import {model}{create}, {model}{read}, {model}{update}

router = APIRouter()


@router.post("/{lower}s", response_model={model}{read})
def create_{lower}(body: {model}{create}):
    ...


@router.get("/{lower}s/{{id}}", response_model={model}{read})
def read_{lower}(id: int):
    ...


@router.patch("/{lower}s/{{id}}", response_model={model}{read})
def update_{lower}(id: int, body: {model}{update}):
    ...
"""


def package_project(create: str, update: str, read: str, orm: str = "v2") -> dict[str, str]:
    return {
        "app/main.py": MAIN,
        "app/models.py": MODELS,
        "app/schemas/item.py": schema_module("Item", create, update, read, orm),
        "app/schemas/user.py": schema_module("User", create, update, read, orm),
        "app/routers/items.py": router_module("Item", "app.schemas.item", create, update, read),
        "app/routers/users.py": router_module("User", "app.schemas.user", create, update, read),
    }


CASES = [
    pytest.param(
        package_project("Create", "Update", "Response"),
        {
            "location": "package",
            "path": "app/schemas",
            "create_suffix": "Create",
            "update_suffix": "Update",
            "read_suffix": "Response",
            "pydantic_version": 2,
            "orm_mode": "from_attributes",
            "base_class": "BaseModel",
            "uses_base_schema": True,
            "mixed": False,
        },
        id="package-create-update-response-from_attributes",
    ),
    pytest.param(
        package_project("In", "Patch", "Out"),
        {"create_suffix": "In", "update_suffix": "Patch", "read_suffix": "Out"},
        id="suffixes-in-patch-out",
    ),
    pytest.param(
        package_project("Create", "Update", "Read", orm="v1"),
        {"read_suffix": "Read", "pydantic_version": 1, "orm_mode": "orm_mode"},
        id="suffix-read-pydantic-v1-orm_mode",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/models.py": MODELS,
            "app/schemas.py": schema_module("Item", "Create", "Update", "Public")
            + """

class ItemsPublic(BaseModel):
    data: list[ItemPublic]
    count: int
""",
            "app/routers/items.py": router_module(
                "Item", "app.schemas", "Create", "Update", "Public"
            )
            + """

from app.schemas import ItemsPublic


@router.get("/items", response_model=ItemsPublic)
def list_items():
    ...
""",
        },
        {
            "location": "module",
            "path": "app/schemas.py",
            "read_suffix": "Public",
            "list_pattern": "{plural}Public",
            "list_suffix": "Public",
        },
        id="module-public-plural-list-model",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/models.py": MODELS,
            "app/schemas.py": schema_module("Item", "Create", "Update", "Response")
            + """

class ItemListResponse(BaseModel):
    items: list[ItemResponse]
    total: int
""",
            "app/routers/items.py": router_module(
                "Item", "app.schemas", "Create", "Update", "Response"
            )
            + """

from app.schemas import ItemListResponse


@router.get("/items", response_model=ItemListResponse)
def list_items():
    ...
""",
        },
        {"location": "module", "list_pattern": "{name}ListResponse", "list_suffix": "ListResponse"},
        id="name-list-response-list-model",
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


                class HeroUpdate(SQLModel):
                    name: str | None = None


                class HeroPublic(HeroBase):
                    id: int
            """,
            "app/routers/heroes.py": router_module(
                "Hero", "app.models", "Create", "Update", "Public"
            ),
        },
        {
            "location": "models_module",
            "path": "app/models.py",
            "base_class": "SQLModel",
            "create_suffix": "Create",
            "read_suffix": "Public",
            "uses_base_schema": True,
        },
        id="models_module-sqlmodel",
    ),
    pytest.param(
        {
            "main.py": """
                from fastapi import FastAPI
                from pydantic import BaseModel
                from sqlalchemy import Column, Integer
                from sqlalchemy.orm import declarative_base

                Base = declarative_base()
                app = FastAPI()


                class Book(Base):
                    __tablename__ = "books"
                    id = Column(Integer, primary_key=True)


                class BookCreate(BaseModel):
                    title: str


                class BookOut(BaseModel):
                    id: int
                    title: str


                @app.post("/books", response_model=BookOut)
                def create_book(book: BookCreate):
                    ...
            """,
        },
        {
            "location": "single_file",
            "path": "main.py",
            "create_suffix": "Create",
            "read_suffix": "Out",
            "update_suffix": None,
            "uses_base_schema": False,
        },
        id="single_file",
    ),
    pytest.param(
        {
            "src/main.py": MAIN,
            "src/models.py": MODELS,
            "src/items/schemas.py": schema_module("Item", "Create", "Update", "Read"),
            "src/items/router.py": router_module(
                "Item", "src.items.schemas", "Create", "Update", "Read"
            ),
            "src/users/schemas.py": schema_module("User", "Create", "Update", "Read"),
            "src/users/router.py": router_module(
                "User", "src.users.schemas", "Create", "Update", "Read"
            ),
        },
        {"location": "domain", "path": "src", "read_suffix": "Read"},
        id="domain",
    ),
    pytest.param(
        {
            **package_project("Create", "Update", "Response"),
            "app/schemas/order.py": """
                from pydantic import BaseModel


                class OrderIn(BaseModel):
                    qty: int
            """,
            "app/routers/orders.py": """
                from fastapi import APIRouter

                from app.schemas.order import OrderIn

                router = APIRouter()


                @router.post("/orders")
                def create_order(body: OrderIn):
                    ...
            """,
            "app/models.py": MODELS
            + """

    class Order(Base):
        __tablename__ = "orders"
        id: Mapped[int] = mapped_column(primary_key=True)
""",
        },
        {"create_suffix": "Create", "mixed": True, "note_has": ("create: {'Create': 2, 'In': 1}",)},
        id="mixed-suffixes-majority-wins",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/models.py": MODELS,
            "app/schemas.py": """
                from pydantic import BaseModel


                class UserCreateRequest(BaseModel):
                    email: str


                class UserResponse(BaseModel):
                    id: int


                class UserResetRequest(BaseModel):
                    token: str


                class UserTokenRequest(BaseModel):
                    refresh: str


                class AccessTokenResponse(BaseModel):
                    access: str
            """,
            "app/views.py": """
                from fastapi import APIRouter, status

                from app.schemas import AccessTokenResponse, UserCreateRequest, UserResetRequest, UserResponse, UserTokenRequest

                router = APIRouter()


                @router.post("/register", response_model=UserResponse, status_code=status.HTTP_201_CREATED)
                def register(body: UserCreateRequest):
                    ...


                @router.post("/reset", status_code=status.HTTP_204_NO_CONTENT)
                def reset(body: UserResetRequest):
                    ...


                @router.post("/token", response_model=AccessTokenResponse)
                def token(body: UserTokenRequest):
                    ...
            """,
        },
        {"create_suffix": "CreateRequest", "mixed": False},
        id="posts-making-no-row-are-no-creates",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/models.py": MODELS,
            "app/routers/items.py": """
                from fastapi import APIRouter

                router = APIRouter()


                @router.get("/items/{item_id}")
                def read_item(item_id: int) -> dict:
                    return {}
            """,
        },
        {
            "location": "unknown",
            "create_suffix": None,
            "read_suffix": None,
            "note_has": ("pydantic classes taken and returned by endpoints",),
        },
        id="unknown-no-schemas",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_schemas(project, files, expected) -> None:
    index = project(files)
    assert_finding(detect_schemas(index, detect_app(index)), expected)
