"""auth_uses: which dependencies of a (planned) module rest on authentication, and whether the
route reads the signed-in user."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from detectors.auth_uses import auth_uses, include_calls, include_uses, planned_module
from tests.detectors._project import index_project

DEPS = """
    from typing import Annotated

    from fastapi import Depends, Header
    from fastapi.security import HTTPBearer

    bearer = HTTPBearer()


    def get_current_user(token=Depends(bearer)) -> dict:
        return {"id": 1}


    def verify_api_key(x_api_key: str = Header(...)) -> None:
        return None


    def get_db():
        yield None


    CurrentUser = Annotated[dict, Depends(get_current_user)]
"""
HEAD = "from fastapi import APIRouter, Depends\n\nfrom app.deps import CurrentUser, get_current_user, get_db, verify_api_key\n\n"

CASES = [
    pytest.param(
        "router = APIRouter()\n\n@router.get('/')\ndef list_orders(db=Depends(get_db), user=Depends(get_current_user)):\n    return []\n",
        [("list_orders", "param", "user", "jwt_bearer", False)],
        id="param-unread",
    ),
    pytest.param(
        "router = APIRouter()\n\n@router.get('/')\ndef list_orders(user: CurrentUser):\n    return [user['id']]\n",
        [("list_orders", "param", "user", "jwt_bearer", True)],
        id="annotated-alias-read",
    ),
    pytest.param(
        "router = APIRouter(dependencies=[Depends(verify_api_key), Depends(get_db)])\n\n"
        "@router.get('/')\ndef list_orders():\n    return []\n",
        [("router", "router", "verify_api_key", "api_key_header", False)],
        id="router-list",
    ),
    pytest.param(
        "router = APIRouter()\n\n@router.get('/', dependencies=[Depends(get_current_user)])\ndef list_orders():\n    return []\n",
        [("list_orders", "decorator", "get_current_user", "jwt_bearer", False)],
        id="decorator-list",
    ),
    pytest.param(
        "router = APIRouter()\n\n@router.get('/')\ndef list_orders(db=Depends(get_db)):\n    return []\n",
        [],
        id="none",
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_auth_uses(body: str, expected, tmp_path: Path) -> None:
    index = index_project(tmp_path, {"app/deps.py": DEPS, "app/__init__.py": ""})
    info = planned_module(index, "app/routers/orders.py", HEAD + body)
    uses = auth_uses(index, info, {"list_orders"}, {"router"})
    assert [(u.owner, u.where, u.name, u.kind, u.read) for u in uses] == expected


def test_include_uses_reads_only_new_calls(tmp_path: Path) -> None:
    index = index_project(tmp_path, {"app/deps.py": DEPS, "app/__init__.py": ""})
    before = "from fastapi import FastAPI\nfrom app.routers import items\napp = FastAPI()\napp.include_router(items.router)\n"
    after = textwrap.dedent(before) + "app.include_router(orders.router, dependencies=[Depends(get_current_user)])\n"
    after = "from fastapi import Depends\nfrom app.deps import get_current_user\n" + after
    info = planned_module(index, "app/main.py", after)
    uses = include_uses(index, info, include_calls(before))
    assert [(u.owner, u.where, u.name) for u in uses] == [("orders.router", "include", "get_current_user")]
