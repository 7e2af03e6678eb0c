from fastapi import FastAPI

from app import models
from app.database import engine
from app.routers import ROUTERS

models.Base.metadata.create_all(bind=engine)

app = FastAPI(title="Bookshelf API", version="0.3.0")

for router in ROUTERS:
    app.include_router(router)


@app.get("/health", tags=["health"])
def health():
    return {"status": "ok"}
