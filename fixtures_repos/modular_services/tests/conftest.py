import itertools
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.core.db import Base, get_session
from app.main import create_app
from app.modules.bookmarks.models import Bookmark
from app.modules.collections.models import Collection
from app.modules.users.models import User

RowT = TypeVar('RowT', bound=Base)

UserFactory = Callable[..., Awaitable[User]]
BookmarkFactory = Callable[..., Awaitable[Bookmark]]
CollectionFactory = Callable[..., Awaitable[Collection]]

_sequence = itertools.count(1)


@pytest.fixture
async def db_sessions(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_async_engine(f'sqlite+aiosqlite:///{tmp_path / "test.db"}')
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield async_sessionmaker(engine, expire_on_commit=False)
    await engine.dispose()


@pytest.fixture
def insert(db_sessions: async_sessionmaker[AsyncSession]) -> Callable[[RowT], Awaitable[RowT]]:
    async def _insert(row: RowT) -> RowT:
        async with db_sessions() as session:
            session.add(row)
            await session.commit()
            await session.refresh(row)
        return row

    return _insert


@pytest.fixture
def user_factory(insert: Callable[[User], Awaitable[User]]) -> UserFactory:
    async def create(**fields: Any) -> User:
        n = next(_sequence)
        defaults = {'email': f'user{n}@example.com', 'api_key': secrets.token_hex(16)}
        return await insert(User(**(defaults | fields)))

    return create


@pytest.fixture
def bookmark_factory(insert: Callable[[Bookmark], Awaitable[Bookmark]]) -> BookmarkFactory:
    async def create(owner: User, **fields: Any) -> Bookmark:
        n = next(_sequence)
        defaults = {'url': f'https://example.com/articles/{n}', 'title': f'Article {n}'}
        return await insert(Bookmark(owner_id=owner.id, **(defaults | fields)))

    return create


@pytest.fixture
def collection_factory(insert: Callable[[Collection], Awaitable[Collection]]) -> CollectionFactory:
    async def create(owner: User, **fields: Any) -> Collection:
        defaults = {'name': f'Reading list {next(_sequence)}'}
        return await insert(Collection(owner_id=owner.id, **(defaults | fields)))

    return create


@pytest.fixture
async def user(user_factory: UserFactory) -> User:
    return await user_factory(email='me@example.com')


@pytest.fixture
async def other_user(user_factory: UserFactory) -> User:
    return await user_factory(email='someone-else@example.com')


@pytest.fixture
def auth_headers(user: User) -> dict[str, str]:
    return {'X-API-Key': user.api_key}


@pytest.fixture
def other_auth_headers(other_user: User) -> dict[str, str]:
    return {'X-API-Key': other_user.api_key}


@pytest.fixture
async def client(db_sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncClient]:
    async def session_override() -> AsyncIterator[AsyncSession]:
        async with db_sessions() as session:
            yield session

    app = create_app()
    app.dependency_overrides[get_session] = session_override
    transport = ASGITransport(app=app)
    async with AsyncClient(transport=transport, base_url='http://test') as client:
        yield client
