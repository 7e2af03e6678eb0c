"""ForgetOnWrite: a write route forgets its row and the lists, however it ends."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.cache_writes import ForgetOnWrite


def code(text: str) -> str:
    return textwrap.dedent(text)


def forgotten(before: str, writes: dict[str, str | None], awaited: bool = False) -> str:
    after = cst.parse_module(code(before)).visit(ForgetOnWrite(writes, "redis_cache", '"orders"', awaited)).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


UPDATE = """\
    @router.patch("/{order_id}")
    async def update_order(order_id: int, data: OrderUpdate):
        \"\"\"Change one.\"\"\"
        order = await find(order_id)
        return await save(order, data)
"""


def test_no_route_of_that_name_changes_nothing() -> None:
    assert forgotten(UPDATE, {"delete_order": "order_id"}) == code(UPDATE)


def test_an_update_forgets_its_row_after_every_way_out() -> None:
    assert forgotten(UPDATE, {"update_order": "order_id"}, awaited=True) == code("""\
        @router.patch("/{order_id}")
        async def update_order(order_id: int, data: OrderUpdate):
            \"\"\"Change one.\"\"\"
            try:
                order = await find(order_id)
                return await save(order, data)
            finally:
                await redis_cache.forget("orders", order_id)
    """)


def test_a_create_forgets_the_lists() -> None:
    before = """\
        def create_order(data: OrderCreate):
            return add(data)
    """
    assert forgotten(before, {"create_order": None}) == code("""\
        def create_order(data: OrderCreate):
            try:
                return add(data)
            finally:
                redis_cache.forget("orders")
    """)


def test_a_second_pass_changes_nothing() -> None:
    once = forgotten(UPDATE, {"update_order": "order_id"})
    assert forgotten(once, {"update_order": "order_id"}) == once


def test_a_row_from_a_dependency_is_forgotten_by_its_path_parameter() -> None:
    before = """\
        @router.delete("/{order_id}")
        async def delete_order(order: Order = Depends(valid_order_id)):
            await remove(order)
    """
    assert forgotten(before, {"delete_order": "order_id"}, awaited=True) == code("""\
        @router.delete("/{order_id}")
        async def delete_order(request: Request, order: Order = Depends(valid_order_id)):
            try:
                await remove(order)
            finally:
                await redis_cache.forget("orders", request.path_params["order_id"])
    """)
