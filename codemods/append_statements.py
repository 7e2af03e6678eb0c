"""Append top-level statements to a module, skipping any whose name the module already defines.

Before:  class Category(Base): ...
After:   class Category(Base): ...
         (two blank lines)
         class Order(Base): ...
"""

from __future__ import annotations

import libcst as cst

from codemods.errors import TargetError
from codemods.parsing import parse_module


def defined_names(stmt: cst.CSTNode) -> set[str]:
    """Names a top-level statement binds (def, class, simple assignment targets)."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return {stmt.name.value}
    names: set[str] = set()
    if isinstance(stmt, cst.SimpleStatementLine):
        for small in stmt.body:
            targets = []
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign):
                targets = [small.target]
            names.update(t.value for t in targets if isinstance(t, cst.Name))
    return names


def module_names(module: cst.Module) -> set[str]:
    return {n for stmt in module.body for n in defined_names(stmt)}


def _blank(count: int) -> list[cst.EmptyLine]:
    return [cst.EmptyLine() for _ in range(count)]


def _with_blank(stmt: cst.CSTNode, count: int) -> cst.CSTNode:
    """`stmt` with at least `count` blank lines above it (and above any comment lines it has)."""
    lines = list(stmt.leading_lines)
    blanks = next((i for i, line in enumerate(lines) if line.comment is not None), len(lines))
    return (
        stmt if blanks >= count else stmt.with_changes(leading_lines=_blank(count - blanks) + lines)
    )


def append_statements(
    module: cst.Module, code: str, after: str | None = None
) -> tuple[cst.Module, list[str]]:
    """Insert the statements of `code` after the top-level definition `after` (or at the end).

    Returns the new module and the names that were skipped because they already exist.
    """
    new_stmts = list(parse_module(code).body)
    existing = module_names(module)
    kept, skipped = [], []
    for stmt in new_stmts:
        names = defined_names(stmt)
        if names and names <= existing:
            skipped.extend(sorted(names))
        else:
            kept.append(stmt)
    if not kept:
        return module, skipped
    body = list(module.body)
    if after is None:
        at = len(body)
    else:
        at = next((i + 1 for i, s in enumerate(body) if after in defined_names(s)), None)
        if at is None:
            raise TargetError(f"cannot find {after!r} to insert after")
    # Two blank lines around definitions, as black and ruff lay them out; one between plain statements.
    first = kept[0]
    gap = (
        2
        if isinstance(first, cst.BaseCompoundStatement)
        or (at and isinstance(body[at - 1], cst.BaseCompoundStatement))
        else 1
    )
    kept[0] = first.with_changes(leading_lines=_blank(gap) if body[:at] else [])
    for i, stmt in enumerate(kept[1:], 1):
        compound = isinstance(stmt, cst.BaseCompoundStatement) or isinstance(
            kept[i - 1], cst.BaseCompoundStatement
        )
        if compound:
            kept[i] = _with_blank(stmt, 2)
    if at < len(body):
        nxt = body[at]
        needs = (
            2
            if isinstance(nxt, cst.BaseCompoundStatement)
            or isinstance(kept[-1], cst.BaseCompoundStatement)
            else 1
        )
        body[at] = _with_blank(nxt, needs)
    # Statements appended at the end of a module (or to an empty one) end with a newline.
    return module.with_changes(
        body=body[:at] + kept + body[at:],
        has_trailing_newline=module.has_trailing_newline or at == len(body),
    ), skipped
