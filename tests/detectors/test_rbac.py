"""detect_rbac: role checks (403-raising dependencies) and per-owner row filtering."""

from __future__ import annotations

import pytest

from detectors.auth import detect_auth
from detectors.rbac import detect_rbac
from tests.detectors._project import assert_finding

MODELS = """
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


    class Base(DeclarativeBase):
        pass


    class User(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)
        role: Mapped[str] = mapped_column(default="user")
        is_superuser: Mapped[bool] = mapped_column(default=False)


    class Item(Base):
        __tablename__ = "items"
        id: Mapped[int] = mapped_column(primary_key=True)
        owner_id: Mapped[int] = mapped_column()
"""
DEPS = """
    from fastapi import Depends, HTTPException, status
    from fastapi.security import OAuth2PasswordBearer

    from app.models import User

    oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/login")


    def get_current_user(token: str = Depends(oauth2_scheme)) -> User:
        return User(id=1)


    def require_role(role: str):
        def checker(user: User = Depends(get_current_user)) -> User:
            if user.role != role:
                raise HTTPException(status_code=403, detail="forbidden")
            return user

        return checker


    def get_current_active_superuser(current_user: User = Depends(get_current_user)) -> User:
        if not current_user.is_superuser:
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="not enough privileges")
        return current_user
"""
BASE_FILES = {"app/models.py": MODELS, "app/deps.py": DEPS}
ROUTER_HEAD = """
    from fastapi import APIRouter, Depends
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app import crud
    from app.deps import get_current_active_superuser, get_current_user, require_role
    from app.models import Item, User

    router = APIRouter()
"""

CASES = [
    pytest.param(
        {
            **BASE_FILES,
            "app/routers/items.py": ROUTER_HEAD
            + """

    @router.get("/items")
    def list_items(current_user: User = Depends(get_current_user)):
        return []
""",
        },
        {
            "kind": "none",
            "dependency": None,
            "owner_field": None,
            "note_has": ("403-raising role/superuser dependencies", "owner_id filters"),
        },
        id="none-authenticated-only",
    ),
    pytest.param(
        {
            "main.py": """
                from fastapi import Depends, FastAPI
                from sqlalchemy import Column, ForeignKey, Integer
                from sqlalchemy.orm import Session, declarative_base

                Base = declarative_base()
                app = FastAPI()


                class Book(Base):
                    __tablename__ = "books"
                    id = Column(Integer, primary_key=True)
                    author_id = Column(Integer, ForeignKey("authors.id"))


                def get_db():
                    yield Session()


                @app.get("/authors/{author_id}/books")
                def author_books(author_id: int, db: Session = Depends(get_db)):
                    return db.query(Book).filter(Book.author_id == author_id).all()
            """,
        },
        {"kind": "none", "owner_field": None},
        id="none-single-file-foreign-key-filter-without-auth",
    ),
    pytest.param(
        {
            **BASE_FILES,
            "app/routers/items.py": ROUTER_HEAD
            + """

    @router.delete("/items/{item_id}", dependencies=[Depends(require_role("admin"))])
    def delete_item(item_id: int):
        return None
""",
        },
        {
            "kind": "role",
            "dependency": "require_role",
            "dependency_module": "app.deps",
            "owner_field": None,
        },
        id="role-factory",
    ),
    pytest.param(
        {
            **BASE_FILES,
            "app/routers/users.py": ROUTER_HEAD
            + """

    @router.get("/users")
    def list_users(admin: User = Depends(get_current_active_superuser)):
        return []
""",
        },
        {
            "kind": "role",
            "dependency": "get_current_active_superuser",
            "dependency_module": "app.deps",
        },
        id="role-superuser-dependency",
    ),
    pytest.param(
        {
            **BASE_FILES,
            "app/routers/items.py": ROUTER_HEAD
            + """

    @router.get("/items")
    def list_items(db: Session, current_user: User = Depends(get_current_user)):
        return db.scalars(select(Item).where(Item.owner_id == current_user.id)).all()
""",
        },
        {"kind": "ownership", "owner_field": "owner_id", "also": ()},
        id="ownership-filter-in-endpoint",
    ),
    pytest.param(
        {
            **BASE_FILES,
            "app/crud.py": """
                from sqlalchemy import select
                from sqlalchemy.orm import Session

                from app.models import Item


                def list_items(db: Session, owner_id: int):
                    return db.scalars(select(Item).where(Item.owner_id == owner_id)).all()
            """,
            "app/routers/items.py": ROUTER_HEAD
            + """

    @router.get("/items")
    def list_items(db: Session, current_user: User = Depends(get_current_user)):
        return crud.list_items(db, current_user.id)
""",
        },
        {"kind": "ownership", "owner_field": "owner_id"},
        id="ownership-user-id-passed-to-data-layer",
    ),
    pytest.param(
        {
            **BASE_FILES,
            "app/crud.py": """
                from sqlalchemy import select
                from sqlalchemy.orm import Session

                from app.models import Item


                def list_items(db: Session, *, owner_id: int):
                    return db.scalars(select(Item).where(Item.owner_id == owner_id)).all()
            """,
            "app/routers/items.py": ROUTER_HEAD
            + """

    @router.get("/items")
    def list_items(db: Session, current_user: User = Depends(get_current_user)):
        return crud.list_items(db, owner_id=current_user.id)
""",
        },
        {"kind": "ownership", "owner_field": "owner_id"},
        id="ownership-user-id-passed-as-keyword",
    ),
    pytest.param(
        {
            **BASE_FILES,
            "app/routers/items.py": ROUTER_HEAD
            + """

    @router.get("/items")
    def list_items(db: Session, current_user: User = Depends(get_current_user)):
        return db.scalars(select(Item).where(Item.owner_id == current_user.id)).all()


    @router.get("/admin/items")
    def all_items(db: Session, current_user: User = Depends(get_current_active_superuser)):
        return db.scalars(select(Item)).all()
""",
        },
        {
            "kind": "ownership",
            "owner_field": "owner_id",
            "also": ("role",),
            "dependency": "get_current_active_superuser",
        },
        id="ownership-with-role-also",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_rbac(project, files, expected) -> None:
    index = project(files)
    assert_finding(detect_rbac(index, detect_auth(index)), expected)
