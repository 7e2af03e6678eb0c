"""Hand the next page's cursor back from a list route: in its envelope, or beside a bare list.

Before (envelope `OrdersPublic`, `value='pages.next_cursor(_rows, limit, "id")'`, rows `data`):
    return OrdersPublic(data=orders, count=count)
After:
    return OrdersPublic(data=orders, count=count, next_cursor=pages.next_cursor(orders, limit, "id"))

Before (bare list, `through='pages.with_next_cursor(response, _rows, limit, "id")'`):
    def read_orders(limit: int = 100):
        return crud.list_orders(db, limit=limit)
After:
    def read_orders(response: Response, limit: int = 100):
        return pages.with_next_cursor(response, crud.list_orders(db, limit=limit), limit, "id")
"""

from __future__ import annotations

import libcst as cst

from codemods.function_params import appended
from codemods.paging_params import last_name, relaid
from codemods.within_function import WithinFunction

_NO_SPACE = cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))


class EnvelopeKeyword(WithinFunction):
    """In `function`, each call of the class `envelope` gains `keyword=value` (code, with the
    call's `rows=` argument in place of `_rows`), unless it has that keyword; `added` counts them."""

    def __init__(self, function: str, envelope: str, keyword: str, value: str, rows: str):
        super().__init__(function)
        self.envelope, self.keyword, self.value = envelope, keyword, value
        self.rows = rows
        self.added = 0

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not self.inside or last_name(updated.func) != self.envelope:
            return updated
        given = {a.keyword.value: a.value for a in updated.args if a.keyword is not None}
        if self.keyword in given or self.rows not in given:
            return updated
        self.added += 1
        value = cst.parse_expression(self.value).visit(_Rows(given[self.rows]))
        arg = cst.Arg(keyword=cst.Name(self.keyword), value=value, equal=_NO_SPACE)
        return updated.with_changes(args=appended(list(updated.args), arg))


class _Rows(cst.CSTTransformer):
    def __init__(self, rows: cst.BaseExpression):
        super().__init__()
        self.rows = rows

    def leave_Name(self, original: cst.Name, updated: cst.BaseExpression) -> cst.BaseExpression:
        return self.rows if original.value == "_rows" else updated


class ReturnThrough(cst.CSTTransformer):
    """In `function`, each `return V` becomes `return <through>` with V in place of `_rows`, and
    the function takes `response: <response_type>` first; `wrapped` counts the returns."""

    def __init__(self, function: str, through: str, response: str = "response", response_type: str = "Response"):
        super().__init__()
        self.function, self.through = function, through
        self.response, self.response_type = response, response_type
        self.depth = 0  # returns of functions nested in the route are not the route's
        self.wrapped = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.depth or node.name.value == self.function:
            self.depth += 1

    def leave_Return(self, original: cst.Return, updated: cst.Return) -> cst.Return:
        if self.depth != 1 or updated.value is None:
            return updated
        if self.through.split("(")[0] in cst.Module([]).code_for_node(updated.value):
            return updated  # already handed through
        self.wrapped += 1
        return updated.with_changes(value=cst.parse_expression(self.through).visit(_Rows(updated.value)))

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if not self.depth:
            return updated
        self.depth -= 1
        if self.depth or not self.wrapped:
            return updated
        ps = updated.params
        if any(p.name.value == self.response for p in [*ps.params, *ps.kwonly_params]):
            return updated
        param = cst.Param(cst.Name(self.response), cst.Annotation(cst.parse_expression(self.response_type)))
        if ps.params or not ps.kwonly_params:
            first = list(ps.params)
            comma = first[0].comma if len(first) > 1 else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            if not first:
                return updated.with_changes(params=ps.with_changes(params=[param]))
            # the response needs no default, so it goes before the parameters that have one
            return updated.with_changes(params=ps.with_changes(params=[param.with_changes(comma=comma), *first]))
        kw = list(ps.kwonly_params)
        comma = kw[0].comma if len(kw) > 1 else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        return updated.with_changes(params=ps.with_changes(kwonly_params=[param.with_changes(comma=comma), *kw]))


class DropKeyword(WithinFunction):
    """In `function`, each call of the class `envelope` loses its `keyword=` argument; `dropped`
    counts them.

    Before: `OrderListResponse(data=orders, next_cursor=next_cursor, has_more=...)`
    After: `OrderListResponse(data=orders, has_more=...)`
    """

    def __init__(self, function: str, envelope: str, keyword: str):
        super().__init__(function)
        self.envelope, self.keyword = envelope, keyword
        self.dropped = 0

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not self.inside or last_name(updated.func) != self.envelope:
            return updated
        args = [a for a in updated.args if a.keyword is None or a.keyword.value != self.keyword]
        if len(args) == len(updated.args):
            return updated
        self.dropped += 1
        return updated.with_changes(args=relaid(args, list(updated.args)))
