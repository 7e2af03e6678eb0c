"""Add an action endpoint (`POST /orders/{order_id}/cancel`) made from the resource's update route.

The update route already finds the row (404), checks who may change it and saves a partial
update; the action is that route with its request body replaced by a fixed payload, so it
answers, guards and saves exactly as the project's own update does. Without a change
(`--action archive`) the action is made from the read route instead: it finds the row and
returns it, marked for the developer to fill in.

Before (action cancel, payload `OrderUpdate(status="cancelled")`):
    @router.patch("/{order_id}", response_model=OrderRead)
    async def update_order(order_id: int, data: OrderUpdate, db=Depends(get_db)):
        ...
After, inserted right after it:
    @router.post("/{order_id}/cancel", response_model=OrderRead)
    async def cancel_order(order_id: int, db=Depends(get_db)):
        data = OrderUpdate(status="cancelled")
        ...
"""

from __future__ import annotations

import libcst as cst

from codemods.docstrings import is_docstring


class ActionRoute(cst.CSTTransformer):
    """Insert the action function after the route `source` (see module docstring). With a
    `payload` (the code of the fixed update) it replaces the body parameter; without, `todo`
    marks the copy of the read route for the developer."""

    def __init__(self, source: str, function: str, path: str, body_param: str | None, payload: str | None, todo: str = ""):
        super().__init__()
        self.source, self.function, self.path = source, function, path
        self.body_param, self.payload, self.todo = body_param, payload, todo
        self.added = False

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body = list(updated.body)
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == self.source:
                body.insert(i + 1, self._action(stmt))
                self.added = True
                return updated.with_changes(body=body)
        return updated

    def _action(self, route: cst.FunctionDef) -> cst.FunctionDef:
        params = route.params
        if self.body_param is not None:
            kept = [p for p in params.params if p.name.value != self.body_param]
            kwonly = [p for p in params.kwonly_params if p.name.value != self.body_param]
            params = params.with_changes(params=_recomma(kept, params.params), kwonly_params=_recomma(kwonly, params.kwonly_params))
        block = route.body
        assert isinstance(block, cst.IndentedBlock)  # a route's body is a block
        statements = list(block.body)
        at = 1 if len(statements) > 1 and is_docstring(statements[0]) else 0
        if self.payload is not None and self.body_param is not None:
            statements.insert(at, cst.parse_statement(f"{self.body_param} = {self.payload}\n"))
        elif self.todo:
            statements[at] = _marked(statements[at], self.todo)
        return route.with_changes(
            name=cst.Name(self.function),
            decorators=self._decorators(route.decorators),
            params=params,
            body=block.with_changes(body=statements),
            leading_lines=[cst.EmptyLine(), cst.EmptyLine()],
        )

    def _decorators(self, decorators) -> list[cst.Decorator]:
        """The route decorator (the first, when PATCH and PUT share a function) made a POST."""
        out, routed = [], False
        for d in decorators:
            is_route = isinstance(d.decorator, cst.Call) and isinstance(d.decorator.func, cst.Attribute)
            if is_route and routed:
                continue
            routed |= is_route
            out.append(self._decorator(d))
        return out

    def _decorator(self, decorator: cst.Decorator) -> cst.Decorator:
        call = decorator.decorator
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)):
            return decorator
        path = cst.SimpleString(f'"{self.path}"')
        args = [
            a.with_changes(value=path) if (i == 0 and a.keyword is None) or (a.keyword and a.keyword.value == "path") else a
            for i, a in enumerate(call.args)
        ]
        # the update's own status (204, 202) is the update's; the action answers with the row
        args = [a for a in args if not (a.keyword and a.keyword.value == "status_code")]
        if args:
            args[-1] = args[-1].with_changes(comma=call.args[-1].comma)
        return decorator.with_changes(decorator=call.with_changes(func=call.func.with_changes(attr=cst.Name("post")), args=args))


class MarkRoute(cst.CSTTransformer):
    """A `# TODO(add-crud)` line at the top of the route `function` (after its docstring)."""

    def __init__(self, function: str, todo: str):
        super().__init__()
        self.function, self.todo = function, todo

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if original.name.value != self.function or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        statements = list(updated.body.body)
        at = 1 if len(statements) > 1 and is_docstring(statements[0]) else 0
        statements[at] = _marked(statements[at], self.todo)
        return updated.with_changes(body=updated.body.with_changes(body=statements))


def _marked(stmt, todo: str):
    return stmt.with_changes(leading_lines=[*stmt.leading_lines, cst.EmptyLine(comment=cst.Comment(todo))])


def _recomma(params: list[cst.Param], original) -> list[cst.Param]:
    if not params or not original:
        return params
    return [p.with_changes(comma=original[-1].comma) if i == len(params) - 1 else p for i, p in enumerate(params)]

