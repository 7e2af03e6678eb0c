"""Registration is copied from a sibling's include; without one it is built from the conventions alone.

Both roads must register the router the same way, so a project with no sibling to copy gets the
same include (and import) its authors would have written.
"""

from __future__ import annotations

import pytest

from codemods.context import build_context
from codemods.render.registration import _from_conventions, render_registration
from codemods.spec import parse_resource
from detectors import ProjectIndex, detect_conventions
from tests.harness import FIXTURES

REGISTERED = ("seed_async", "fullstack_sqlmodel", "domain_packages", "repository_pg")


@pytest.mark.parametrize("name", REGISTERED)
def test_fallback_registration_equals_the_sibling_copy(name: str) -> None:
    index = ProjectIndex(FIXTURES / name)
    ctx = build_context(
        detect_conventions(index.root, index), parse_resource("LineItem", ["qty:int"]), index
    )
    assert render_registration(ctx) == _from_conventions(ctx)


def test_single_file_apps_register_nothing() -> None:
    index = ProjectIndex(FIXTURES / "single_file")
    ctx = build_context(detect_conventions(index.root, index), parse_resource("Order", []), index)
    assert render_registration(ctx) == []


def _views_project() -> dict[str, str]:
    """A domain package serving its routes from `views.py`, imported as a router by name into the
    app (`from app.accounts.views import router as auth_router`), as a second one is."""
    from tests.codemods.test_render_key_type import PROJECT

    files = {p.replace("/routes.py", "/views.py"): t.replace(".routes import", ".views import") for p, t in PROJECT.items()}
    files["app/reports/__init__.py"] = ""
    files["app/reports/views.py"] = "from fastapi import APIRouter\n\nrouter = APIRouter()\n"
    files["app/main.py"] = (
        "from fastapi import FastAPI\n\n"
        "from app.accounts.views import router as auth_router\n"
        "from app.reports.views import router as reports_router\n\n"
        "app = FastAPI()\n"
        'app.include_router(auth_router, prefix="/auth")\n'
        'app.include_router(reports_router, prefix="/reports")\n'
    )
    return files


def test_routers_imported_by_name_are_included_so_and_every_resource_under_its_own_name(tmp_path) -> None:
    """Each new resource's router is imported by name under a name of its own, as the app's
    are: `from app.orders import views` would be taken by the next resource's `views`."""
    from tests.detectors._project import make_project

    root = make_project(tmp_path, _views_project())
    index = ProjectIndex(root)
    ctx = build_context(detect_conventions(root, index), parse_resource("Order", ["total:int"]), index)
    (edit,) = render_registration(ctx)
    assert edit.router_expr == "orders_router"
    assert [(i.module, i.name, i.alias) for i in edit.imports] == [(ctx.router_target.module, "router", "orders_router")]
