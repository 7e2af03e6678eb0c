from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from src.config import settings
from src.database import Base, engine
from src.products.router import router as products_router
from src.suppliers.router import router as suppliers_router


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


app = FastAPI(title=settings.app_name, version="0.1.0", lifespan=lifespan)

app.include_router(products_router, prefix="/products", tags=["products"])
app.include_router(suppliers_router, prefix="/suppliers", tags=["suppliers"])
