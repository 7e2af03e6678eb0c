"""Take a keyset cursor out of a list query, so it can page another way.

Before (`cursor`):
    stmt = select(Order).order_by(Order.id)
    if cursor is not None:
        stmt = stmt.where(Order.id > cursor)
    rows = db.scalars(select(Order).where(Order.id > cursor).limit(limit + 1))
After:
    stmt = select(Order).order_by(Order.id)
    rows = db.scalars(select(Order).limit(limit + 1))
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.within_function import WithinFunction


def _mentions(node: cst.CSTNode, name: str) -> bool:
    return bool(m.findall(node, m.Name(name)))


class DropKeyset(WithinFunction):
    """In `function`: each `if <cursor> ...:` statement holding only assignments goes, and each
    `.where(...)`/`.filter(...)` call mentioning `cursor`; `dropped` counts them (what else
    mentions it is left for the caller to refuse)."""

    def __init__(self, function: str, cursor: str):
        super().__init__(function)
        self.cursor = cursor
        self.dropped = 0

    def leave_If(self, original: cst.If, updated: cst.If) -> cst.If | cst.RemovalSentinel:
        if not self.inside or not _mentions(original.test, self.cursor) or original.orelse is not None:
            return updated
        if not all(
            isinstance(s, cst.SimpleStatementLine) and all(isinstance(b, cst.Assign) for b in s.body)
            for s in original.body.body
        ):
            return updated
        self.dropped += 1
        return cst.RemoveFromParent()

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if (
            self.inside
            and isinstance(updated.func, cst.Attribute)
            and updated.func.attr.value in ("where", "filter")
            and any(_mentions(a, self.cursor) for a in updated.args)
        ):
            self.dropped += 1
            return updated.func.value
        return updated
