"""Register a router where the project registers its routers.

include call, after the last sibling include (at module level or inside an app factory):
    app.include_router(items.router)          app.include_router(items.router)
                                       ->     app.include_router(orders.router)
list for a loop, the element appended (the list statement is re-rendered by the formatter):
    routers = [auth.router, items.router] ->  routers = [auth.router, items.router, orders.router]
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.errors import TargetError
from codemods.formatting import FormatStyle, format_code


def _is_include_on(stmt: cst.CSTNode, target: str) -> bool:
    return m.matches(
        stmt,
        m.SimpleStatementLine(
            body=[
                m.Expr(
                    value=m.Call(
                        func=m.Attribute(value=m.Name(target), attr=m.Name("include_router"))
                    )
                )
            ]
        ),
    )


def insert_include_call(
    module: cst.Module, target: str, call_code: str, style: FormatStyle, router_expr: str
) -> tuple[cst.Module, bool]:
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
        depth = 0  # blocks deep: the formatter must see the indentation the call will have

        def visit_IndentedBlock(self, node):
            self.depth += 1

        def _handle(self, stmts: list, depth: int) -> list:
            if already(stmts):
                self.present = True
                return stmts
            last = max((i for i, s in enumerate(stmts) if _is_include_on(s, target)), default=None)
            if last is None or self.done:
                return stmts
            new = cst.parse_statement(format_code(call_code, style, depth=depth))
            self.done = True
            return stmts[: last + 1] + [new] + stmts[last + 1 :]

        def leave_Module(self, original, updated):
            return updated.with_changes(body=self._handle(list(updated.body), 0))

        def leave_IndentedBlock(self, original, updated):
            self.depth -= 1
            return updated.with_changes(body=self._handle(list(updated.body), self.depth + 1))

    inserter = Inserter()
    new_module = module.visit(inserter)
    if inserter.present:
        return module, False
    if not inserter.done:
        raise TargetError(f"no {target}.include_router(...) call to insert after")
    return new_module, True


def _element_key(node: cst.BaseExpression) -> str:
    """What an element means: a string's value (so 'Order' == "Order"), otherwise its code."""
    if isinstance(node, cst.SimpleString):
        return node.evaluated_value
    return cst.Module(body=[]).code_for_node(node)


def append_to_list(
    module: cst.Module, list_name: str, element: str, style: FormatStyle
) -> tuple[cst.Module, bool]:
    """Append `element` to the module-level list assigned to `list_name`; (module, changed)."""
    body = list(module.body)
    for i, stmt in enumerate(body):
        if not m.matches(
            stmt,
            m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(m.Name(list_name))])]),
        ):
            continue
        assign: cst.Assign = stmt.body[0]
        if not isinstance(assign.value, (cst.List, cst.Tuple)):
            raise TargetError(f"{list_name} is not a list literal")
        elements = list(assign.value.elements)
        new = cst.Element(value=cst.parse_expression(element))
        keys = [_element_key(e.value) for e in elements]
        if _element_key(new.value) in keys:
            return module, False
        if not elements:
            at = 0
        elif keys == sorted(keys) and len(keys) > 1:
            at = sum(
                k <= _element_key(new.value) for k in keys
            )  # keep a sorted list sorted (__all__ usually is)
        else:
            at = len(elements)
        if not elements:
            # `()` stays a tuple only with a comma: `("x",)`
            elements = [
                new.with_changes(comma=cst.Comma()) if isinstance(assign.value, cst.Tuple) else new
            ]
        else:
            # Inserted into the parsed node, so comments inside the list survive the formatter.
            multiline = "\n" in cst.Module(body=[]).code_for_node(assign.value)
            elements = _insert_element(elements, at, new, keep_trailing_comma=multiline)
        value = assign.value.with_changes(elements=elements)
        if isinstance(value, cst.Tuple) and not value.lpar:
            value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        text = cst.Module(
            body=[stmt.with_changes(body=[assign.with_changes(value=value)], leading_lines=[])]
        ).code
        new_stmt = cst.parse_statement(format_code(text, style))
        body[i] = new_stmt.with_changes(leading_lines=stmt.leading_lines)
        return module.with_changes(body=body), True
    raise TargetError(f"no module-level list {list_name!r} to register the router in")


def _insert_element(elements: list, at: int, new: cst.Element, keep_trailing_comma: bool) -> list:
    """Insert into a comma-separated sequence; the new element's comma and the old last's fixed up."""
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if at < len(elements):
        return elements[:at] + [new.with_changes(comma=comma)] + elements[at:]
    last = elements[-1]
    trailing = last.comma if keep_trailing_comma else cst.MaybeSentinel.DEFAULT
    return elements[:-1] + [last.with_changes(comma=comma), new.with_changes(comma=trailing)]
