from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from service.api.v2 import api_v2
from service.db import Base, engine


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    Base.metadata.create_all(engine)
    yield


app = FastAPI(title="Warehouse service", version="2.0.0", lifespan=lifespan)
app.include_router(api_v2, prefix="/api/v2")
