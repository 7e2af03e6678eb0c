"""with_auth: the pass over the planned code for `--auth`, on small planned projects."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from codemods.auth import with_auth
from codemods.errors import ConventionError, SpecError
from codemods.option_values import AuthChoice, parse_auth
from codemods.plan import FileEdit, Plan
from codemods.render.auth_dependency import environment_secret, render_dependency
from codemods.spec import parse_resource
from detectors import detect_conventions
from tests.detectors._project import index_project

DEPS = """
    from fastapi import Depends
    from fastapi.security import OAuth2PasswordBearer

    oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/login")


    def get_current_user(token: str = Depends(oauth2_scheme)) -> dict:
        return {"id": 1}


    def require_role(role: str):
        def check(user: dict = Depends(get_current_user)) -> dict:
            return user
        return check
"""
ROUTER = """
    from fastapi import APIRouter, Depends

    from app.deps import get_current_user, require_role

    router = APIRouter()


    @router.get("/items")
    def list_items(user: dict = Depends(get_current_user)):
        return []
"""
PLANNED = textwrap.dedent("""\
    from fastapi import APIRouter, Depends

    from app.deps import get_current_user, require_role

    router = APIRouter(prefix="/orders")


    @router.get("")
    def list_orders(current_user: dict = Depends(get_current_user)):
        return []


    @router.delete("/{order_id}", dependencies=[Depends(require_role("admin"))])
    def delete_order(order_id: int):
        return None
""")


@pytest.mark.parametrize("text", ["existing", "jwt", "api-key", "none", " jwt "])
def test_parse(text: str) -> None:
    assert parse_auth(text) == AuthChoice(text.strip())


def test_parse_refuses_another_kind() -> None:
    with pytest.raises(SpecError, match="--auth 'oauth': not one of existing, jwt, api-key, none"):
        parse_auth("oauth")


def _plan(index, conv, choice: str) -> tuple[Plan, list[str]]:
    plan = Plan((FileEdit("app/routers/orders.py", None, PLANNED),))
    return with_auth(plan, AuthChoice(choice), parse_resource("Order", ["total:decimal"]), index, conv)


def test_none_takes_both_off(tmp_path: Path) -> None:
    index = index_project(tmp_path, {"app/deps.py": DEPS, "app/routers/items.py": ROUTER, "app/main.py": MAIN})
    plan, lines = _plan(index, detect_conventions(index.root, index), "none")
    new = plan.edits[0].new
    assert "Depends(get_current_user)" not in new and "require_role" not in new
    assert "def list_orders():" in new
    assert lines[0] == "auth none: dropped list_orders(current_user), delete_order dependencies"


def test_none_refuses_a_route_reading_the_user(tmp_path: Path) -> None:
    index = index_project(tmp_path, {"app/deps.py": DEPS, "app/routers/items.py": ROUTER, "app/main.py": MAIN})
    reading = PLANNED.replace("return []", 'return [current_user["id"]]')
    plan = Plan((FileEdit("app/routers/orders.py", None, reading),))
    with pytest.raises(ConventionError, match="list_orders in app/routers/orders.py reads current_user, the signed-in user"):
        with_auth(plan, AuthChoice("none"), parse_resource("Order", ["total:decimal"]), index, detect_conventions(index.root, index))


def test_another_kind_than_the_projects_is_refused(tmp_path: Path) -> None:
    index = index_project(tmp_path, {"app/deps.py": DEPS, "app/routers/items.py": ROUTER, "app/main.py": MAIN})
    with pytest.raises(ConventionError, match="--auth api-key: the project authenticates with bearer tokens"):
        _plan(index, detect_conventions(index.root, index), "api-key")


def test_the_projects_own_kind_changes_nothing(tmp_path: Path) -> None:
    index = index_project(tmp_path, {"app/deps.py": DEPS, "app/routers/items.py": ROUTER, "app/main.py": MAIN})
    plan, lines = _plan(index, detect_conventions(index.root, index), "jwt")
    assert plan.edits[0].new == PLANNED
    assert lines[0].startswith("auth existing: the project already authenticates with bearer tokens (JWT)")


def test_routes_already_in_place_change_nothing(tmp_path: Path) -> None:
    index = index_project(tmp_path, {"app/routers/items.py": ROUTER.replace("get_current_user, ", "").replace(
        "user: dict = Depends(get_current_user)", ""), "app/deps.py": DEPS, "app/main.py": MAIN})
    plan = Plan((replace(FileEdit("app/routers/orders.py", PLANNED, PLANNED)),))
    assert with_auth(plan, AuthChoice("jwt"), parse_resource("Order", ["total:decimal"]), index, detect_conventions(index.root, index)) == (plan, [])


MAIN = """
    from fastapi import FastAPI

    from app.routers import items

    app = FastAPI()
    app.include_router(items.router)
"""


@pytest.mark.parametrize("kind", ["jwt", "api-key"])
def test_the_dependency_module_compiles_and_keeps_no_secret(kind: str) -> None:
    text = render_dependency(kind, environment_secret(kind), "{} | None")
    compile(text, "auth.py", "exec")
    assert 'os.environ.get("JWT_SECRET")' in text if kind == "jwt" else 'os.environ.get("API_KEY")' in text
    assert ('"X-API-Key"' in text and "hmac.compare_digest" in text) if kind == "api-key" else 'algorithms=["HS256"]' in text


def test_jwt_is_refused_without_pyjwt_in_the_projects_environment(tmp_path: Path, monkeypatch) -> None:
    index = index_project(tmp_path / "p", {"app/routers/items.py": ROUTER.replace("from app.deps import get_current_user, require_role\n", "").replace(
        "user: dict = Depends(get_current_user)", ""), "app/main.py": MAIN})
    python = tmp_path / "python"
    python.write_text("#!/bin/sh\nexit 1\n")  # an interpreter where `import jwt` fails
    python.chmod(0o755)
    monkeypatch.setattr("codemods.auth_new.project_python", lambda root: str(python))
    with pytest.raises(ConventionError, match=r"--auth jwt: the project's environment \(.*\) has no PyJWT; install pyjwt"):
        _plan(index, detect_conventions(index.root, index), "jwt")


def test_later_passes_see_the_auth_written(tmp_path: Path) -> None:
    from codemods.auth import conventions_after

    index = index_project(tmp_path, {"app/routers/items.py": ROUTER, "app/deps.py": DEPS, "app/main.py": MAIN})
    conv = detect_conventions(index.root, index)
    plan = Plan((
        FileEdit("auth.py", None, "def get_current_user(credentials=None):\n    return 'x'\n"),
        FileEdit("tests/conftest.py", "", "def auth_headers(monkeypatch):\n    return {}\n"),
    ))
    after = conventions_after(conv, AuthChoice("jwt"), plan)
    assert (after.auth.kind, after.auth.dependency, after.auth.param) == ("jwt_bearer", "get_current_user", "current_user")
    assert ("get_current_user", "auth_headers") in after.tests.fixture_for
    assert conventions_after(conv, AuthChoice("existing"), plan) is conv
    assert conventions_after(conv, AuthChoice("none"), plan).auth.kind == "none"


def test_none_refuses_a_router_included_with_auth(tmp_path: Path) -> None:
    index = index_project(tmp_path, {"app/deps.py": DEPS, "app/routers/items.py": ROUTER, "app/main.py": MAIN})
    main = textwrap.dedent(MAIN).replace("import items\n", "import items, orders\nfrom fastapi import Depends\nfrom app.deps import get_current_user\n")
    main += "app.include_router(orders.router, dependencies=[Depends(get_current_user)])\n"
    plan = Plan((FileEdit("app/routers/orders.py", None, PLANNED), FileEdit("app/main.py", textwrap.dedent(MAIN), main)))
    with pytest.raises(ConventionError, match=r"app/main.py includes orders.router with dependencies=\[Depends\(get_current_user\)\]"):
        with_auth(plan, AuthChoice("none"), parse_resource("Order", ["total:decimal"]), index, detect_conventions(index.root, index))


def test_refusal_tests_are_those_comparing_a_status_with_401_or_403() -> None:
    from codemods.auth_none import _refusal_tests

    code = textwrap.dedent("""\
        def test_a(client):
            assert client.get("/").status_code == 401

        def test_b(client):
            r = client.get("/")
            assert r.status_code in (status.HTTP_401_UNAUTHORIZED, status.HTTP_403_FORBIDDEN)

        def test_c(client):
            r = client.post("/", json={"total": 403})
            assert r.status_code == 201

        class TestOrders:
            def test_d(self, client):
                assert client.delete("/1").status_code == HTTPStatus.FORBIDDEN
    """)
    names = {"test_a", "test_b", "test_c", "TestOrders.test_d"}
    assert _refusal_tests(code, names) == {"test_a", "test_b", "TestOrders.test_d"}


def test_none_refuses_new_routes_on_a_router_guarding_others(tmp_path: Path) -> None:
    index = index_project(tmp_path, {"app/deps.py": DEPS, "app/routers/items.py": ROUTER, "app/main.py": MAIN})
    old = textwrap.dedent(ROUTER).replace("router = APIRouter()", "router = APIRouter(dependencies=[Depends(get_current_user)])")
    new = old + "\n\n@router.get('/orders')\ndef list_orders():\n    return []\n"
    plan = Plan((FileEdit("app/routers/items.py", old, new),))
    with pytest.raises(ConventionError, match=r"the new routes are on router in app/routers/items.py, whose dependencies"):
        with_auth(plan, AuthChoice("none"), parse_resource("Order", ["total:decimal"]), index, detect_conventions(index.root, index))
