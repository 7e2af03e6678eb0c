"""detect_app: where the FastAPI() instance is built (module variable or factory)."""

from __future__ import annotations

import pytest

from detectors.app import detect_app
from detectors.errors import ProjectError
from tests.detectors._project import assert_finding

CASES = [
    pytest.param(
        {
            "app/__init__.py": "",
            "app/main.py": """
                from fastapi import FastAPI

                app = FastAPI(title="Shop")


                @app.get("/health")
                def health():
                    return {"ok": True}
            """,
        },
        {
            "file": "app/main.py",
            "module": "app.main",
            "variable": "app",
            "factory": None,
            "note": "",
        },
        id="module-variable",
    ),
    pytest.param(
        {
            "app/main.py": """
                import fastapi

                api = fastapi.FastAPI()
            """,
        },
        {"file": "app/main.py", "module": "app.main", "variable": "api", "factory": None},
        id="module-variable-qualified-call",
    ),
    pytest.param(
        {
            "app/main.py": """
                from fastapi import FastAPI

                from app.routers import items


                def create_app() -> FastAPI:
                    application = FastAPI()
                    application.include_router(items.router)
                    return application


                app = create_app()
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter

                router = APIRouter()
            """,
        },
        {"file": "app/main.py", "module": "app.main", "variable": "app", "factory": "create_app"},
        id="factory-bound-at-module-level",
    ),
    pytest.param(
        {
            "src/app.py": """
                from fastapi import FastAPI


                def build():
                    application = FastAPI()
                    return application
            """,
        },
        {"file": "src/app.py", "variable": "application", "factory": "build"},
        id="factory-only-local-name",
    ),
    pytest.param(
        {
            "app/core/application.py": """
                from fastapi import FastAPI


                class Application(FastAPI):
                    pass


                class DocumentedApplication(Application):
                    pass
            """,
            "app/main.py": """
                from fastapi import FastAPI

                from app.core.application import DocumentedApplication
                from app.routers import items


                def create_app() -> FastAPI:
                    application = DocumentedApplication(title="shop")
                    application.include_router(items.router)
                    return application


                app = create_app()
            """,
            "app/routers/items.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n",
        },
        {"file": "app/main.py", "variable": "app", "factory": "create_app"},
        id="an-instance-of-a-class-inheriting-from-fastapi",
    ),
    pytest.param(
        {
            "app/main.py": """
                from fastapi import FastAPI

                app = FastAPI()
            """,
            "tests/conftest.py": """
                from fastapi import FastAPI

                other = FastAPI()
            """,
        },
        {"file": "app/main.py", "variable": "app", "note": ""},
        id="test-apps-ignored",
    ),
    pytest.param(
        {
            "app/main.py": """
                from fastapi import FastAPI
                from app.routers import items

                app = FastAPI()
                app.include_router(items.router)
            """,
            "app/admin/server.py": """
                from fastapi import FastAPI

                admin = FastAPI()
            """,
        },
        {
            "file": "app/main.py",
            "variable": "app",
            "note_has": ("2 FastAPI() calls", "app/admin/server.py"),
        },
        id="two-apps-the-one-routers-are-included-into-wins",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_app(project, files, expected) -> None:
    finding = detect_app(project(files))
    assert_finding(finding, expected)
    assert finding.evidence and finding.evidence[0].path == finding.file


def test_no_app_is_a_project_error(project) -> None:
    index = project(
        {
            "lib/models.py": """
            from pydantic import BaseModel

            class Item(BaseModel):
                name: str
        """,
            "tests/conftest.py": """
            from fastapi import FastAPI

            app = FastAPI()
        """,
        }
    )
    with pytest.raises(ProjectError, match="no FastAPI application found"):
        detect_app(index)
