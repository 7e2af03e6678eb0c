"""--filter and --sort parsed against the spec and the model's columns: one-line refusals."""

from __future__ import annotations

import pytest

from codemods.errors import SpecError
from codemods.list_query import Sort, parse_filters, parse_sort
from codemods.spec import parse_resource

SPEC = parse_resource(
    "Order", ("total:decimal", "status:enum[pending,paid]", "meta:json?", "customer_name:str")
)
COLUMNS = ("id", "total", "status", "meta", "customer_name", "created_at")


def test_filters_are_the_named_fields_once_each() -> None:
    found = parse_filters("status, customer_name,status", SPEC)
    assert [f.column_name for f in found] == ["status", "customer_name"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour", r"colour is not a field of Order \(total, status, meta, customer_name\)"),
        ("", "nothing is not a field"),
        ("meta", "a json field cannot be matched exactly"),
    ],
)
def test_bad_filters_are_refused(text: str, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        parse_filters(text, SPEC)


def test_sort_keys_are_columns_the_first_as_typed_the_default() -> None:
    sort = parse_sort("-total,created_at,total", COLUMNS, "Order")
    assert sort == Sort(("total", "created_at"), "-total")
    assert sort.values == ("total", "-total", "created_at", "-created_at")


@pytest.mark.parametrize("text", ["colour", "-colour", ""])
def test_bad_sort_keys_are_refused(text: str) -> None:
    with pytest.raises(SpecError, match="is not a column of Order"):
        parse_sort(text, COLUMNS, "Order")
