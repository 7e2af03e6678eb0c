"""Page a query another way: its `.offset(...)` and `.limit(...)` calls, in one function.

Before (to a keyset cursor, `offset=".where(*pages.after_cursor(cursor, Order.id))"`):
    select(Order).order_by(Order.id).offset(skip).limit(limit)
After:
    select(Order).order_by(Order.id).where(*pages.after_cursor(cursor, Order.id)).limit(limit)
"""

from __future__ import annotations

import libcst as cst

from codemods.within_function import WithinFunction


def _method(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == name


def _receiver(node: cst.Call) -> cst.BaseExpression:
    """What a method call is made on (`stmt` in `stmt.limit(1)`); a plain call's callee."""
    return node.func.value if isinstance(node.func, cst.Attribute) else node.func


def _dot(node: cst.Call) -> cst.Dot:
    """The dot of a method call, as written (a chain laid one call a line keeps its breaks)."""
    return node.func.dot if isinstance(node.func, cst.Attribute) else cst.Dot()


def _name(node: cst.Call) -> str | None:
    """The method a call calls (`where` in `stmt.where(...)`); None for a plain call."""
    return node.func.attr.value if isinstance(node.func, cst.Attribute) else None


def order_of(chain: cst.BaseExpression) -> list[str] | None:
    """The columns of the chain's `.order_by(...)`, as written; None when it has none."""
    node = chain
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        if node.func.attr.value == "order_by":
            return [cst.Module([]).code_for_node(a.value) for a in node.args]
        node = node.func.value
    return None


class _Root(cst.CSTTransformer):
    """Put `receiver` in place of the name `_q` a suffix was parsed on."""

    def __init__(self, receiver: cst.BaseExpression):
        super().__init__()
        self.receiver = receiver

    def leave_Name(self, original: cst.Name, updated: cst.BaseExpression) -> cst.BaseExpression:
        return self.receiver if original.value == "_q" else updated


def _on(receiver: cst.BaseExpression, suffix: str, dot: cst.Dot) -> cst.BaseExpression:
    """`receiver` followed by `suffix` (method calls as code: `.offset(skip)`), each call laid
    out as the one it replaces (`dot`: one a line in a parenthesized chain)."""
    if not suffix:
        return receiver
    return _laid(cst.parse_expression(f"_q{suffix}"), dot).visit(_Root(receiver))


def _laid(node: cst.BaseExpression, dot: cst.Dot) -> cst.BaseExpression:
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        func = node.func.with_changes(value=_laid(node.func.value, dot), dot=dot)
        return node.with_changes(func=func)
    return node


class PagingChain(WithinFunction):
    """In `function`: each `.offset(...)` becomes `offset` (method calls as code; "" drops it),
    preceded by `.order_by(<order>)` where `order` is given and the chain has no order; each
    `.limit(...)` becomes `.limit(<limit>)` (None drops it). `orders` holds each chain's order
    as written, `changed` counts the calls rewritten."""

    def __init__(self, function: str, offset: str, limit: str | None, order: str | None = None):
        super().__init__(function)
        self.offset, self.limit, self.order = offset, limit, order
        self.orders: list[list[str] | None] = []
        self.changed = 0

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if not self.inside:
            return updated
        new = self._paged(updated)
        if new is not updated and updated.lpar and not getattr(new, "lpar", ()):
            # a parenthesized chain keeps its parentheses: they hold its line breaks
            new = new.with_changes(lpar=updated.lpar, rpar=updated.rpar)
        return new

    def _paged(self, updated: cst.Call) -> cst.BaseExpression:
        if _method(updated, "offset"):
            self.changed += 1
            receiver = _receiver(updated)
            order = order_of(receiver)
            self.orders.append(order)
            before = f".order_by({self.order})" if order is None and self.order and self.offset else ""
            return _on(receiver, before + self.offset, _dot(updated))
        if _method(updated, "limit"):
            self.changed += 1
            if self.limit is None:
                return _receiver(updated)
            return updated.with_changes(args=[cst.Arg(cst.parse_expression(self.limit))])
        return updated


class OffsetBeforeLimit(WithinFunction):
    """In `function`, each `.limit(...)` is preceded by `offset` (method calls as code), unless
    it follows an `.offset(...)` already; `added` counts them.

    Before: `stmt.limit(limit + 1)`  After (`.offset(skip)`): `stmt.offset(skip).limit(limit + 1)`
    """

    def __init__(self, function: str, offset: str):
        super().__init__(function)
        self.offset = offset
        self.added = 0

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        func = updated.func
        if not self.inside or not isinstance(func, cst.Attribute) or func.attr.value != "limit":
            return updated
        if _method(func.value, "offset"):
            return updated
        self.added += 1
        return updated.with_changes(func=func.with_changes(value=_on(func.value, self.offset, func.dot)))

# the calls that build a query before it is paged: paging goes after the last of them
BUILDERS = frozenset(
    {"where", "filter", "filter_by", "order_by", "join", "outerjoin", "options", "select_from",
     "distinct", "group_by", "having", "execution_options"}
)


class PageAfterBuilders(cst.CSTTransformer):
    """In `function`, the last query rooted at `model` (`select(Order)`, `db.query(Order)`) is
    followed, after its last building call (`.where`, `.order_by`...), by `suffix` (method calls
    as code), with `.order_by(<order>)` first where it has no order; `added` says whether, and
    `order_seen` holds the order it had.

    Before (`.limit(limit)`): `session.scalars(select(Order).order_by(Order.id)).all()`
    After: `session.scalars(select(Order).order_by(Order.id).limit(limit)).all()`
    """

    def __init__(self, function: str, model: str, suffix: str, order: str | None = None):
        super().__init__()
        self.function, self.model, self.suffix, self.order = function, model, suffix, order
        self.target: cst.Call | None = None
        self.order_seen: list[str] | None = None  # the query's own order, as written
        self.added = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if node.name.value != self.function:
            return True
        calls: list[cst.Call] = []
        node.visit(_Collect(calls))
        roots = [c for c in calls if _takes(c, self.model)]
        if not roots:
            return False
        receivers = {id(_receiver(c)): c for c in calls if isinstance(c.func, cst.Attribute)}
        current = roots[-1]  # the rows' query comes after the count's
        while id(current) in receivers and _name(receivers[id(current)]) in BUILDERS:
            current = receivers[id(current)]
            if _name(current) == "order_by":
                self.order_seen = [cst.Module([]).code_for_node(a.value) for a in current.args]
        self.target = current
        return True

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if original is not self.target:
            return updated
        self.added = True
        order = f".order_by({self.order})" if self.order and self.order_seen is None else ""
        dot = updated.func.dot if isinstance(updated.func, cst.Attribute) else cst.Dot()
        return _on(updated.with_changes(lpar=(), rpar=()), order + self.suffix, dot).with_changes(
            lpar=updated.lpar, rpar=updated.rpar
        )


class _Collect(cst.CSTVisitor):
    def __init__(self, calls: list[cst.Call]):
        super().__init__()
        self.calls = calls

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)


def _takes(call: cst.Call, model: str) -> bool:
    """A query's root: a call whose one argument is the model."""
    return (
        len(call.args) == 1
        and call.args[0].keyword is None
        and not call.args[0].star
        and cst.Module([]).code_for_node(call.args[0].value) == model
    )
