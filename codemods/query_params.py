"""Add query parameters to a list route and pass them on to the data access it calls.

Before (params `status: str | None = None`, passed to `list_orders`):
    @router.get("")
    async def list_orders(limit: int = 20, db=Depends(get_db)):
        return await crud.list_orders(db, limit=limit)
After:
    @router.get("")
    async def list_orders(limit: int = 20, db=Depends(get_db), status: str | None = None):
        return await crud.list_orders(db, limit=limit, status=status)
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemods.function_params import appended, with_param


@dataclass(frozen=True)
class QueryParam:
    """One query parameter: `name: annotation = default` (annotation and default as code)."""

    name: str
    annotation: str
    default: str
    keyword: str | None = None  # the name it is passed on as, when the route's differs (`status_`)


class QueryParams(cst.CSTTransformer):
    """Add `params` to the function `route` and, as keywords, to its call of `callee` (a function
    or method name; None when the route builds its query itself). Present ones are left alone."""

    def __init__(self, route: str, params: tuple[QueryParam, ...], callee: str | None):
        super().__init__()
        self.route, self.params, self.callee = route, params, callee
        self.inside = 0
        self.passed = False  # whether the call to `callee` was found

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.inside += node.name.value == self.route

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        if original.name.value != self.route:
            return updated
        self.inside -= 1
        for p in self.params:
            updated = with_param(updated, p.name, p.annotation, p.default)
        return updated

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not self.inside or self.callee is None or _last_name(updated.func) != self.callee:
            return updated
        self.passed = True
        given = {a.keyword.value for a in updated.args if a.keyword is not None}
        args = list(updated.args)
        for p in self.params:
            if (p.keyword or p.name) in given:
                continue
            keyword = cst.Arg(
                keyword=cst.Name(p.keyword or p.name),
                value=cst.Name(p.name),
                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
            )
            args = appended(args, keyword)
        return updated.with_changes(args=args)


def _last_name(func: cst.BaseExpression) -> str | None:
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return None
