"""Tests of --pagination, written from the list and create routes."""

from __future__ import annotations

import ast

from codemods.clone.pagination_tests import pages_tests_text
from codemods.clone.route_tests import Route
from codemods.pagination import Paging
from codemods.spec import parse_resource
from detectors.conventions import TestsFinding as Setup

SPEC = parse_resource("Order", ("total:decimal",))
LIST = Route("list_orders", "get", "list", None, 200, (), ("get_current_user",))
CREATE = Route("create_order", "post", "create", None, 201, (), ("get_current_user",))
ASYNC = Setup(
    client="httpx_async",
    async_marker="asyncio",
    client_fixture="client",
    fixture_for=(("get_current_user", "auth_headers"),),
)


def written(paging: Paging, cursor_key: str | None = None) -> str:
    text, _ = pages_tests_text(paging, cursor_key, LIST, CREATE, SPEC.names, SPEC.fields, ("app.main", "app"), ASYNC, "int")
    assert text is not None
    ast.parse(text)  # the module is Python
    return text


def test_no_client_fixture_writes_nothing_and_says_why() -> None:
    text, note = pages_tests_text(Paging("offset", "skip", "limit", 20, 100), None, LIST, CREATE, SPEC.names, SPEC.fields, ("app.main", "app"), Setup(), "int")
    assert text is None and "no module-level app or test client fixture" in note


def test_a_cursor_in_the_envelope_is_followed_and_forged_ones_are_4xx() -> None:
    text = written(Paging("cursor", "cursor", "limit", 20, 100), "next_cursor")
    assert 'cursor = response.json()["next_cursor"]' in text
    assert "async def test_orders_malformed_cursor_is_4xx(client, auth_headers):" in text
    assert 'params={"limit": 101}' in text
    assert "fetch_all" not in text  # the filters' helper is left out: walk pages


def test_a_cursor_beside_a_bare_list_is_read_from_the_header() -> None:
    assert 'cursor = response.headers.get("X-Next-Cursor")' in written(Paging("cursor", "cursor", "limit", 20, 100))


def test_page_numbers_count_up_from_one() -> None:
    text = written(Paging("page", "page", "size", 20, 50))
    assert 'params["page"] = params.get("page", 1) + 1' in text
    assert 'params={"size": 51}' in text and "malformed_cursor" not in text


def test_offsets_step_by_the_size() -> None:
    assert 'params["skip"] = params.get("skip", 0) + size' in written(Paging("offset", "skip", "limit", 20, 100))


def test_no_paging_answers_every_row_at_once() -> None:
    text = written(Paging("none", None, None, 0, 0))
    assert "def test_list_of_orders_is_every_row" in text and "def walk" not in text
