from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse

from app.api.v1 import routers
from app.core.config import settings
from app.core.pagination import InvalidCursorError
from app.db.session import engine


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    await engine.dispose()


async def invalid_cursor_handler(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(status_code=status.HTTP_400_BAD_REQUEST, content={"detail": "Invalid cursor"})


def create_app() -> FastAPI:
    app = FastAPI(title=settings.PROJECT_NAME, lifespan=lifespan)
    app.add_exception_handler(InvalidCursorError, invalid_cursor_handler)
    for router in routers:
        app.include_router(router, prefix=settings.API_V1_PREFIX)
    return app


app = create_app()
