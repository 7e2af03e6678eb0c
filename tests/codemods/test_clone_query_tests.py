"""Tests of --filter and --sort, written from the list and create routes."""

from __future__ import annotations

import ast

from codemods.clone.query_tests import QueryTests, write_query_tests
from codemods.clone.route_tests import Route
from codemods.list_query import Sort, parse_filters
from codemods.spec import parse_resource
from detectors.conventions import TestsFinding as Setup
from detectors.range_params import RangeNaming

SPEC = parse_resource("Order", ("total:decimal", "status:enum[pending,paid]", "code:str!"))
LIST = Route("list_orders", "get", "list", None, 200, (), ("get_current_user",))
CREATE = Route("create_order", "post", "create", None, 201, (), ("get_current_user",))
ASYNC = Setup(
    client="httpx_async",
    async_marker="asyncio",
    client_fixture="client",
    fixture_for=(("get_current_user", "auth_headers"),),
)


def written(query: QueryTests, setup: Setup = ASYNC, listing: Route = LIST) -> str:
    text, _ = write_query_tests(
        query, listing, CREATE, SPEC.names, SPEC.fields, ("app.main", "app"), setup, "int"
    )
    assert text is not None
    ast.parse(text)  # the module is Python
    return text


def test_no_client_fixture_writes_nothing_and_says_why() -> None:
    query = QueryTests(parse_filters("status", SPEC), None, None, None, RangeNaming())
    text, note = write_query_tests(
        query, LIST, CREATE, SPEC.names, SPEC.fields, ("app.main", "app"), Setup(), "int"
    )
    assert text is None and "no module-level app or test client fixture" in note


def test_cursor_pages_are_followed_and_each_filter_and_range_is_tested() -> None:
    query = QueryTests(
        parse_filters("status,total", SPEC),
        None,
        ("cursor", "cursor", "limit"),
        "next_cursor",
        RangeNaming(),
    )
    text = written(query)
    assert 'params["cursor"] = response.json()["next_cursor"]' in text
    assert "async def test_filter_orders_by_status(client, auth_headers):" in text
    assert 'above = await fetch_all(client, auth_headers, total__gte=large["total"])' in text
    assert 'Decimal(row["total"]) >= Decimal(large["total"])' in text
    assert "test_pages_of_filtered_orders_neither_skip_nor_repeat" in text
    assert "def test_sort" not in text and "sort=" not in text  # no --sort: no sort tests


def test_offset_pages_sorts_both_ways_and_an_unknown_key() -> None:
    query = QueryTests(
        (),
        Sort(("total", "created_at"), "-total"),
        ("offset", "skip", "limit"),
        None,
        RangeNaming(),
    )
    text = written(
        query, Setup(client="testclient", client_fixture="client", fixture_for=SYNC_AUTH)
    )
    assert 'params["skip"] = params.get("skip", 0) + 2' in text
    assert 'for sort, descending in (("total", False), ("-total", True)):' in text
    assert (
        "def test_sort_orders_by_created_at(client, auth_headers):\n    for _ in range(3):" in text
    )
    assert 'params={"sort": "no_such_key"}' in text and "await" not in text
    # a unique field differs from row to row
    assert 'payload["code"] = f"{payload[\'code\']} {len(MADE)}"' in text


SYNC_AUTH = (("get_current_user", "auth_headers"),)


def test_the_projects_range_spelling_is_used() -> None:
    query = QueryTests(
        parse_filters("total", SPEC),
        None,
        ("page", "page", "size"),
        None,
        RangeNaming(("min_", ""), ("max_", "")),
        1,
    )
    text = written(query)
    assert "min_total=" in text and "max_total=" in text
    assert 'params["page"] = params.get("page", 1) + 1' in text


def test_a_unique_sort_key_is_made_of_distinct_values_only() -> None:
    # a tie shows the list breaks it by id, but a repeated unique value is refused (409)
    query = QueryTests((), Sort(("code", "total"), "code"), ("offset", "skip", "limit"), None, RangeNaming())
    text = written(query)
    made = next(line for line in text.splitlines() if line.startswith("    for value in ("))
    values = made.removeprefix("    for value in (").removesuffix("):").split(", ")
    assert len(values) == 2 and len(set(values)) == 2, made
    total = text.split("def test_sort_orders_by_total", 1)[1]
    assert total.split("for value in (", 1)[1].split("):", 1)[0].count(",") == 2  # a tie, where one may be
