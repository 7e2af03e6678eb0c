import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import asyncpg
import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import URL, make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool

from app.core.config import settings
from app.core.security import create_access_token, hash_password
from app.db.base import Base
from app.db.session import get_session
from app.main import app
from app.models import User

T = TypeVar("T")

USER_PASSWORD = "correct-horse-battery-staple"

# Real deployments use a slow hash; tests only need a valid one.
settings.PASSWORD_HASH_ITERATIONS = 1_000


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run admin coroutines on a private event loop so pytest-asyncio's loops are left untouched."""
    with asyncio.Runner(loop_factory=asyncio.new_event_loop) as runner:
        return runner.run(coro)


async def _admin_connect(server_url: URL) -> asyncpg.Connection:
    return await asyncpg.connect(
        host=server_url.host or "127.0.0.1",
        port=server_url.port or 5432,
        user=server_url.username or "postgres",
        password=server_url.password,
        database="postgres",
        timeout=5,
    )


async def _check_server(server_url: URL) -> None:
    conn = await _admin_connect(server_url)
    await conn.close()


async def _create_database(server_url: URL, name: str) -> None:
    conn = await _admin_connect(server_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


async def _drop_database(server_url: URL, name: str) -> None:
    conn = await _admin_connect(server_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def _create_tables(url: URL) -> None:
    engine = create_async_engine(url, poolclass=NullPool)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    await engine.dispose()


@pytest.fixture(scope="session")
def server_url() -> URL:
    """PostgreSQL server to test against (``TEST_DATABASE_URL`` overrides the app's ``DATABASE_URL``)."""
    url = make_url(os.environ.get("TEST_DATABASE_URL", settings.DATABASE_URL))
    try:
        run_sync(_check_server(url))
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        pytest.skip(f"PostgreSQL not reachable at {url.host or '127.0.0.1'}:{url.port or 5432}: {exc!r}")
    return url


@contextmanager
def throwaway_database(server_url: URL) -> Iterator[URL]:
    name = f"repository_pg_test_{uuid.uuid4().hex}"
    run_sync(_create_database(server_url, name))
    try:
        yield server_url.set(database=name)
    finally:
        run_sync(_drop_database(server_url, name))


@pytest.fixture(scope="session")
def database_url(server_url: URL) -> Iterator[URL]:
    """A throwaway database for the whole test session, with every table from ``Base.metadata``."""
    with throwaway_database(server_url) as url:
        run_sync(_create_tables(url))
        yield url


@pytest.fixture
def empty_database_url(server_url: URL) -> Iterator[URL]:
    """A throwaway database without any tables (for migration tests)."""
    with throwaway_database(server_url) as url:
        yield url


@pytest.fixture
async def engine(database_url: URL) -> AsyncIterator[AsyncEngine]:
    # Function-scoped engine with NullPool: asyncpg connections never outlive the test's event loop.
    engine = create_async_engine(database_url, poolclass=NullPool)
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@pytest.fixture
async def session(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with session_factory() as session:
        yield session


@pytest.fixture
async def client(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncClient]:
    async def override_get_session() -> AsyncIterator[AsyncSession]:
        async with session_factory() as session:
            yield session

    app.dependency_overrides[get_session] = override_get_session
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        yield client
    app.dependency_overrides.clear()


async def _create_user(session: AsyncSession, email: str, full_name: str) -> User:
    user = User(email=email, hashed_password=hash_password(USER_PASSWORD), full_name=full_name)
    session.add(user)
    await session.commit()
    await session.refresh(user)
    return user


@pytest.fixture
async def user(session: AsyncSession) -> User:
    return await _create_user(session, "alice@example.com", "Alice Example")


@pytest.fixture
async def other_user(session: AsyncSession) -> User:
    return await _create_user(session, "bob@example.com", "Bob Example")


@pytest.fixture
def user_password() -> str:
    return USER_PASSWORD


@pytest.fixture
def auth_headers(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_access_token(str(user.id))}"}


@pytest.fixture
def other_auth_headers(other_user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_access_token(str(other_user.id))}"}
