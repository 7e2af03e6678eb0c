"""detect_router_registration: how resource routers reach the app, and where prefixes sit."""

from __future__ import annotations

import pytest

from detectors.app import detect_app
from detectors.layout import detect_router_layout
from detectors.registration import detect_router_registration
from tests.detectors._project import assert_finding


def router_module(prefix: str | None, collection_path: str = "/") -> str:
    args = f'prefix="{prefix}"' if prefix else ""
    return f"""
        from fastapi import APIRouter

        router = APIRouter({args})


        @router.get("{collection_path}")
        def list_all():
            return []


        @router.post("{collection_path}")
        def create():
            return {{}}


        @router.get("{collection_path.rstrip("/")}/{{item_id}}")
        def read(item_id: int):
            return {{}}
    """


ROUTERS_PREFIXED = {
    "app/__init__.py": "",
    "app/routers/__init__.py": "",
    "app/routers/items.py": router_module("/items"),
    "app/routers/users.py": router_module("/users"),
}
ROUTERS_BARE = {
    "app/__init__.py": "",
    "app/routers/__init__.py": "",
    "app/routers/items.py": router_module(None),
    "app/routers/users.py": router_module(None),
}

CASES = [
    pytest.param(
        {
            "main.py": """
                from fastapi import FastAPI

                app = FastAPI()


                @app.get("/books/")
                def list_books():
                    return []


                @app.post("/books/")
                def create_book():
                    return {}
            """,
        },
        {
            "style": "decorators",
            "file": "main.py",
            "target": "app",
            "prefix_on": None,
            "trailing_slash": True,
        },
        id="decorators",
    ),
    pytest.param(
        {
            **ROUTERS_PREFIXED,
            "app/main.py": """
                from fastapi import FastAPI

                from app.routers import items, users

                app = FastAPI()
                app.include_router(items.router)
                app.include_router(users.router)
            """,
        },
        {
            "style": "app_include_router",
            "file": "app/main.py",
            "target": "app",
            "prefix_on": "router",
            "aggregator_file": None,
            "list_name": None,
            "mixed": False,
        },
        id="app_include_router-prefix-on-router",
    ),
    pytest.param(
        {
            **ROUTERS_BARE,
            "app/main.py": """
                from fastapi import FastAPI

                from app.routers.items import router as items_router
                from app.routers.users import router as users_router

                app = FastAPI()
                app.include_router(items_router, prefix="/items", tags=["items"])
                app.include_router(users_router, prefix="/users", tags=["users"])
            """,
        },
        {"style": "app_include_router", "file": "app/main.py", "prefix_on": "include"},
        id="app_include_router-prefix-on-include",
    ),
    pytest.param(
        {
            **ROUTERS_PREFIXED,
            "app/api.py": """
                from fastapi import APIRouter

                from app.routers import items, users

                api_router = APIRouter()
                api_router.include_router(items.router)
                api_router.include_router(users.router)
            """,
            "app/main.py": """
                from fastapi import FastAPI

                from app.api import api_router

                app = FastAPI()
                app.include_router(api_router, prefix="/api/v1")
            """,
        },
        {
            "style": "aggregator_router",
            "file": "app/api.py",
            "aggregator_file": "app/api.py",
            "target": "api_router",
            "prefix_on": "router",
            "mixed": False,
        },
        id="aggregator_router",
    ),
    pytest.param(
        {
            **ROUTERS_PREFIXED,
            "app/routers/__init__.py": """
                from app.routers import items, users

                all_routers = [items.router, users.router]
            """,
            "app/main.py": """
                from fastapi import FastAPI

                from app.routers import all_routers

                app = FastAPI()
                for r in all_routers:
                    app.include_router(r)
            """,
        },
        {
            "style": "loop",
            "list_name": "all_routers",
            "file": "app/routers/__init__.py",
            "target": "app",
            "prefix_on": "router",
        },
        id="loop-edits-go-where-the-list-is-written",
    ),
    pytest.param(
        {
            "app/__init__.py": "",
            "app/routers/items.py": router_module("/items", collection_path=""),
            "app/routers/users.py": router_module("/users", collection_path=""),
            "app/main.py": """
                from fastapi import FastAPI

                from app.routers import items, users

                app = FastAPI()
                app.include_router(items.router)
                app.include_router(users.router)
            """,
        },
        {"style": "app_include_router", "trailing_slash": False},
        id="no-trailing-slash",
    ),
    pytest.param(
        {
            **ROUTERS_PREFIXED,
            "app/routers/orders.py": router_module("/orders"),
            "app/main.py": """
                from fastapi import FastAPI

                from app.routers import items, users
                from app.sub import sub_router

                app = FastAPI()
                app.include_router(items.router)
                app.include_router(users.router)
                app.include_router(sub_router)
            """,
            "app/sub.py": """
                from fastapi import APIRouter

                from app.routers import orders

                sub_router = APIRouter()
                sub_router.include_router(orders.router)
            """,
        },
        {
            "style": "app_include_router",
            "file": "app/main.py",
            "mixed": True,
            "note_has": ("'app/main.py': 2", "'app/sub.py': 1"),
        },
        id="mixed-include-sites-majority-wins",
    ),
    pytest.param(
        {
            "app/__init__.py": "",
            "app/routers/__init__.py": "",
            "app/routers/items.py": """
                from fastapi import APIRouter

                items_router = r = APIRouter()


                @r.get("/items")
                def items_list():
                    return []


                @r.get("/items/{item_id}")
                def item_details(item_id: int):
                    return {}
            """,
            "app/routers/login.py": """
                from fastapi import APIRouter

                login_router = r = APIRouter()


                @r.post("/token")
                def token():
                    return {}


                @r.post("/signup")
                def signup():
                    return {}
            """,
            "app/main.py": """
                from fastapi import FastAPI

                from app.routers.items import items_router
                from app.routers.login import login_router

                app = FastAPI()
                app.include_router(items_router, prefix="/api/v1")
                app.include_router(login_router, prefix="/api")
            """,
        },
        {"style": "app_include_router", "file": "app/main.py", "prefix_on": None},
        id="resource-segment-on-the-routes-include-prefix-is-the-apis",
    ),
    pytest.param(
        {
            **ROUTERS_PREFIXED,
            "app/main.py": """
                from fastapi import FastAPI

                app = FastAPI()
            """,
        },
        {"style": "unknown", "file": None, "note_has": ("include_router",)},
        id="unknown-routers-never-included",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_router_registration(project, files, expected) -> None:
    index = project(files)
    app = detect_app(index)
    assert_finding(
        detect_router_registration(index, app, detect_router_layout(index, app)), expected
    )
