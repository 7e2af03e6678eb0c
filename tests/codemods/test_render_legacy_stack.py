"""Templates on an older stack write what that stack runs, and the way the project writes it.

The project below is shaped like the older FastAPI boilerplates: SQLAlchemy's `db.query(Model)`
API (before 1.4 sessions have no `get`/`scalars`), `Column` models, untyped dependency
parameters (`db=Depends(db_session)`), `import typing as t`, routers declared
`books_router = r = APIRouter()` whose routes spell the resource path themselves under a shared
include prefix, endpoints named noun first (`books_list`), PUT for updates, and an Alembic
revision without annotations. One resource, Book, teaches the habits.
"""

from __future__ import annotations

import ast
import textwrap

import pytest

from codemods.planner import build_plan
from codemods.spec import parse_resource
from detectors import ProjectIndex, detect_conventions
from tests.detectors._project import make_project

PROJECT = {
    "app/__init__.py": "",
    "app/db/__init__.py": "",
    "app/db/session.py": """
        from sqlalchemy import create_engine
        from sqlalchemy.ext.declarative import declarative_base
        from sqlalchemy.orm import sessionmaker

        engine = create_engine("sqlite://")
        make_session = sessionmaker(bind=engine)
        Base = declarative_base()


        def db_session():
            session = make_session()
            try:
                yield session
            finally:
                session.close()
    """,
    "app/db/models.py": """
        from sqlalchemy import Column, Integer, String

        from app.db.session import Base


        class Book(Base):
            __tablename__ = "book"

            id = Column(Integer, primary_key=True)
            title = Column(String(80), nullable=False)
    """,
    "app/db/schemas.py": """
        import typing as t

        from pydantic import BaseModel


        class BookIn(BaseModel):
            title: str


        class BookPatch(BaseModel):
            title: t.Optional[str] = None


        class BookOut(BookIn):
            id: int

            class Config:
                orm_mode = True
    """,
    "app/db/crud.py": """
        import typing as t

        from sqlalchemy.orm import Session

        from app.db import models, schemas


        def book_by_id(db: Session, book_id: int) -> t.Optional[models.Book]:
            return db.query(models.Book).filter(models.Book.id == book_id).first()


        def all_books(db: Session) -> t.List[models.Book]:
            return db.query(models.Book).all()


        def add_book(db: Session, book: schemas.BookIn) -> models.Book:
            row = models.Book(title=book.title)
            db.add(row)
            db.commit()
            return row
    """,
    "app/auth.py": """
        from fastapi import Depends
        from fastapi.security import OAuth2PasswordBearer

        oauth2 = OAuth2PasswordBearer(tokenUrl="/token")


        def require_reader(token: str = Depends(oauth2)):
            return token


        def require_admin(token: str = Depends(oauth2)):
            return token
    """,
    "app/routers/__init__.py": "",
    "app/routers/books.py": """
        import typing as t

        from fastapi import APIRouter, Depends

        from app.auth import require_admin
        from app.db.crud import add_book, all_books, book_by_id
        from app.db.schemas import BookIn, BookOut, BookPatch
        from app.db.session import db_session

        books_router = r = APIRouter()


        @r.get("/books", response_model=t.List[BookOut])
        def books_list(db=Depends(db_session), admin=Depends(require_admin)):
            return all_books(db)


        @r.get("/books/{book_id}", response_model=BookOut)
        def book_details(book_id: int, db=Depends(db_session), admin=Depends(require_admin)):
            return book_by_id(db, book_id)


        @r.post("/books", response_model=BookOut)
        def book_create(book: BookIn, db=Depends(db_session), admin=Depends(require_admin)):
            return add_book(db, book)


        @r.put("/books/{book_id}", response_model=BookOut)
        def book_edit(
            book_id: int, book: BookPatch, db=Depends(db_session), admin=Depends(require_admin)
        ):
            return book_by_id(db, book_id)


        @r.delete("/books/{book_id}", response_model=BookOut)
        def book_delete(book_id: int, db=Depends(db_session), admin=Depends(require_admin)):
            return book_by_id(db, book_id)
    """,
    "app/main.py": """
        from fastapi import Depends, FastAPI

        from app.auth import require_reader
        from app.routers.books import books_router

        app = FastAPI()
        app.include_router(
            books_router, prefix="/api", dependencies=[Depends(require_reader)]
        )
    """,
    "alembic.ini": "[alembic]\nscript_location = migrations\n",
    "migrations/env.py": "from alembic import context\n",
    "migrations/versions/1a2b3c4d5e6f_books.py": '''
        """books"""
        import sqlalchemy as sa
        from alembic import op

        revision = "1a2b3c4d5e6f"
        down_revision = None
        branch_labels = None
        depends_on = None


        def upgrade():
            op.create_table("book", sa.Column("id", sa.Integer, primary_key=True))


        def downgrade():
            op.drop_table("book")
    ''',
    "tests/__init__.py": "",
    "tests/conftest.py": """
        import pytest
        from fastapi.testclient import TestClient

        from app.main import app


        @pytest.fixture
        def client():
            return TestClient(app)


        @pytest.fixture
        def reader_headers():
            return {"Authorization": "Bearer reader"}


        @pytest.fixture
        def admin_headers():
            return {"Authorization": "Bearer admin"}
    """,
    "tests/test_books.py": """
        def test_books_list(client, admin_headers):
            response = client.get("/api/books", headers=admin_headers)
            assert response.status_code == 200


        def test_books_list_needs_admin(client, reader_headers):
            response = client.get("/api/books", headers=reader_headers)
            assert response.status_code == 403
    """,
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = make_project(tmp_path_factory.mktemp("legacy"), PROJECT)
    index = ProjectIndex(root)
    plan = build_plan(
        detect_conventions(root, index), parse_resource("Order", ["total:int"]), index
    )
    return {e.path: e.new for e in plan.changed}


def new_code(files: dict[str, str], path: str) -> str:
    """What the plan adds to `path` (the whole text of a created file)."""
    original = textwrap.dedent(PROJECT.get(path, "")).lstrip("\n")
    return files[path].removeprefix(original)


def test_router_is_declared_like_the_siblings_and_routes_spell_the_resource(files) -> None:
    router = files["app/routers/orders.py"]
    assert "orders_router = r = APIRouter()" in router
    for route in (
        '@r.get("/orders"',
        '@r.get("/orders/{order_id}"',
        '@r.post("/orders"',
        '@r.put("/orders/{order_id}"',
        '@r.delete("/orders/{order_id}"',
    ):
        assert route in router


def test_endpoints_are_named_noun_first(files) -> None:
    tree = ast.parse(files["app/routers/orders.py"])
    names = [f.name for f in tree.body if isinstance(f, ast.FunctionDef)]
    assert names == ["orders_list", "order_details", "order_create", "order_edit", "order_delete"]


def test_dependencies_stay_untyped_and_typing_is_used_through_its_alias(files) -> None:
    router = files["app/routers/orders.py"]
    assert "db=Depends(db_session)" in router
    assert "admin=Depends(require_admin)" in router
    assert "import typing as t" in router and "t.List[" in router
    assert "from typing import" not in files["app/db/crud.py"]
    assert "from typing import" not in files["app/db/schemas.py"]


def test_crud_functions_are_imported_by_name_as_the_sibling_does(files) -> None:
    router = files["app/routers/orders.py"]
    assert "from app.db.crud import" in router
    for name in ("get_order", "list_orders", "create_order", "update_order", "delete_order"):
        assert name in router


def test_rows_are_read_with_the_query_api(files) -> None:
    crud = new_code(files, "app/db/crud.py")
    assert "db.query(models.Order).get(order_id)" in crud
    assert "db.query(models.Order).order_by(models.Order.id).all()" in crud
    assert "select" not in crud and "scalars" not in crud


def test_include_is_copied_keeping_the_shared_guard_and_prefix(files) -> None:
    main = files["app/main.py"]
    assert "from app.routers.orders import orders_router" in main
    include = main[main.rindex("app.include_router(") :]
    assert "orders_router" in include
    assert 'prefix="/api"' in include
    assert "Depends(require_reader)" in include


def test_revision_header_is_written_like_the_head_revision(files) -> None:
    (path,) = [p for p in files if p.startswith("migrations/versions/") and "order" in p]
    revision = files[path]
    assert 'down_revision = "1a2b3c4d5e6f"' in revision
    assert "def upgrade():" in revision and "-> None" not in revision
    assert "Sequence" not in revision and "str | None" not in revision


def test_tests_send_the_fixture_the_project_passes_this_guard_with(files) -> None:
    tests = files["tests/test_orders.py"]
    assert "admin_headers" in tests and "reader_headers" not in tests
    assert "client.put(" in tests and "client.patch(" not in tests
