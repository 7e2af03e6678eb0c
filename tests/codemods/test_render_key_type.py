"""The templates key the new model one way and everything that reads its key the same way.

The project below has no resource to clone: an account model keyed by a string it generates and
a token model keyed by an integer, served by routes that are no CRUD. Its models disagree on the
key type, so the new model's key is the one its model is written with, and the read schema, the
route parameters and the revision say that type too (a model keyed by int beside a schema and
routes taking a str answered 500 on every call). A model that is there already keeps its own
table (`--from-model`): its revision creates the table it declares.
"""

from __future__ import annotations

import ast

import pytest

from codemods.planner import build_plan
from codemods.spec import parse_resource
from detectors import ProjectIndex, detect_conventions
from tests.detectors._project import make_project

PROJECT = {
    "app/__init__.py": "",
    "app/main.py": """
        from fastapi import FastAPI

        from app.accounts.routes import router as accounts_router

        app = FastAPI()
        app.include_router(accounts_router, prefix="/accounts")
    """,
    "app/database.py": """
        from collections.abc import AsyncIterator

        from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
        from sqlalchemy.orm import DeclarativeBase

        engine = create_async_engine("sqlite+aiosqlite://")
        make_session = async_sessionmaker(engine, expire_on_commit=False)


        class Base(DeclarativeBase):
            pass


        async def get_session() -> AsyncIterator[AsyncSession]:
            async with make_session() as session:
                yield session
    """,
    "app/accounts/__init__.py": "",
    "app/accounts/models.py": """
        import uuid

        import sqlalchemy as sa
        from sqlalchemy.orm import Mapped, mapped_column

        from app.database import Base


        class Account(Base):
            __tablename__ = "accounts_account"

            account_id: Mapped[str] = mapped_column(
                sa.String(36), primary_key=True, default=lambda: str(uuid.uuid4())
            )
            login: Mapped[str] = mapped_column(sa.String(120), unique=True)


        class Token(Base):
            __tablename__ = "accounts_token"

            id: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True)
            value: Mapped[str] = mapped_column(sa.String(200))


        class Gadget(Base):
            __tablename__ = "shop_gadget"

            id: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True)
            label: Mapped[str] = mapped_column(sa.String(80))
    """,
    "app/accounts/schemas.py": """
        from pydantic import BaseModel, ConfigDict


        class AccountCreateRequest(BaseModel):
            login: str


        class AccountResponse(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            account_id: str
            login: str
    """,
    "app/accounts/routes.py": """
        from fastapi import APIRouter, Depends, status
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.accounts.models import Account
        from app.accounts.schemas import AccountCreateRequest, AccountResponse
        from app.database import get_session

        router = APIRouter()


        @router.post("/register", response_model=AccountResponse, status_code=status.HTTP_201_CREATED)
        async def register(body: AccountCreateRequest, session: AsyncSession = Depends(get_session)) -> Account:
            account = Account(login=body.login)
            session.add(account)
            await session.commit()
            return account
    """,
    "alembic.ini": "[alembic]\nscript_location = alembic\n",
    "alembic/env.py": "from alembic import context\n\nfrom app.database import Base\n\ntarget_metadata = Base.metadata\n",
    "alembic/versions/0001_accounts.py": """
        \"\"\"accounts\"\"\"

        import sqlalchemy as sa
        from alembic import op

        revision = "0001"
        down_revision = None


        def upgrade() -> None:
            op.create_table("accounts_account", sa.Column("account_id", sa.String(36), primary_key=True))


        def downgrade() -> None:
            op.drop_table("accounts_account")
    """,
}


def _plan(tmp_path, name: str, fields: list[str]) -> dict[str, str]:
    root = make_project(tmp_path, PROJECT)
    index = ProjectIndex(root)
    plan = build_plan(detect_conventions(root, index), parse_resource(name, fields), index)
    return {e.path: e.new for e in plan.changed if e.new is not None}


def _key_annotation(module: str, cls: str) -> str:
    """The annotation of the class's primary key column."""
    node = next(n for n in ast.parse(module).body if isinstance(n, ast.ClassDef) and n.name == cls)
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign) and "primary_key" in ast.unparse(stmt.value):
            return ast.unparse(stmt.annotation)
    raise AssertionError(f"{cls} has no primary key column")


@pytest.fixture(scope="module")
def order(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _plan(tmp_path_factory.mktemp("key_type"), "Order", ["total:int"])


def test_the_model_schemas_and_routes_agree_on_the_key_type(order: dict[str, str]) -> None:
    model = next(text for text in order.values() if "class Order(" in text)
    key = _key_annotation(model, "Order").removeprefix("Mapped[").removesuffix("]")
    schemas = next(text for text in order.values() if "class OrderResponse(" in text)
    read = next(n for n in ast.parse(schemas).body if isinstance(n, ast.ClassDef) and n.name == "OrderResponse")
    ids = [ast.unparse(s.annotation) for s in read.body if isinstance(s, ast.AnnAssign) and s.target.id == "id"]
    assert ids == [key]
    router = next(text for text in order.values() if "def get_order(" in text or "async def get_order(" in text)
    func = next(n for n in ast.walk(ast.parse(router)) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == "get_order")
    params = {a.arg: ast.unparse(a.annotation) for a in func.args.args if a.annotation is not None}
    assert params["order_id"] == key


def test_a_model_that_is_there_gets_the_revision_of_the_table_it_declares(tmp_path) -> None:
    files = _plan(tmp_path, "Gadget", ["label:str"])
    revision = next(text for path, text in files.items() if "/versions/" in path)
    assert revision.split("create_table(", 1)[1].split(",", 1)[0].strip() == '"shop_gadget"'
    assert 'drop_table("shop_gadget")' in revision
