"""QueryOrder: the list ordered by a whitelisted `sort` key, ties broken by the key column."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.query_order import QueryOrder


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, transformer: QueryOrder) -> str:
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


CHAIN = """\
    def get_orders(db, *, skip: int = 0):
        return db.query(Order).order_by(Order.id).offset(skip).all()
"""


def test_another_function_is_left_alone() -> None:
    assert changed(CHAIN, QueryOrder("get_order", "Order", ("total",), "total")) == code(CHAIN)


def test_a_function_sorted_already_is_left_alone() -> None:
    done = """\
        def get_orders(db, sort: str = "total"):
            sort_column = {"total": Order.total}[sort.lstrip("-")]
            return db.query(Order).order_by(sort_column, Order.id).all()
    """
    assert changed(done, QueryOrder("get_orders", "Order", ("total",), "total")) == code(done)


def test_the_order_by_becomes_the_sort_column_then_the_key() -> None:
    assert changed(
        CHAIN, QueryOrder("get_orders", "Order", ("created_at", "total"), "-total")
    ) == code(
        """\
        def get_orders(db, *, skip: int = 0, sort: str = "-total"):
            sort_column = {"created_at": Order.created_at, "total": Order.total}[sort.lstrip("-")]
            return db.query(Order).order_by(sort_column.desc() if sort.startswith("-") else sort_column, Order.id).offset(skip).all()
        """
    )


def test_a_query_without_order_by_gets_one_on_its_root() -> None:
    before = """\
        async def list_orders(session, offset: int = 0):
            return (await session.exec(select(Order).offset(offset))).all()
    """
    transformer = QueryOrder("list_orders", "Order", ("total",), "total")
    assert changed(before, transformer) == code(
        """\
        async def list_orders(session, offset: int = 0, sort: str = "total"):
            sort_column = {"total": Order.total}[sort.lstrip("-")]
            return (await session.exec(select(Order).order_by(sort_column.desc() if sort.startswith("-") else sort_column, Order.id).offset(offset))).all()
        """
    )
    assert transformer.done


def test_the_rows_query_is_ordered_not_the_count() -> None:
    before = """\
        def list_orders(db):
            total = db.scalar(select(func.count()).select_from(Order))
            return db.scalars(select(Order).offset(0)).all(), total
    """
    after = changed(before, QueryOrder("list_orders", "Order", ("total",), "total"))
    assert "select_from(Order))" in after
    assert (
        'select(Order).order_by(sort_column.desc() if sort.startswith("-") else sort_column, Order.id).offset(0)'
        in after
    )


def test_a_list_querying_in_two_branches_orders_both() -> None:
    # a superuser's rows and a user's own (the full-stack template's list): both pages are sorted
    before = """\
        def read_orders(session, current_user, skip: int = 0):
            if current_user.is_superuser:
                count = session.exec(select(func.count()).select_from(Order)).one()
                orders = session.exec(select(Order).offset(skip)).all()
            else:
                count = session.query(Order).filter(Order.owner_id == current_user.id).count()
                orders = session.exec(select(Order).where(Order.owner_id == current_user.id).offset(skip)).all()
            return orders, count
    """
    after = changed(before, QueryOrder("read_orders", "Order", ("total",), "total"))
    ordered = 'order_by(sort_column.desc() if sort.startswith("-") else sort_column, Order.id)'
    assert f"select(Order).{ordered}.offset(skip)" in after
    assert f"select(Order).{ordered}.where(Order.owner_id == current_user.id)" in after
    assert "select_from(Order)).one()" in after and "session.query(Order).filter(" in after  # the counts
