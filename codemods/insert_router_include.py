"""Register a router where the project registers its routers.

include call, after the last sibling include (at module level or inside an app factory):
    app.include_router(items.router)          app.include_router(items.router)
                                       ->     app.include_router(orders.router)
list for a loop, the element appended (the list statement is re-rendered by the formatter):
    routers = [auth.router, items.router] ->  routers = [auth.router, items.router, orders.router]
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from codemods.errors import TargetError
from codemods.formatting import FormatStyle, format_code


def _is_include_on(stmt: cst.CSTNode, target: str) -> bool:
    return m.matches(stmt, m.SimpleStatementLine(body=[m.Expr(value=m.Call(
        func=m.Attribute(value=m.Name(target), attr=m.Name("include_router"))))]))


def _include_text(stmt: cst.SimpleStatementLine) -> str:
    return cst.Module(body=[]).code_for_node(stmt.body[0].value)


def insert_include_call(module: cst.Module, target: str, call_code: str, style: FormatStyle,
                        router_expr: str) -> tuple[cst.Module, bool]:
    """Add `call_code` after the last `target.include_router(...)`; (module, changed)."""

    def already(stmts) -> bool:
        for stmt in stmts:
            if _is_include_on(stmt, target):
                args = stmt.body[0].value.args
                if args and cst.Module(body=[]).code_for_node(args[0].value) == router_expr:
                    return True
        return False

    class Inserter(cst.CSTTransformer):
        done = False
        present = False

        def _handle(self, stmts: list, depth: int) -> list:
            if already(stmts):
                self.present = True
                return stmts
            last = max((i for i, s in enumerate(stmts) if _is_include_on(s, target)), default=None)
            if last is None or self.done:
                return stmts
            new = cst.parse_statement(format_code(call_code, style, depth=depth))
            self.done = True
            return stmts[: last + 1] + [new] + stmts[last + 1:]

        def leave_Module(self, original, updated):  # noqa: ANN001, ANN202
            return updated.with_changes(body=self._handle(list(updated.body), 0))

        def leave_IndentedBlock(self, original, updated):  # noqa: ANN001, ANN202
            return updated.with_changes(body=self._handle(list(updated.body), 1))

    inserter = Inserter()
    new_module = module.visit(inserter)
    if inserter.present:
        return module, False
    if not inserter.done:
        raise TargetError(f"no {target}.include_router(...) call to insert after")
    return new_module, True


def append_to_list(module: cst.Module, list_name: str, element: str, style: FormatStyle) -> tuple[cst.Module, bool]:
    """Append `element` to the module-level list assigned to `list_name`; (module, changed)."""
    body = list(module.body)
    for i, stmt in enumerate(body):
        if not m.matches(stmt, m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(m.Name(list_name))])])):
            continue
        assign: cst.Assign = stmt.body[0]
        if not isinstance(assign.value, (cst.List, cst.Tuple)):
            raise TargetError(f"{list_name} is not a list literal")
        items = [cst.Module(body=[]).code_for_node(e.value) for e in assign.value.elements]
        if element in items:
            return module, False
        if items == sorted(items) and len(items) > 1:
            items = sorted([*items, element])  # keep a sorted list sorted (__all__ usually is)
        else:
            items.append(element)
        opener, closer = ("[", "]") if isinstance(assign.value, cst.List) else ("(", ")")
        trailing = "," if isinstance(assign.value, cst.Tuple) and len(items) == 1 else ""
        text = f"{list_name} = {opener}{', '.join(items)}{trailing}{closer}"
        new = cst.parse_statement(format_code(text, style))
        body[i] = new.with_changes(leading_lines=stmt.leading_lines)
        return module.with_changes(body=body), True
    raise TargetError(f"no module-level list {list_name!r} to register the router in")
