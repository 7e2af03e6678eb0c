"""EnvelopeKeyword and ReturnThrough: the next page's cursor handed back by a list route."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.paging_response import DropKeyword, EnvelopeKeyword, ReturnThrough


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, transformer) -> str:
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


NEXT = 'pages.next_cursor(_rows, limit, "id")'
ENVELOPE = """\
    def read_orders(limit: int = 100):
        orders = session.exec(statement).all()
        return OrdersPublic(data=orders, count=count)
"""
BARE = """\
    def read_orders(limit: int = 100, db=Depends(get_db)):
        return crud.get_orders(db, limit=limit)
"""
THROUGH = 'pages.with_next_cursor(response, _rows, limit, "id")'


def test_envelope_of_another_function_is_left_alone() -> None:
    keyword = EnvelopeKeyword("read_order", "OrdersPublic", "next_cursor", NEXT, "data")
    assert changed(ENVELOPE, keyword) == code(ENVELOPE) and keyword.added == 0


def test_envelope_with_the_keyword_is_left_alone() -> None:
    done = """\
        def read_orders(limit: int = 100):
            return OrdersPublic(data=orders, next_cursor=None)
    """
    assert changed(done, EnvelopeKeyword("read_orders", "OrdersPublic", "next_cursor", NEXT, "data")) == code(done)


def test_envelope_gains_the_cursor_of_its_rows() -> None:
    keyword = EnvelopeKeyword("read_orders", "OrdersPublic", "next_cursor", NEXT, "data")
    assert changed(ENVELOPE, keyword) == code(
        """\
        def read_orders(limit: int = 100):
            orders = session.exec(statement).all()
            return OrdersPublic(data=orders, count=count, next_cursor=pages.next_cursor(orders, limit, "id"))
        """
    )


def test_bare_list_of_another_function_is_left_alone() -> None:
    through = ReturnThrough("read_order", THROUGH)
    assert changed(BARE, through) == code(BARE) and through.wrapped == 0


def test_bare_list_goes_through_the_header_helper_with_the_response_first() -> None:
    assert changed(BARE, ReturnThrough("read_orders", THROUGH)) == code(
        """\
        def read_orders(response: Response, limit: int = 100, db=Depends(get_db)):
            return pages.with_next_cursor(response, crud.get_orders(db, limit=limit), limit, "id")
        """
    )


def test_bare_list_handed_through_already_is_left_alone() -> None:
    done = """\
        def read_orders(response: Response, limit: int = 100):
            return pages.with_next_cursor(response, rows, limit, "id")
    """
    assert changed(done, ReturnThrough("read_orders", THROUGH)) == code(done)


def test_returns_of_a_nested_function_are_not_the_routes() -> None:
    before = """\
        def read_orders(limit: int = 100):
            def key(row):
                return row.id
            return sorted(rows, key=key)
    """
    assert changed(before, ReturnThrough("read_orders", THROUGH)) == code(
        """\
        def read_orders(response: Response, limit: int = 100):
            def key(row):
                return row.id
            return pages.with_next_cursor(response, sorted(rows, key=key), limit, "id")
        """
    )


def test_the_cursor_keyword_goes_from_the_envelope() -> None:
    before = """\
        async def list_orders(limit: int = 20):
            orders, next_cursor = await crud.list_orders(db, limit=limit)
            return OrderListResponse(data=orders, next_cursor=next_cursor, has_more=next_cursor is not None)
    """
    dropped = DropKeyword("list_orders", "OrderListResponse", "next_cursor")
    assert changed(before, dropped) == code(
        """\
        async def list_orders(limit: int = 20):
            orders, next_cursor = await crud.list_orders(db, limit=limit)
            return OrderListResponse(data=orders, has_more=next_cursor is not None)
        """
    )
    assert dropped.dropped == 1


def test_an_envelope_without_the_keyword_is_left_alone() -> None:
    dropped = DropKeyword("read_orders", "OrdersPublic", "next_cursor")
    assert changed(ENVELOPE, dropped) == code(ENVELOPE) and dropped.dropped == 0
