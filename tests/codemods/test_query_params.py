"""QueryParams: query parameters on the list route, passed on to the data access it calls."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.query_params import QueryParam, QueryParams


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, transformer: QueryParams) -> str:
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


STATUS = QueryParam("status", "str | None", "None")
ROUTE = """\
    @router.get("")
    async def list_orders(limit: int = 20, db=Depends(get_db)):
        return await crud.list_orders(db, limit=limit)
"""


def test_another_function_is_left_alone() -> None:
    assert changed(ROUTE, QueryParams("read_order", (STATUS,), "list_orders")) == code(ROUTE)


def test_parameters_present_already_are_left_alone() -> None:
    done = """\
        @router.get("")
        async def list_orders(limit: int = 20, status: str | None = None):
            return await crud.list_orders(limit=limit, status=status)
    """
    assert changed(done, QueryParams("list_orders", (STATUS,), "list_orders")) == code(done)


def test_the_parameter_is_added_and_passed_on() -> None:
    assert changed(ROUTE, QueryParams("list_orders", (STATUS,), "list_orders")) == code(
        """\
        @router.get("")
        async def list_orders(limit: int = 20, db=Depends(get_db), status: str | None = None):
            return await crud.list_orders(db, limit=limit, status=status)
        """
    )


def test_one_a_line_keeps_its_layout() -> None:
    before = """\
        def read_orders(
            skip: int = 0,
            limit: int = 100,
        ):
            return crud.get_orders(
                db,
                skip=skip,
            )
    """
    assert changed(before, QueryParams("read_orders", (STATUS,), "get_orders")) == code(
        """\
        def read_orders(
            skip: int = 0,
            limit: int = 100,
            status: str | None = None,
        ):
            return crud.get_orders(
                db,
                skip=skip,
                status=status,
            )
        """
    )


def test_a_name_the_route_reads_is_aliased_and_passed_on_by_its_name() -> None:
    aliased = QueryParam("status_", "str | None", 'Query(None, alias="status")', "status")
    assert changed(ROUTE, QueryParams("list_orders", (aliased,), "list_orders")) == code(
        """\
        @router.get("")
        async def list_orders(limit: int = 20, db=Depends(get_db), status_: str | None = Query(None, alias="status")):
            return await crud.list_orders(db, limit=limit, status=status_)
        """
    )


def test_inline_query_gets_the_parameters_only() -> None:
    transformer = QueryParams("list_orders", (STATUS,), None)
    after = changed(ROUTE, transformer)
    assert "status: str | None = None" in after and "limit=limit)" in after
    assert not transformer.passed
