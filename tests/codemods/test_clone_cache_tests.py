"""The project's tests of `--cache`: ETag and 304 for headers; fresh reads after writes otherwise."""

from __future__ import annotations

import textwrap

from codemods.clone.cache_tests import fresh_cache_fixture, write_cache_tests
from codemods.clone.route_tests import routes_of
from codemods.imports import Import
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.conventions import TestsFinding as Setup

ROUTER = textwrap.dedent(
    """\
    @router.post("/orders", status_code=201)
    async def create_order(data: OrderCreate, user=Depends(get_current_user)): ...

    @router.get("/orders/{order_id}")
    async def get_order(order_id: int, user=Depends(get_current_user)): ...

    @router.patch("/orders/{order_id}")
    async def update_order(order_id: int, data: OrderUpdate, user=Depends(get_current_user)): ...

    @router.delete("/orders/{order_id}", status_code=204)
    async def delete_order(order_id: int, user=Depends(require_role("admin"))): ...
    """
)
ASYNC = Setup(client="httpx_async", async_marker="asyncio", client_fixture="client",
              fixture_for=(("get_current_user", "auth_headers"), ("require_role('admin')", "admin_headers")))
HELPER = Import("app.core", "memory_cache")


def written(kind: str, fixture=None) -> str:
    spec = parse_resource("Order", ("total:decimal", "note:text?"))
    by_op = {r.op: r for r in routes_of(ROUTER, "get_current_user", "user")}
    text, _ = write_cache_tests(kind, 120, by_op, ResourceNames.parse("Order"), spec.fields, ("app.main", "app"), ASYNC, "int", fixture=fixture)
    assert text is not None
    compile(text, "tests", "exec")
    return text


def test_headers_prove_the_etag_the_304_and_a_new_etag_after_a_change() -> None:
    text = written("headers")
    assert 'assert "max-age=120" in first.headers["cache-control"]' in text
    assert 'headers={**auth_headers, "If-None-Match": etag}' in text
    assert "assert again.status_code == 304" in text and 'assert again.content == b""' in text
    assert 'assert second.headers["etag"] != first.headers["etag"]' in text


def test_memory_reads_after_writes_with_each_route_signed_in_as_it_needs() -> None:
    text = written("memory", fresh_cache_fixture("memory", HELPER))
    assert text.startswith("import pytest\n\nfrom app.core import memory_cache\nfrom app.main import app\n")
    assert "async def test_order_read_after_update_is_fresh(client, auth_headers):" in text
    assert "async def test_order_read_after_delete_is_404(client, auth_headers, admin_headers):" in text
    # the note changes, not the total: a decimal reads back as "13.75" or 13.75 by pydantic's version
    assert 'assert second.json()["note"] == "Other note."' in text
    assert "assert second.status_code == 404" in text
    assert "@pytest.fixture(autouse=True)\ndef fresh_cache():" in text


def test_the_redis_fixture_skips_saying_why() -> None:
    code, imports = fresh_cache_fixture("redis", Import("app.core", "redis_cache"))
    assert 'pytest.skip(f"Redis is not reachable (REDIS_URL): {exc}")' in code
    assert [i.module for i in imports] == ["pytest", "redis", "app.core"]
