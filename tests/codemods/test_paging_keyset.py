"""DropKeyset: a keyset cursor taken out of a list query."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.paging_keyset import DropKeyset


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, transformer: DropKeyset) -> str:
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


SEED = """\
    async def list_orders(db, *, cursor, limit):
        stmt = select(Order).order_by(Order.id)
        if cursor is not None:
            stmt = stmt.where(Order.id > cursor)
        return await db.scalars(stmt.limit(limit + 1))
"""


def test_another_function_is_left_alone() -> None:
    keyset = DropKeyset("list_items", "cursor")
    assert changed(SEED, keyset) == code(SEED) and keyset.dropped == 0


def test_the_guarded_condition_goes() -> None:
    keyset = DropKeyset("list_orders", "cursor")
    assert changed(SEED, keyset) == code(
        """\
        async def list_orders(db, *, cursor, limit):
            stmt = select(Order).order_by(Order.id)
            return await db.scalars(stmt.limit(limit + 1))
        """
    )
    assert keyset.dropped


def test_an_inline_condition_goes() -> None:
    before = """\
        def list_orders(db, after, limit):
            return db.query(Order).filter(Order.id > after).order_by(Order.id).limit(limit).all()
    """
    assert changed(before, DropKeyset("list_orders", "after")) == code(
        """\
        def list_orders(db, after, limit):
            return db.query(Order).order_by(Order.id).limit(limit).all()
        """
    )


def test_an_if_doing_more_than_assigning_stays() -> None:
    before = """\
        def list_orders(db, cursor, limit):
            if cursor is not None:
                log(cursor)
            return db.query(Order).limit(limit).all()
    """
    keyset = DropKeyset("list_orders", "cursor")
    assert changed(before, keyset) == code(before) and keyset.dropped == 0
