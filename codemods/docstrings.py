"""Whether a statement is a docstring: new statements go after it, never above it."""

from __future__ import annotations

import libcst as cst


def is_docstring(stmt: cst.CSTNode) -> bool:
    """A statement holding only a string literal (a plain one, or implicitly joined parts)."""
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )
