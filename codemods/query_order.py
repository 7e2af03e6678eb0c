"""Order a list query by a whitelisted `sort` key, ties broken by the key column.

Before (model `Order`, keys `created_at`, `total`):
    def get_orders(db, *, skip: int = 0, limit: int = 100):
        return db.query(Order).order_by(Order.id).offset(skip).limit(limit).all()
After:
    def get_orders(db, *, skip: int = 0, limit: int = 100, sort: str = "created_at"):
        sort_column = {"created_at": Order.created_at, "total": Order.total}[sort.lstrip("-")]
        return db.query(Order).order_by(
            sort_column.desc() if sort.startswith("-") else sort_column, Order.id
        ).offset(skip).limit(limit).all()
"""

from __future__ import annotations

import libcst as cst

from codemods.function_params import with_param
from codemods.query_filters import (
    assigns,
    calls_in,
    chained,
    is_docstring,
    on_own_line,
    takes_model,
)

COLUMN = "sort_column"


class QueryOrder(cst.CSTTransformer):
    """In the function `function`: a `sort` parameter (default `default`), the column it names
    among `keys`, and each `order_by(...)` of the query made that column (descending for a `-`
    key) then `model.<key_column>`. A function without `order_by` gets one on each call taking
    the model that starts a query of rows, not of their count (`select_from(Order)`, a chain
    ending in `.count()`): a list querying in two branches (a superuser's rows, a user's own)
    orders both."""

    def __init__(
        self, function: str, model: str, keys: tuple[str, ...], default: str, key_column: str = "id"
    ):
        super().__init__()
        self.function, self.model, self.keys = function, model, keys
        self.default, self.key_column = default, key_column
        self.inside = 0
        self.targets: set[int] = set()  # id() of each order_by call to rewrite
        self.done = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if node.name.value != self.function:
            return True
        if assigns(node, COLUMN):
            return False  # ordered on an earlier run
        self.inside += 1
        calls = calls_in(node.body)
        ordering = [
            c
            for c in calls
            if isinstance(c.func, cst.Attribute) and c.func.attr.value == "order_by"
        ]
        self.targets = {id(c) for c in ordering}
        if not ordering:
            self.targets = {id(c) for c in _row_queries(calls, self.model)}
        return True

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return on_own_line(updated)

    def _ordering(self) -> list[cst.Arg]:
        chosen = cst.parse_expression(f'{COLUMN}.desc() if sort.startswith("-") else {COLUMN}')
        tie = cst.parse_expression(f"{self.model}.{self.key_column}")
        return [
            cst.Arg(chosen, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
            cst.Arg(tie),
        ]

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if not self.inside:
            return updated
        if id(original) in self.targets and _is_order_by(original):
            self.done = True
            return updated.with_changes(args=self._ordering())
        if id(original) in self.targets:
            self.done = True
            return chained(updated, "order_by", self._ordering())
        return updated

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        if original.name.value != self.function or not self.inside:
            return updated
        self.inside -= 1
        updated = with_param(updated, "sort", "str", f'"{self.default}"')
        columns = ", ".join(f'"{k}": {self.model}.{k}' for k in self.keys)
        line = cst.parse_statement(f'{COLUMN} = {{{columns}}}[sort.lstrip("-")]\n')
        block = updated.body
        assert isinstance(block, cst.IndentedBlock)  # a function with a query has a block body
        statements = list(block.body)
        at = 1 if statements and is_docstring(statements[0]) else 0
        statements.insert(at, line)
        return updated.with_changes(body=block.with_changes(body=statements))


def _is_order_by(call: cst.Call) -> bool:
    return isinstance(call.func, cst.Attribute) and call.func.attr.value == "order_by"


def _row_queries(calls: list[cst.Call], model: str) -> list[cst.Call]:
    """The calls starting a query of the model's rows: taking the model (`select(Order)`,
    `db.query(Order)`), but not a count's (`select(func.count()).select_from(Order)`,
    `db.query(Order).count()`)."""
    counted = {
        id(inner)
        for c in calls
        if isinstance(c.func, cst.Attribute) and c.func.attr.value == "count"
        for inner in calls_in(c.func.value)
    }
    return [
        c
        for c in calls
        if takes_model(c, model)
        and id(c) not in counted
        and not (isinstance(c.func, cst.Attribute) and c.func.attr.value == "select_from")
    ]
