"""CachedReads: read routes answer from the cache after their dependencies ran, and fill it."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.cache_reads import CachedRead, CachedReads


def code(text: str) -> str:
    return textwrap.dedent(text)


def read(before: str, *reads: CachedRead, awaited: bool = False) -> str:
    after = cst.parse_module(code(before)).visit(CachedReads(reads, "memory_cache", '"orders"', 60, awaited)).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


GET = """\
    @router.get("/{order_id}", response_model=OrderRead)
    def get_order(order_id: int, db=Depends(get_db)):
        order = find(db, order_id)
        if order is None:
            raise HTTPException(404)
        return order
"""


def test_no_route_of_that_name_changes_nothing() -> None:
    assert read(GET, CachedRead("list_orders", None, "list[OrderRead]")) == code(GET)


def test_the_get_route_reads_through_the_cache() -> None:
    assert read(GET, CachedRead("get_order", "order_id", "OrderRead")) == code("""\
        @router.get("/{order_id}", response_model=OrderRead)
        def get_order(request: Request, order_id: int, db=Depends(get_db)):
            cache_key = memory_cache.key("orders", order_id, request)
            cached = memory_cache.get(cache_key)
            if cached is not None:
                return cached
            order = find(db, order_id)
            if order is None:
                raise HTTPException(404)
            return memory_cache.put(cache_key, order, OrderRead, 60)
    """)


def test_the_signed_in_user_is_part_of_the_key_and_awaited_for_asyncio() -> None:
    before = """\
        @router.get("", response_model=list[OrderRead])
        async def list_orders(
            skip: int = 0,
            user: User = Depends(current_user),
        ):
            \"\"\"The user's orders.\"\"\"
            return await rows(user, skip)
    """
    assert read(before, CachedRead("list_orders", None, "list[OrderRead]", ("user",)), awaited=True) == code("""\
        @router.get("", response_model=list[OrderRead])
        async def list_orders(
            request: Request,
            skip: int = 0,
            user: User = Depends(current_user),
        ):
            \"\"\"The user's orders.\"\"\"
            cache_key = await memory_cache.key("orders", None, request, user)
            cached = await memory_cache.get(cache_key)
            if cached is not None:
                return cached
            return await memory_cache.put(cache_key, await rows(user, skip), list[OrderRead], 60)
    """)


def test_a_request_parameter_of_the_route_is_used() -> None:
    before = """\
        def get_order(req: Request, order_id: int):
            return find(order_id)
    """
    after = read(before, CachedRead("get_order", "order_id", "OrderRead"))
    assert "def get_order(req: Request, order_id: int):" in after
    assert 'memory_cache.key("orders", order_id, req)' in after


def test_a_nested_function_keeps_its_returns() -> None:
    before = """\
        def get_order(order_id: int):
            def pick(rows):
                return rows[0]
            return pick(find(order_id))
    """
    after = read(before, CachedRead("get_order", "order_id", "OrderRead"))
    assert "        return rows[0]\n" in after
    assert "return memory_cache.put(cache_key, pick(find(order_id)), OrderRead, 60)" in after


def test_a_second_pass_changes_nothing() -> None:
    once = read(GET, CachedRead("get_order", "order_id", "OrderRead"))
    assert read(once, CachedRead("get_order", "order_id", "OrderRead")) == once


def test_a_row_from_a_dependency_is_keyed_by_its_path_parameter() -> None:
    before = """\
        async def get_order(order: Order = Depends(valid_order_id)):
            return order
    """
    after = read(before, CachedRead("get_order", "order_id", "OrderRead"), awaited=True)
    assert 'cache_key = await memory_cache.key("orders", request.path_params["order_id"], request)' in after
