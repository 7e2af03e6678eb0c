"""What libcst's matchers find, typed as what they match: `m.findall` answers plain CSTNodes,
whose fields the checker cannot see."""

from __future__ import annotations

import libcst as cst

from codemods import matching as m


def find_calls(node: cst.CSTNode, matcher: m.Call) -> list[cst.Call]:
    """The calls under `node` (itself included) that `matcher` matches, in source order."""
    return [c for c in m.findall(node, matcher) if isinstance(c, cst.Call)]


def find_names(node: cst.CSTNode) -> list[cst.Name]:
    """The names under `node` (itself included), in source order."""
    return [n for n in m.findall(node, m.Name()) if isinstance(n, cst.Name)]


def called_names(node: cst.CSTNode) -> list[str]:
    """The names called under `node` (`f` of `f(x)`, not of `obj.f(x)`), in source order."""
    return [c.func.value for c in find_calls(node, m.Call()) if isinstance(c.func, cst.Name)]


def only_statement(stmt: cst.CSTNode) -> cst.BaseSmallStatement | None:
    """The statement a line holds alone (`x = f()`; not `x = f(); y = 1`, not a compound one)."""
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        return stmt.body[0]
    return None


def named_assign(stmt: cst.CSTNode) -> tuple[str, cst.Assign] | None:
    """(name, assignment) of a line that is one `name = value`, else None."""
    assign = only_statement(stmt)
    if (
        isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
    ):
        return assign.targets[0].target.value, assign
    return None
