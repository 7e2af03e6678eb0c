"""KeysetFollowsSort: a `--pagination cursor` keyset made to follow the `--sort` key."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.paging_sort import KeysetFollowsSort


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, transformer: KeysetFollowsSort) -> str:
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


ROUTE = """\
    def read_orders(cursor=None, limit=100, sort="-total"):
        rows = select(Order).order_by(sort_column, Order.id).where(*pages.after_cursor(cursor, Order.id)).limit(limit)
        return OrdersPublic(data=rows, next_cursor=pages.next_cursor(rows, limit, "id"))
"""
FOLLOWING = """\
    def read_orders(cursor=None, limit=100, sort="-total"):
        rows = select(Order).order_by(sort_column, Order.id).where(*pages.after_cursor(cursor, sort_column, Order.id, descending=sort.startswith("-"))).limit(limit)
        return OrdersPublic(data=rows, next_cursor=pages.next_cursor(rows, limit, sort.lstrip("-"), "id"))
"""


def test_another_function_is_left_alone() -> None:
    follows = KeysetFollowsSort("read_order")
    assert changed(ROUTE, follows) == code(ROUTE) and follows.changed == 0


def test_the_keyset_and_the_next_cursor_follow_the_sort() -> None:
    follows = KeysetFollowsSort("read_orders")
    assert changed(ROUTE, follows) == code(FOLLOWING) and follows.changed == 2


def test_a_keyset_following_the_sort_already_is_left_alone() -> None:
    assert changed(FOLLOWING, KeysetFollowsSort("read_orders")) == code(FOLLOWING)


def test_a_bare_lists_header_follows_the_sort() -> None:
    before = """\
        def read_orders(response, cursor=None, limit=100, sort="total"):
            return pages.with_next_cursor(response, crud.get_orders(cursor=cursor), limit, "id")
    """
    assert changed(before, KeysetFollowsSort("read_orders")) == code(
        """\
        def read_orders(response, cursor=None, limit=100, sort="total"):
            return pages.with_next_cursor(response, crud.get_orders(cursor=cursor), limit, sort.lstrip("-"), "id")
        """
    )
