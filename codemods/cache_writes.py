"""`--cache memory|redis`: a write route forgets what it changed once it has run.

`finally` runs after every way out of the route (each `return`, a 404, a 409), after the data
access committed: no reader sees the row as it was, and the lists holding it are forgotten too.

Before:
    @router.patch("/{order_id}")
    async def update_order(order_id: int, data: OrderUpdate):
        order = await crud.update_order(db, order_id, data)
        return order
After:
    @router.patch("/{order_id}")
    async def update_order(order_id: int, data: OrderUpdate):
        try:
            order = await crud.update_order(db, order_id, data)
            return order
        finally:
            await redis_cache.forget("orders", order_id)
"""

from __future__ import annotations

import libcst as cst

from codemods.cache_reads import request_param, row_code
from codemods.docstrings import is_docstring


class ForgetOnWrite(cst.CSTTransformer):
    """Wrap the body of each function in `writes` (name -> the path parameter naming the row, or
    None for a create) in `try`/`finally: helper.forget(...)`; a route already forgetting is kept."""

    def __init__(self, writes: dict[str, str | None], helper: str, resource: str, awaited: bool):
        super().__init__()
        self.writes, self.helper, self.resource, self.awaited = writes, helper, resource, awaited
        self.done: list[str] = []
        self.requested = False  # a route was given a `request: Request` parameter
        self._depth = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._depth += 1
        return True

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self._depth -= 1
        name = updated.name.value
        if self._depth or name not in self.writes or f"{self.helper}.forget" in cst.Module([]).code_for_node(updated.body):
            return updated
        body = updated.body
        assert isinstance(body, cst.IndentedBlock)  # a route's body is a block
        statements = list(body.body)
        docstring = statements[:1] if len(statements) > 1 and is_docstring(statements[0]) else []
        params, row = updated.params, self.writes[name]
        if row is not None and not any(p.name.value == row for p in (*params.params, *params.kwonly_params)):
            request, params = request_param(params)  # the row comes from a dependency: its key from the path
            self.requested = True
            row = row_code(row, params, request)
        args = f"{self.resource}" + (f", {row}" if row is not None else "")
        forget = f"{'await ' if self.awaited else ''}{self.helper}.forget({args})"
        wrapped = cst.Try(
            body=cst.IndentedBlock(body=statements[len(docstring):]),
            finalbody=cst.Finally(body=cst.IndentedBlock(body=[cst.parse_statement(f"{forget}\n")])),
        )
        self.done.append(name)
        return updated.with_changes(params=params, body=body.with_changes(body=[*docstring, wrapped]))

