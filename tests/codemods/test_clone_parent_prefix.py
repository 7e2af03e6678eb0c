"""NestPrefix: the clone's router prefix, nested under one parent row."""

from __future__ import annotations

import libcst as cst
import pytest

from codemods.clone.nesting.prefix import NestPrefix


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param('router = APIRouter(tags=["reviews"])\n', None, id="no prefix"),
        pytest.param(
            'app.include_router(items.router, prefix="/items")\n', None, id="another resource"
        ),
        pytest.param(
            'router = APIRouter(prefix="/items/{item_id}/reviews")\n', None, id="nested already"
        ),
        pytest.param(
            'router = APIRouter(prefix="/reviews", tags=["reviews"])\n',
            'router = APIRouter(prefix="/items/{item_id}/reviews", tags=["reviews"])\n',
            id="APIRouter",
        ),
        pytest.param(
            "app.include_router(reviews_router, prefix='/api/v1/reviews/')\n",
            "app.include_router(reviews_router, prefix='/api/v1/items/{item_id}/reviews/')\n",
            id="include_router, version and trailing slash kept",
        ),
    ],
)
def test_prefix(before: str, after: str | None) -> None:
    t = NestPrefix("reviews", "/items/{item_id}")
    assert cst.parse_module(before).visit(t).code == (after or before)
    assert t.done == (after is not None)
