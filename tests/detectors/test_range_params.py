"""detect_range_naming: how the project's list routes spell a column's bounds."""

from __future__ import annotations

import pytest

from detectors.range_params import detect_range_naming

HEAD = """
from fastapi import APIRouter

router = APIRouter()
"""


@pytest.mark.parametrize(
    ("route", "low", "high"),
    [
        pytest.param(
            '@router.get("/items")\ndef list_items(limit: int = 20):\n    return []\n',
            "price__gte",
            "price__lte",
            id="none: the default",
        ),
        pytest.param(
            '@router.get("/items")\ndef list_items(price_min: int = 0):\n    return []\n',
            "price__gte",
            "price__lte",
            id="one bound alone is no convention",
        ),
        pytest.param(
            '@router.get("/items/{id}")\ndef get_item(id: int, min_price=None, max_price=None):\n    return {}\n',
            "price__gte",
            "price__lte",
            id="not a list route",
        ),
        pytest.param(
            '@router.get("/items")\ndef list_items(min_price: int = 0, max_price: int = 9):\n    return []\n',
            "min_price",
            "max_price",
            id="min_/max_",
        ),
        pytest.param(
            '@router.get("/items")\ndef list_items(price_gte=None, price_lte=None):\n    return []\n',
            "price_gte",
            "price_lte",
            id="_gte/_lte",
        ),
        pytest.param(
            '@router.get("/items")\ndef list_items(made_from=None, made_to=None):\n    return []\n',
            "price_from",
            "price_to",
            id="_from/_to",
        ),
    ],
)
def test_range_naming(project, route: str, low: str, high: str) -> None:
    naming = detect_range_naming(project({"app/routers/items.py": HEAD + route}))
    assert (naming.low("price"), naming.high("price")) == (low, high)
