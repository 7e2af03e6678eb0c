"""Filter a list query: collect the conditions of the given parameters, `.where(*conditions)`
on each query's root, so pagination, ordering and counts built on it apply to the filtered rows.
A legacy `db.query(Order)` takes `.filter(*conditions)`: its `where` is SQLAlchemy 1.4's.

Before (model `Order`, condition `Order.status == status` for the parameter `status`):
    async def list_orders(db, *, limit: int):
        stmt = select(Order).order_by(Order.id)
        return (await db.scalars(stmt.limit(limit))).all()
After:
    async def list_orders(db, *, limit: int, status: str | None = None):
        conditions = []
        if status is not None:
            conditions.append(Order.status == status)
        stmt = select(Order).where(*conditions).order_by(Order.id)
        ...
"""

from __future__ import annotations

import libcst as cst

from codemods.docstrings import is_docstring
from codemods.function_params import with_param
from codemods.query_params import QueryParam

CONDITIONS = "conditions"


class QueryFilters(cst.CSTTransformer):
    """In the function `function`: add each parameter (when missing), its condition when it is
    given, and `.where(*conditions)` on each call taking `model` (`select(Order)`,
    `db.query(models.Order)`, a count's `.select_from(Order)`), so a page and its total agree.
    A function already collecting conditions is left alone."""

    def __init__(self, function: str, model: str, filters: tuple[tuple[QueryParam, str], ...]):
        super().__init__()
        self.function, self.model, self.filters = function, model, filters
        self.inside = 0
        self.done = False  # a query was found and filtered

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if node.name.value != self.function:
            return True
        if assigns(node, CONDITIONS):
            return False  # filtered on an earlier run
        self.inside += 1
        return True

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if not self.inside or not takes_model(original, self.model):
            return updated
        self.done = True
        star = cst.Arg(value=cst.Name(CONDITIONS), star="*")
        return chained(updated, "filter" if is_legacy_query(original) else "where", [star])

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return on_own_line(updated)

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        if original.name.value != self.function or not self.inside:
            return updated
        self.inside -= 1
        for param, _ in self.filters:
            updated = with_param(updated, param.name, param.annotation, param.default)
        lines = [f"{CONDITIONS} = []\n"] + [
            f"if {p.name} is not None:\n    {CONDITIONS}.append({condition})\n"
            for p, condition in self.filters
        ]
        block = updated.body
        assert isinstance(block, cst.IndentedBlock)  # a function with a query has a block body
        statements = list(block.body)
        at = 1 if statements and is_docstring(statements[0]) else 0
        statements[at:at] = [cst.parse_statement(line) for line in lines]
        return updated.with_changes(body=block.with_changes(body=statements))


def is_legacy_query(root: cst.Call) -> bool:
    """`db.query(Order)`: a session's Query, which has `filter` in every SQLAlchemy release and
    `where` only from 1.4 on (a `select(Order)` statement has `where` alone)."""
    return isinstance(root.func, cst.Attribute) and root.func.attr.value == "query"


def chained(root: cst.Call, method: str, args: list[cst.Arg]) -> cst.Call:
    """`root.method(args)`, marked for `on_own_line`."""
    return cst.Call(
        func=cst.Attribute(value=root, attr=cst.Name(method), dot=_ChainDot()), args=args
    )


class _ChainDot(cst.Dot):
    """The dot of a call added to a query chain, until the chain's next dot is seen."""


def on_own_line(attribute: cst.Attribute) -> cst.Attribute:
    """In a chain written one call a line, the call added before this attribute takes a line
    of its own too: it gets this attribute's dot (and line break)."""
    inner = attribute.value
    if not (
        isinstance(inner, cst.Call)
        and isinstance(inner.func, cst.Attribute)
        and isinstance(inner.func.dot, _ChainDot)
    ):
        return attribute
    dot = (
        attribute.dot
        if isinstance(attribute.dot.whitespace_before, cst.ParenthesizedWhitespace)
        else cst.Dot()
    )
    return attribute.with_changes(value=inner.with_changes(func=inner.func.with_changes(dot=dot)))


def calls_in(node: cst.CSTNode) -> list[cst.Call]:
    """Every call under `node`, in source order."""
    found: list[cst.Call] = []

    class _Calls(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            found.append(call)

    node.visit(_Calls())
    return found


def takes_model(call: cst.Call, model: str) -> bool:
    """The root of a query: `select(Order)`, `db.query(models.Order)`: a call whose one argument is the model."""
    if len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
        return False
    return cst.Module([]).code_for_node(call.args[0].value) == model


def assigns(func: cst.FunctionDef, name: str) -> bool:
    """Whether the function assigns `name` at its top level (an earlier run's edit)."""
    for stmt in func.body.body if isinstance(func.body, cst.IndentedBlock) else ():
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and any(
                isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets
            ):
                return True
    return False

