"""QueryFilters: the filters' conditions collected, `.where(*conditions)` on the query's root
(`.filter(*conditions)` on a legacy `db.query(...)`)."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.query_filters import QueryFilters
from codemods.query_params import QueryParam


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, transformer: QueryFilters) -> str:
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


STATUS = (QueryParam("status", "str | None", "None"), "Order.status == status")
LIST = """\
    async def list_orders(db, *, cursor: int | None, limit: int):
        \"\"\"A page of orders.\"\"\"
        stmt = select(Order).order_by(Order.id)
        if cursor is not None:
            stmt = stmt.where(Order.id > cursor)
        return (await db.scalars(stmt.limit(limit))).all()
"""


def test_another_function_is_left_alone() -> None:
    transformer = QueryFilters("get_order", "Order", (STATUS,))
    assert changed(LIST, transformer) == code(LIST)
    assert not transformer.done


def test_a_function_filtered_already_is_left_alone() -> None:
    done = """\
        def list_orders(db, status=None):
            conditions = []
            return db.query(Order).where(*conditions).all()
    """
    assert changed(done, QueryFilters("list_orders", "Order", (STATUS,))) == code(done)


def test_statement_query_is_filtered_at_its_root() -> None:
    transformer = QueryFilters("list_orders", "Order", (STATUS,))
    assert changed(LIST, transformer) == code(
        """\
        async def list_orders(db, *, cursor: int | None, limit: int, status: str | None = None):
            \"\"\"A page of orders.\"\"\"
            conditions = []
            if status is not None:
                conditions.append(Order.status == status)
            stmt = select(Order).where(*conditions).order_by(Order.id)
            if cursor is not None:
                stmt = stmt.where(Order.id > cursor)
            return (await db.scalars(stmt.limit(limit))).all()
        """
    )
    assert transformer.done


def test_legacy_query_chain_and_ranges() -> None:
    """A session's Query is filtered with `filter`: its `where` came in SQLAlchemy 1.4."""
    before = """\
        def get_orders(db, skip: int = 0):
            return db.query(models.Order).order_by(models.Order.id).offset(skip).all()
    """
    low = (QueryParam("total__gte", "Decimal | None", "None"), "models.Order.total >= total__gte")
    assert changed(before, QueryFilters("get_orders", "models.Order", (low,))) == code(
        """\
        def get_orders(db, skip: int = 0, total__gte: Decimal | None = None):
            conditions = []
            if total__gte is not None:
                conditions.append(models.Order.total >= total__gte)
            return db.query(models.Order).filter(*conditions).order_by(models.Order.id).offset(skip).all()
        """
    )


def test_the_count_is_filtered_too() -> None:
    before = """\
        def list_orders(db):
            total = db.scalar(select(func.count()).select_from(Order))
            rows = db.scalars(select(Order).offset(0)).all()
            return rows, total
    """
    after = changed(before, QueryFilters("list_orders", "Order", (STATUS,)))
    assert ".select_from(Order).where(*conditions))" in after
    assert "select(Order).where(*conditions).offset(0)" in after


def test_a_chain_written_one_call_a_line_stays_so() -> None:
    before = """\
        def list_orders(db, owner_id):
            statement = (
                select(Order)
                .where(Order.owner_id == owner_id)
                .limit(10)
            )
            return db.exec(statement).all()
    """
    after = changed(before, QueryFilters("list_orders", "Order", (STATUS,)))
    assert (
        "        select(Order)\n        .where(*conditions)\n        .where(Order.owner_id == owner_id)\n"
        in after
    )
