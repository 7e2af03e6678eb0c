"""A model written into a module of its own is imported where the project imports its models
only to register them (an alembic env.py), written like the line before it: without it,
autogenerate takes the new table for one to drop."""

from __future__ import annotations

import pytest

from codemods.planner import build_plan
from codemods.spec import parse_resource
from detectors import ProjectIndex, detect_conventions
from tests.detectors._project import make_project

MODEL = """
    import sqlalchemy as sa
    from sqlalchemy.orm import Mapped, mapped_column

    from app.database import Base


    class {name}(Base):
        __tablename__ = "{table}"

        id: Mapped[int] = mapped_column(primary_key=True)
        label: Mapped[str] = mapped_column(sa.String(80))
"""
PROJECT = {
    "app/__init__.py": "",
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.routers import accounts\n\n"
        "app = FastAPI()\napp.include_router(accounts.router)\n"
    ),
    "app/routers/__init__.py": "",
    "app/routers/accounts.py": """
        from fastapi import APIRouter, Depends
        from sqlalchemy.orm import Session

        from app.database import get_session
        from app.models.account import Account
        from app.schemas.account import AccountRead

        router = APIRouter(prefix="/accounts")


        @router.get("/{account_id}", response_model=AccountRead)
        def read_account(account_id: int, session: Session = Depends(get_session)):
            return session.get(Account, account_id)
    """,
    "app/schemas/__init__.py": "",
    "app/schemas/account.py": """
        from pydantic import BaseModel, ConfigDict


        class AccountRead(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            id: int
            label: str
    """,
    "app/database.py": """
        from sqlalchemy import create_engine
        from sqlalchemy.orm import DeclarativeBase, Session

        engine = create_engine("sqlite://")


        class Base(DeclarativeBase):
            pass


        def get_session():
            with Session(engine) as session:
                yield session
    """,
    "app/models/account.py": MODEL.format(name="Account", table="accounts"),
    "app/models/device.py": MODEL.format(name="Device", table="devices"),
    "alembic.ini": "[alembic]\nscript_location = alembic\n",
    "alembic/env.py": """
        from alembic import context

        from app.database import Base
        import app.models.account  # noqa
        import app.models.device  # noqa

        target_metadata = Base.metadata
    """,
}


@pytest.fixture(scope="module")
def env_py(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = make_project(tmp_path_factory.mktemp("model_imports"), PROJECT)
    index = ProjectIndex(root)
    conventions = detect_conventions(root, index)
    assert conventions.orm.model_imports == (("alembic/env.py", "import app.models.device  # noqa"),)
    plan = build_plan(conventions, parse_resource("Order", ["total:int"]), index)
    return next(e.new for e in plan.changed if e.path == "alembic/env.py")


def test_the_new_model_is_imported_after_the_last_model_like_them(env_py: str) -> None:
    assert "import app.models.device  # noqa\nimport app.models.order  # noqa\n" in env_py


def test_nothing_else_of_the_module_changes(env_py: str) -> None:
    assert env_py.replace("import app.models.order  # noqa\n", "") == PROJECT["alembic/env.py"].replace("\n        ", "\n").lstrip("\n").rstrip(" ")
