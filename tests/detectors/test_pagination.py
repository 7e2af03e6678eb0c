"""detect_pagination: the parameters collection endpoints take, their defaults and upper bound."""

from __future__ import annotations

import pytest

from detectors.pagination import detect_pagination
from tests.detectors._project import assert_finding

HEAD = """
from typing import Annotated

from fastapi import APIRouter, Depends, Query

router = APIRouter()
"""


def routes(*bodies: str, **extra: str) -> dict[str, str]:
    return {"app/routers/items.py": HEAD + "\n".join(bodies), **extra}


OFFSET = """
@router.get("/items")
def list_items(skip: int = 0, limit: int = Query(100, le=500)):
    return []
"""
OFFSET_ANNOTATED = """
@router.get("/users")
def list_users(offset: int = 0, limit: Annotated[int, Query(le=100)] = 20):
    return []
"""
PAGE = """
@router.get("/orders")
def list_orders(page: int = Query(1, ge=1), size: int = Query(default=20, le=200)):
    return []
"""
CURSOR = """
@router.get("/events")
def list_events(cursor: str | None = None, limit: int = 50):
    return []
"""
NONE = """
@router.get("/tags")
def list_tags():
    return []
"""
DETAIL_ONLY = """
@router.get("/items/{item_id}")
def read_item(item_id: int, skip: int = 0):
    return {}
"""

CASES = [
    pytest.param(
        routes(OFFSET),
        {
            "style": "offset",
            "params": (("skip", "0"), ("limit", "100")),
            "max_limit": 500,
            "dependency": None,
            "mixed": False,
        },
        id="offset-skip-limit",
    ),
    pytest.param(
        routes(OFFSET_ANNOTATED),
        {"style": "offset", "params": (("offset", "0"), ("limit", "20")), "max_limit": 100},
        id="offset-annotated-query-bound",
    ),
    pytest.param(
        routes(PAGE),
        {"style": "page", "params": (("page", "1"), ("size", "20")), "max_limit": 200},
        id="page",
    ),
    pytest.param(
        routes(CURSOR),
        {"style": "cursor", "params": (("cursor", "None"), ("limit", "50")), "max_limit": None},
        id="cursor",
    ),
    pytest.param(
        routes(NONE),
        {"style": "none", "params": (), "mixed": False},
        id="none",
    ),
    pytest.param(
        {
            "app/pagination.py": """
                from fastapi import Query
                from pydantic import BaseModel


                class PageParams(BaseModel):
                    page: int = Query(1, ge=1)
                    size: int = Query(50, ge=1, le=100)
            """,
            "app/routers/items.py": HEAD
            + """
from app.pagination import PageParams


@router.get("/items")
def list_items(params: PageParams = Depends()):
    return []
""",
        },
        {
            "style": "page",
            "params": (("page", "1"), ("size", "50")),
            "max_limit": 100,
            "dependency": "PageParams",
            "dependency_module": "app.pagination",
        },
        id="page-class-dependency-bare-depends",
    ),
    pytest.param(
        {
            "app/deps.py": """
                from fastapi import Query


                def pagination(skip: int = 0, limit: int = Query(10, le=1000)) -> dict:
                    return {"skip": skip, "limit": limit}
            """,
            "app/routers/items.py": HEAD
            + """
from app.deps import pagination


@router.get("/items")
def list_items(paging: dict = Depends(pagination)):
    return []
""",
        },
        {
            "style": "offset",
            "params": (("skip", "0"), ("limit", "10")),
            "max_limit": 1000,
            "dependency": "pagination",
            "dependency_module": "app.deps",
        },
        id="offset-function-dependency",
    ),
    pytest.param(
        routes(OFFSET, OFFSET_ANNOTATED, PAGE),
        {
            "style": "offset",
            "params": (("skip", "0"), ("limit", "100")),
            "mixed": True,
            "note_has": ("'offset': 2", "'page': 1"),
        },
        id="mixed-majority-wins",
    ),
    pytest.param(
        routes(NONE, NONE.replace("tags", "labels"), OFFSET),
        {"style": "none", "mixed": True, "note_has": ("'none': 2", "'offset': 1")},
        id="mixed-mostly-unpaginated",
    ),
    pytest.param(
        routes(DETAIL_ONLY),
        {
            "style": "unknown",
            "params": (),
            "note_has": ("no collection", "GET without path parameter"),
        },
        id="unknown-no-collection-endpoint",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_pagination(project, files, expected) -> None:
    assert_finding(detect_pagination(project(files)), expected)
