"""PagingChain: a query's `.offset()` and `.limit()` rewritten for another style of paging."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.paging_query import OffsetBeforeLimit, PageAfterBuilders, PagingChain


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, transformer: PagingChain) -> str:
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


INLINE = """\
    def list_orders(db, skip, limit):
        count = db.exec(select(func.count()).select_from(Order)).one()
        return db.exec(select(Order).order_by(Order.id).offset(skip).limit(limit)).all()
"""
KEYSET = ".where(*pages.after_cursor(cursor, Order.id))"


def test_another_function_is_left_alone() -> None:
    chain = PagingChain("read_order", KEYSET, "limit", "Order.id")
    assert changed(INLINE, chain) == code(INLINE) and chain.changed == 0


def test_a_query_that_does_not_page_is_left_alone() -> None:
    before = """\
        def list_orders(db):
            return db.query(Order).order_by(Order.id).all()
    """
    assert changed(before, PagingChain("list_orders", "", None)) == code(before)


def test_the_offset_becomes_a_keyset_after_the_order() -> None:
    chain = PagingChain("list_orders", KEYSET, "limit", "Order.id")
    assert changed(INLINE, chain) == code(
        """\
        def list_orders(db, skip, limit):
            count = db.exec(select(func.count()).select_from(Order)).one()
            return db.exec(select(Order).order_by(Order.id).where(*pages.after_cursor(cursor, Order.id)).limit(limit)).all()
        """
    )
    assert chain.orders == [["Order.id"]]


def test_a_chain_without_an_order_gets_the_keyset_order() -> None:
    before = """\
        def get_orders(db, skip, limit):
            return db.query(Order).offset(skip).limit(limit).all()
    """
    chain = PagingChain("get_orders", ".filter(*pages.after_cursor(cursor, Order.id))", "limit", "Order.id")
    assert changed(before, chain) == code(
        """\
        def get_orders(db, skip, limit):
            return db.query(Order).order_by(Order.id).filter(*pages.after_cursor(cursor, Order.id)).limit(limit).all()
        """
    )
    assert chain.orders == [None]


def test_page_numbers_in_a_parenthesized_chain_keep_one_call_a_line() -> None:
    before = """\
        def get_orders(db, skip, limit):
            return (
                db.query(Order)
                .order_by(Order.id)
                .offset(skip)
                .limit(limit)
                .all()
            )
    """
    assert changed(before, PagingChain("get_orders", ".offset((page - 1) * size)", "size")) == code(
        """\
        def get_orders(db, skip, limit):
            return (
                db.query(Order)
                .order_by(Order.id)
                .offset((page - 1) * size)
                .limit(size)
                .all()
            )
        """
    )


def test_no_paging_drops_both_calls_and_keeps_the_parentheses() -> None:
    before = """\
        def read_orders(skip, limit):
            statement = (
                select(Order)
                .order_by(Order.id)
                .offset(skip)
                .limit(limit)
            )
    """
    assert changed(before, PagingChain("read_orders", "", None)) == code(
        """\
        def read_orders(skip, limit):
            statement = (
                select(Order)
                .order_by(Order.id)
            )
        """
    )


def test_an_offset_goes_before_each_limit() -> None:
    before = """\
        async def list_orders(db, skip, limit):
            stmt = select(Order).order_by(Order.id)
            return await db.scalars(stmt.limit(limit + 1))
    """
    placed = OffsetBeforeLimit("list_orders", ".offset(skip)")
    assert changed(before, placed) == code(
        """\
        async def list_orders(db, skip, limit):
            stmt = select(Order).order_by(Order.id)
            return await db.scalars(stmt.offset(skip).limit(limit + 1))
        """
    )
    assert placed.added == 1


def test_a_limit_after_an_offset_is_left_alone() -> None:
    before = """\
        def list_orders(db, skip, limit):
            return db.query(Order).offset(skip).limit(limit).all()
    """
    placed = OffsetBeforeLimit("list_orders", ".offset(skip)")
    assert changed(before, placed) == code(before) and placed.added == 0


def test_a_query_of_every_row_is_paged_after_its_last_building_call() -> None:
    before = """\
        def read_orders(db):
            total = db.query(models.Order).count()
            return (
                db.query(models.Order)
                .filter(models.Order.total > 0)
                .all()
            )
    """
    paged = PageAfterBuilders("read_orders", "models.Order", ".offset(skip).limit(limit)", "models.Order.id")
    assert changed(before, paged) == code(
        """\
        def read_orders(db):
            total = db.query(models.Order).count()
            return (
                db.query(models.Order)
                .filter(models.Order.total > 0)
                .order_by(models.Order.id)
                .offset(skip)
                .limit(limit)
                .all()
            )
        """
    )
    assert paged.added and paged.order_seen is None


def test_a_query_with_its_own_order_keeps_it() -> None:
    before = """\
        def list_orders(session):
            return list(session.scalars(select(Order).order_by(Order.created_at)))
    """
    paged = PageAfterBuilders("list_orders", "Order", ".limit(limit)", "Order.id")
    assert changed(before, paged) == code(
        """\
        def list_orders(session):
            return list(session.scalars(select(Order).order_by(Order.created_at).limit(limit)))
        """
    )
    assert paged.order_seen == ["Order.created_at"]


def test_a_function_without_the_models_query_is_left_alone() -> None:
    before = """\
        def list_orders(session):
            return session.scalars(select(Item)).all()
    """
    paged = PageAfterBuilders("list_orders", "Order", ".limit(limit)")
    assert changed(before, paged) == code(before) and not paged.added
