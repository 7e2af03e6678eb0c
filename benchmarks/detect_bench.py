"""Benchmark convention detection against the `ast.parse` floor on a large synthetic project.

    python benchmarks/detect_bench.py [--modules N] [--repeat R]

Builds a uniform-style FastAPI project of at least N modules in a temporary directory (routers,
models, schemas, crud, tests and plain helper modules), then reports:

  floor      reading + `ast.parse` of every .py file of the project (best of R)
  detection  `detect_conventions(root)` end to end, ProjectIndex included (best of R)
             (the two take turns, with a gc.collect() before each run)
  ratio      detection / floor; the target is <= 2.0
  peak mem   tracemalloc peak of one separate detection run

Nothing is written outside the temporary directory, which is removed at exit.
"""

from __future__ import annotations

import argparse
import ast
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.dont_write_bytecode = True  # importing detectors must not leave __pycache__ in the repo
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detectors import detect_conventions  # noqa: E402

TARGET_RATIO = 2.0
NOUNS = (
    "invoice",
    "order_line",
    "customer",
    "shipment",
    "product",
    "warehouse",
    "supplier",
    "payment",
    "coupon",
    "review",
    "ticket",
    "comment",
    "project",
    "task",
    "label",
    "article",
    "author",
    "booking",
    "room",
    "vehicle",
)
FILES_PER_RESOURCE = 6  # router, model, schema, crud, test, helper


def _camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


# -- templates --------------------------------------------------------------------------------

DATABASE = """\
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from app.core.config import DATABASE_URL

engine = create_async_engine(DATABASE_URL, echo=False)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


class Base(DeclarativeBase):
    pass


async def get_db() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session
"""

CONFIG = """\
import os

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite+aiosqlite:///./app.db")
SECRET_KEY = os.environ.get("SECRET_KEY", "change-me")
TOKEN_TTL_MINUTES = int(os.environ.get("TOKEN_TTL_MINUTES", "60"))
"""

DEPENDENCIES = """\
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.database import get_db
from app.models.user import User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


async def get_current_user(
    token: str = Depends(oauth2_scheme),
    db: AsyncSession = Depends(get_db),
) -> User:
    user = await db.get(User, int(token)) if token.isdigit() else None
    if user is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Invalid authentication credentials",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user
"""

USER_MODEL = """\
from datetime import datetime

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.database import Base


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    hashed_password: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
"""

MODEL = """\
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.database import Base


class {cls}(Base):
    __tablename__ = "{name}s"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str | None] = mapped_column(String(2000), default=None)
    quantity: Mapped[int] = mapped_column(default=0)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
"""

SCHEMA = """\
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class {cls}Base(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str | None = None
    quantity: int = Field(default=0, ge=0)


class {cls}Create({cls}Base):
    pass


class {cls}Update(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = None
    quantity: int | None = Field(default=None, ge=0)


class {cls}Read({cls}Base):
    model_config = ConfigDict(from_attributes=True)

    id: int
    owner_id: int
    created_at: datetime
    updated_at: datetime
"""

CRUD = """\
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.{name} import {cls}
from app.schemas.{name} import {cls}Create, {cls}Update


async def list_{name}s(db: AsyncSession, owner_id: int, skip: int = 0, limit: int = 100) -> list[{cls}]:
    stmt = select({cls}).where({cls}.owner_id == owner_id).order_by({cls}.id).offset(skip).limit(limit)
    result = await db.execute(stmt)
    return list(result.scalars().all())


async def get_{name}(db: AsyncSession, {name}_id: int) -> {cls} | None:
    return await db.get({cls}, {name}_id)


async def create_{name}(db: AsyncSession, data: {cls}Create, owner_id: int) -> {cls}:
    obj = {cls}(**data.model_dump(), owner_id=owner_id)
    db.add(obj)
    await db.commit()
    await db.refresh(obj)
    return obj


async def update_{name}(db: AsyncSession, obj: {cls}, data: {cls}Update) -> {cls}:
    for key, value in data.model_dump(exclude_unset=True).items():
        setattr(obj, key, value)
    await db.commit()
    await db.refresh(obj)
    return obj


async def delete_{name}(db: AsyncSession, obj: {cls}) -> None:
    await db.delete(obj)
    await db.commit()
"""

ROUTER = """\
from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.crud import {name} as {name}_crud
from app.database import get_db
from app.dependencies import get_current_user
from app.models.{name} import {cls}
from app.models.user import User
from app.schemas.{name} import {cls}Create, {cls}Read, {cls}Update

router = APIRouter(prefix="/{url}", tags=["{name}"])


@router.get("", response_model=list[{cls}Read])
async def list_{name}s(
    skip: int = Query(0, ge=0),
    limit: int = Query(100, ge=1, le=100),
    db: AsyncSession = Depends(get_db),
    current_user: User = Depends(get_current_user),
) -> list[{cls}]:
    return await {name}_crud.list_{name}s(db, current_user.id, skip=skip, limit=limit)


@router.get("/{{{name}_id}}", response_model={cls}Read)
async def get_{name}(
    {name}_id: int,
    db: AsyncSession = Depends(get_db),
    current_user: User = Depends(get_current_user),
) -> {cls}:
    obj = await {name}_crud.get_{name}(db, {name}_id)
    if obj is None or obj.owner_id != current_user.id:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="{cls} not found")
    return obj


@router.post("", response_model={cls}Read, status_code=status.HTTP_201_CREATED)
async def create_{name}(
    data: {cls}Create,
    db: AsyncSession = Depends(get_db),
    current_user: User = Depends(get_current_user),
) -> {cls}:
    return await {name}_crud.create_{name}(db, data, owner_id=current_user.id)


@router.patch("/{{{name}_id}}", response_model={cls}Read)
async def update_{name}(
    {name}_id: int,
    data: {cls}Update,
    db: AsyncSession = Depends(get_db),
    current_user: User = Depends(get_current_user),
) -> {cls}:
    obj = await {name}_crud.get_{name}(db, {name}_id)
    if obj is None or obj.owner_id != current_user.id:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="{cls} not found")
    return await {name}_crud.update_{name}(db, obj, data)


@router.delete("/{{{name}_id}}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_{name}(
    {name}_id: int,
    db: AsyncSession = Depends(get_db),
    current_user: User = Depends(get_current_user),
) -> None:
    obj = await {name}_crud.get_{name}(db, {name}_id)
    if obj is None or obj.owner_id != current_user.id:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="{cls} not found")
    await {name}_crud.delete_{name}(db, obj)
"""

CONFTEST = """\
from collections.abc import AsyncIterator

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.database import Base, get_db
from app.dependencies import get_current_user
from app.main import app
from app.models.user import User


@pytest.fixture
async def db_session() -> AsyncIterator[AsyncSession]:
    engine = create_async_engine("sqlite+aiosqlite:///:memory:")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    maker = async_sessionmaker(engine, expire_on_commit=False)
    async with maker() as session:
        yield session
    await engine.dispose()


@pytest.fixture
async def normal_user(db_session: AsyncSession) -> User:
    user = User(email="user@example.com", hashed_password="x")
    db_session.add(user)
    await db_session.commit()
    return user


@pytest.fixture
async def client(db_session: AsyncSession, normal_user: User) -> AsyncIterator[AsyncClient]:
    app.dependency_overrides[get_db] = lambda: db_session
    app.dependency_overrides[get_current_user] = lambda: normal_user
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as ac:
        yield ac
    app.dependency_overrides.clear()


@pytest.fixture
def auth_headers(normal_user: User) -> dict[str, str]:
    return {{"Authorization": f"Bearer {{normal_user.id}}"}}
"""

TEST = """\
import pytest
from httpx import AsyncClient


@pytest.mark.asyncio
async def test_create_{name}(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    response = await client.post("/{url}", json={{"name": "first"}}, headers=auth_headers)
    assert response.status_code == 201
    assert response.json()["name"] == "first"


@pytest.mark.asyncio
async def test_list_{name}s(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    await client.post("/{url}", json={{"name": "a"}}, headers=auth_headers)
    response = await client.get("/{url}", headers=auth_headers)
    assert response.status_code == 200
    assert len(response.json()) == 1


@pytest.mark.asyncio
async def test_get_missing_{name}(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    response = await client.get("/{url}/999", headers=auth_headers)
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_update_{name}(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    created = (await client.post("/{url}", json={{"name": "a"}}, headers=auth_headers)).json()
    response = await client.patch(f"/{url}/{{created['id']}}", json={{"name": "b"}}, headers=auth_headers)
    assert response.status_code == 200
    assert response.json()["name"] == "b"


@pytest.mark.asyncio
async def test_delete_{name}(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    created = (await client.post("/{url}", json={{"name": "a"}}, headers=auth_headers)).json()
    response = await client.delete(f"/{url}/{{created['id']}}", headers=auth_headers)
    assert response.status_code == 204
"""

HELPER = '''\
"""Formatting and arithmetic helpers ({idx})."""

import math
import re
from datetime import date, timedelta

_SLUG = re.compile(r"[^a-z0-9]+")


def slugify_{idx}(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def chunked_{idx}(values: list[int], size: int) -> list[list[int]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def business_days_{idx}(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


class Stats{idx}:
    def __init__(self, values: list[float]) -> None:
        self.values = values

    def mean(self) -> float:
        return sum(self.values) / len(self.values) if self.values else 0.0

    def stdev(self) -> float:
        if len(self.values) < 2:
            return 0.0
        mu = self.mean()
        return math.sqrt(sum((v - mu) ** 2 for v in self.values) / (len(self.values) - 1))
'''


def build_project(root: Path, modules: int) -> int:
    """Write the synthetic project under `root`; return the number of resources."""
    resources = max(1, -(-modules // FILES_PER_RESOURCE))
    names = [f"{NOUNS[i % len(NOUNS)]}_{i:04d}" for i in range(resources)]
    files: dict[str, str] = {
        "pyproject.toml": '[project]\nname = "bench-app"\nversion = "0.1.0"\n\n'
        '[tool.pytest.ini_options]\nasyncio_mode = "strict"\n',
        "app/__init__.py": "",
        "app/core/__init__.py": "",
        "app/core/config.py": CONFIG,
        "app/database.py": DATABASE,
        "app/dependencies.py": DEPENDENCIES,
        "app/models/__init__.py": "",
        "app/models/user.py": USER_MODEL,
        "app/schemas/__init__.py": "",
        "app/crud/__init__.py": "",
        "app/routers/__init__.py": "",
        "app/utils/__init__.py": "",
        "tests/__init__.py": "",
        "tests/conftest.py": CONFTEST.format(),
    }
    for i, name in enumerate(names):
        fields = {"name": name, "cls": _camel(name), "url": name.replace("_", "-") + "s"}
        files[f"app/models/{name}.py"] = MODEL.format(**fields)
        files[f"app/schemas/{name}.py"] = SCHEMA.format(**fields)
        files[f"app/crud/{name}.py"] = CRUD.format(**fields)
        files[f"app/routers/{name}.py"] = ROUTER.format(**fields)
        files[f"tests/test_{name}.py"] = TEST.format(**fields)
        files[f"app/utils/helpers_{i:04d}.py"] = HELPER.format(idx=f"{i:04d}")
    imports = "\n".join(f"from app.routers import {n}" for n in names)
    includes = "\n".join(f"app.include_router({n}.router)" for n in names)
    files["app/main.py"] = (
        "from fastapi import FastAPI\n\n" + imports + "\n\n"
        'app = FastAPI(title="Bench", version="0.1.0")\n\n' + includes + "\n\n\n"
        '@app.get("/health")\nasync def health() -> dict[str, str]:\n    return {"status": "ok"}\n'
    )
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return resources


# -- measurements -------------------------------------------------------------------------------


def py_files(root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        out.extend(Path(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return out


def floor(root: Path) -> int:
    """Find, read and `ast.parse` every .py file: what any AST-based detector must pay."""
    n = 0
    for path in py_files(root):
        ast.parse(path.read_bytes().decode("utf-8"), filename=str(path))
        n += 1
    return n


def timed(fn) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best_of_interleaved(fns, repeat: int) -> list[float]:
    """Best wall time of each function over `repeat` rounds, the functions taking turns within a
    round so that both see the same machine load."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            best[i] = min(best[i], timed(fn))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--modules", type=int, default=1200, help="minimum number of modules (default 1200)"
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per measurement, best kept (default 5)"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="detect_bench_") as tmp:
        root = Path(tmp) / "project"
        resources = build_project(root, args.modules)
        files = py_files(root)
        total_mb = sum(p.stat().st_size for p in files) / 1e6

        conv = detect_conventions(root)  # warm-up, and a check that detection sees the project
        summary = (
            f"layout={conv.router_layout.kind} session={conv.session.pattern} "
            f"auth={conv.auth.kind} orm={conv.orm.kind}/{conv.orm.style} "
            f"data_access={conv.data_access.kind} tests={conv.tests.client}"
        )
        floor(root)

        t_floor, t_detect = best_of_interleaved(
            [lambda: floor(root), lambda: detect_conventions(root)], args.repeat
        )

        gc.collect()
        tracemalloc.start()
        detect_conventions(root)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        ratio = t_detect / t_floor
        rows = [
            ("files (.py)", f"{len(files)}  ({resources} resources, {resources * 5} endpoints)"),
            ("total size", f"{total_mb:.2f} MB"),
            (f"floor: read + ast.parse (best of {args.repeat})", f"{t_floor * 1000:.1f} ms"),
            (f"detect_conventions (best of {args.repeat})", f"{t_detect * 1000:.1f} ms"),
            ("ratio detection / floor", f"{ratio:.2f}x  (target <= {TARGET_RATIO:.1f}x)"),
            ("peak memory of detection (tracemalloc)", f"{peak / 1e6:.1f} MB"),
        ]
        width = max(len(k) for k, _ in rows)
        print(f"detect_bench: python {sys.version.split()[0]}, {summary}")
        for key, value in rows:
            print(f"  {key:<{width}}  {value}")
        ok = ratio <= TARGET_RATIO
        print(f"  {'target met':<{width}}  {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
