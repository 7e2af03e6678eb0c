"""`--cache memory|redis`: a read route answers from the cache, and fills it on a miss.

The lookup comes after FastAPI has resolved the route's dependencies, so authentication and
guards still run on every request; the key holds the URL and the signed-in user, so a row
scoped to its owner is never served to another user. What is kept is the response as the
route's response model serializes it.

Before:
    @router.get("/{order_id}", response_model=OrderResponse)
    async def get_order(order_id: int, user: User = Depends(get_current_user)):
        order = await crud.get_order(db, order_id)
        return order
After:
    @router.get("/{order_id}", response_model=OrderResponse)
    async def get_order(request: Request, order_id: int, user: User = Depends(get_current_user)):
        cache_key = await redis_cache.key("orders", order_id, request, user)
        cached = await redis_cache.get(cache_key)
        if cached is not None:
            return cached
        order = await crud.get_order(db, order_id)
        return await redis_cache.put(cache_key, order, OrderResponse, 60)
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemods.docstrings import is_docstring


@dataclass(frozen=True)
class CachedRead:
    """One read route: its function, the path parameter naming the row (None for the list),
    the response model's code and the parameters holding the signed-in user."""

    function: str
    row: str | None
    model: str
    users: tuple[str, ...] = ()


class CachedReads(cst.CSTTransformer):
    """Read `reads` through the cache module `helper` (see module docstring); `awaited` for an
    asyncio helper. A route already reading through it is left as it is."""

    def __init__(self, reads: tuple[CachedRead, ...], helper: str, resource: str, ttl: int, awaited: bool):
        super().__init__()
        self.reads = {r.function: r for r in reads}
        self.helper, self.resource, self.ttl, self.awaited = helper, resource, ttl, awaited
        self.done: list[str] = []
        self._depth = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._depth += 1
        return True

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self._depth -= 1
        read = self.reads.get(updated.name.value)
        if self._depth or read is None or self.helper in cst.Module([]).code_for_node(updated.body):
            return updated
        request, params = request_param(updated.params)
        body = updated.body
        assert isinstance(body, cst.IndentedBlock)  # a route's body is a block
        statements = [s.visit(_KeepOnReturn(self._call(f"put(cache_key, {{value}}, {read.model}, {self.ttl})")))
                      for s in body.body]
        at = 1 if statements and is_docstring(statements[0]) else 0
        row = row_code(read.row, updated.params, request)
        lookup = [
            f"cache_key = {self._call(f'key({self.resource}, {row}, {request}' + ''.join(f', {u}' for u in read.users) + ')')}\n",
            f"cached = {self._call('get(cache_key)')}\n",
        ]
        added = [cst.parse_statement(line) for line in lookup]
        added.append(cst.parse_statement("if cached is not None:\n    return cached\n"))
        statements[at:at] = added
        self.done.append(updated.name.value)
        return updated.with_changes(params=params, body=body.with_changes(body=statements))

    def _call(self, call: str) -> str:
        return f"{'await ' if self.awaited else ''}{self.helper}.{call}"


class _KeepOnReturn(cst.CSTTransformer):
    """`return value` becomes `return <put the value in the cache>`, in this function only."""

    def __init__(self, template: str):
        super().__init__()
        self.template = template

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # a nested function's returns are not the route's

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def leave_Return(self, original: cst.Return, updated: cst.Return) -> cst.Return:
        if updated.value is None:
            return updated
        value = cst.Module([]).code_for_node(updated.value)
        return updated.with_changes(value=cst.parse_expression(self.template.format(value=value)))


def row_code(row: str | None, params: cst.Parameters, request: str) -> str:
    """The row's key: its path parameter, or the request's path parameter when the route gets the
    row from a dependency (`order: Order = Depends(valid_order_id)`)."""
    if row is None:
        return "None"
    if any(p.name.value == row for p in (*params.params, *params.kwonly_params)):
        return row
    return f'{request}.path_params["{row}"]'


def request_param(params: cst.Parameters) -> tuple[str, cst.Parameters]:
    """The name of the route's `Request` parameter, added first when it has none."""
    for p in (*params.params, *params.kwonly_params):
        if p.annotation is not None and cst.Module([]).code_for_node(p.annotation.annotation).split(".")[-1] == "Request":
            return p.name.value, params
    taken = {p.name.value for p in (*params.params, *params.kwonly_params)}
    name = next(n for n in ("request", "http_request", "cache_request") if n not in taken)
    added = cst.Param(cst.Name(name), cst.Annotation(cst.Name("Request")))
    first = list(params.params)
    if first:
        # the first parameter's layout (its own line in a wrapped signature) goes to the new one
        added = added.with_changes(comma=cst.Comma(whitespace_after=_after(first[0])))
    elif params.kwonly_params or params.star_arg is not cst.MaybeSentinel.DEFAULT:
        added = added.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return name, params.with_changes(params=[added, *first])


def _after(param: cst.Param) -> cst.BaseParenthesizableWhitespace:
    comma = param.comma
    if isinstance(comma, cst.Comma):
        return comma.whitespace_after
    return cst.SimpleWhitespace(" ")

