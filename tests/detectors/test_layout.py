"""detect_router_layout: where endpoint-bearing routers live, and how multi-word paths are spelled."""

from __future__ import annotations

import pytest

from detectors.app import detect_app
from detectors.layout import detect_router_layout
from tests.detectors._project import assert_finding

MAIN = """
    from fastapi import FastAPI

    app = FastAPI()
"""


def router_module(resource: str, path: str | None = None) -> str:
    path = path if path is not None else f"/{resource}"
    return f"""
        from fastapi import APIRouter

        router = APIRouter(prefix="{path}")


        @router.get("/")
        def list_{resource.replace("-", "_")}():
            return []
    """


CASES = [
    pytest.param(
        {
            "main.py": """
                from fastapi import FastAPI

                app = FastAPI()


                @app.get("/books")
                def list_books():
                    return []


                @app.post("/books")
                def create_book():
                    return {}
            """,
        },
        {"kind": "single_file", "directory": ".", "modules": ("main.py",), "mixed": False},
        id="single_file",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/routers/__init__.py": "",
            "app/routers/items.py": router_module("items"),
            "app/routers/users.py": router_module("users"),
        },
        {
            "kind": "routers_package",
            "directory": "app/routers",
            "router_variable": "router",
            "modules": ("app/routers/items.py", "app/routers/users.py"),
            "mixed": False,
        },
        id="routers_package",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/api/v1/endpoints/items.py": router_module("items"),
            "app/api/v1/endpoints/users.py": router_module("users"),
        },
        {
            "kind": "versioned_endpoints",
            "directory": "app/api/v1/endpoints",
            "router_variable": "router",
        },
        id="versioned_endpoints",
    ),
    pytest.param(
        {
            "src/main.py": MAIN,
            "src/items/router.py": router_module("items"),
            "src/items/schemas.py": "from pydantic import BaseModel\n",
            "src/users/router.py": router_module("users"),
            "src/users/service.py": "def list_users(db):\n    return []\n",
        },
        {
            "kind": "domain_packages",
            "directory": "src",
            "modules": ("src/items/router.py", "src/users/router.py"),
        },
        id="domain_packages",
    ),
    pytest.param(
        {
            "src/main.py": MAIN,
            "src/items/router.py": router_module("items"),
            "src/items/schemas.py": "from pydantic import BaseModel\n",
            "src/users/router.py": router_module("users") + "\nadmin_router = APIRouter()\n",
            "src/users/service.py": "def list_users(db):\n    return []\n",
            "src/orders/router.py": router_module("orders"),
            "src/orders/models.py": "X = 1\n",
            "src/hooks/payment.py": router_module("hooks"),
        },
        {"kind": "domain_packages", "directory": "src"},
        id="domain_packages-most-routers-in-router-modules",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/routes/items.py": router_module("items"),
            "app/routes/orders.py": router_module("orders"),
            "app/admin/reports.py": router_module("reports"),
        },
        {
            "kind": "routers_package",
            "directory": "app/routes",
            "mixed": True,
            "note_has": ("2 directories", "'app/routes': 2", "'app/admin': 1"),
        },
        id="mixed-directories-majority-wins",
    ),
    pytest.param(
        {
            "main.py": """
                from fastapi import FastAPI

                from extra import router

                app = FastAPI()
                app.include_router(router)


                @app.get("/a")
                def a(): ...


                @app.get("/b")
                def b(): ...
            """,
            "extra.py": router_module("extras"),
        },
        {
            "kind": "single_file",
            "modules": ("main.py",),
            "mixed": True,
            "note_has": ("more endpoints on the app than on routers",),
        },
        id="mixed-app-endpoints-outnumber-routers",
    ),
    pytest.param(
        {
            "app/main.py": MAIN,
            "app/routers/__init__.py": "",
            "app/routers/items.py": """
                from fastapi import APIRouter

                items_router = r = APIRouter()


                @r.get("/items")
                def items_list():
                    return []
            """,
        },
        {"kind": "routers_package", "router_variable": "r", "modules": ("app/routers/items.py",)},
        id="routers_package-chained-assignment-decorates-the-short-name",
    ),
    pytest.param(
        {"app/main.py": MAIN},
        {"kind": "unknown", "modules": (), "note_has": ("APIRouter", "endpoints on the app")},
        id="unknown-no-endpoints",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_router_layout(project, files, expected) -> None:
    index = project(files)
    assert_finding(detect_router_layout(index, detect_app(index)), expected)


URL_CASES = [
    pytest.param({"line-items": 2, "order_lines": 1}, "kebab", id="kebab"),
    pytest.param({"line_items": 2, "order-lines": 1}, "snake", id="snake"),
    pytest.param({"items": 1}, "kebab", id="single-words-default-kebab"),
]


@pytest.mark.parametrize(("resources", "expected"), URL_CASES)
def test_url_style(project, resources, expected) -> None:
    files = {"app/main.py": MAIN}
    n = 0
    for resource, count in resources.items():
        for _ in range(count):
            n += 1
            files[f"app/routers/r{n}.py"] = router_module(
                resource.replace("-", "_"), f"/{resource}"
            )
    index = project(files)
    assert detect_router_layout(index, detect_app(index)).url_style == expected
