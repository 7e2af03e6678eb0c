from fastapi import APIRouter

from app.routers import auth, authors, books

ROUTERS: list[APIRouter] = [auth.router, authors.router, books.router]
