from fastapi import APIRouter

from app.api.routes import items, login, projects, users

api_router = APIRouter()
api_router.include_router(login.router, prefix="/login", tags=["login"])
api_router.include_router(users.router, prefix="/users", tags=["users"])
api_router.include_router(items.router, prefix="/items", tags=["items"])
api_router.include_router(projects.router, prefix="/projects", tags=["projects"])
