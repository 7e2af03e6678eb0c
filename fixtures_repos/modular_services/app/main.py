from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .core.config import get_settings
from .core.db import Base, engine
from .modules.bookmarks import routes as bookmarks_routes
from .modules.collections import routes as collections_routes
from .modules.users import routes as users_routes


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title=get_settings().app_name, lifespan=lifespan)
    app.include_router(users_routes.router, prefix='/users', tags=['users'])
    app.include_router(bookmarks_routes.router, prefix='/bookmarks', tags=['bookmarks'])
    app.include_router(collections_routes.router, prefix='/collections', tags=['collections'])
    return app


app = create_app()
