"""Routes keeping to the signed-in user's rows: the owner set on create, other users' rows 404.

Before:
    async def create_order(data: OrderCreate, current_user: User = Depends(get_current_user)):
        return await order_crud.create_order(db, data)

    async def list_orders(db: AsyncSession = Depends(get_db)):
        return await order_crud.list_orders(db)

    async def get_order(order_id: int, current_user: User = Depends(get_current_user)):
        order = await order_crud.get_order(db, order_id)
        if order is None:
            raise HTTPException(status_code=404, detail="Order not found")
After (`OwnerRoutes("owner_id", {"create_order", "list_orders", "get_order"}, "Order", user_param)`):
    async def create_order(data: OrderCreate, current_user: User = Depends(get_current_user)):
        return await order_crud.create_order(db, data, owner_id=current_user.id)

    async def list_orders(db: AsyncSession = Depends(get_db), current_user: User = Depends(get_current_user)):
        return await order_crud.list_orders(db, owner_id=current_user.id)

    async def get_order(order_id: int, current_user: User = Depends(get_current_user)):
        order = await order_crud.get_order(db, order_id)
        if order is None or order.owner_id != current_user.id:
            raise HTTPException(status_code=404, detail="Order not found")
A route reading no user gets `user_param` (the project's, copied from a sibling route). The data
functions now taking the key are in `calls` ("create", "list"), for ScopeQueries; a list querying
the table itself filters there. A route this cannot scope is named in `unscoped`.
"""

from __future__ import annotations

import builtins

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.build import builds_row, callee, with_key, with_keyword
from codemods.clone.nesting.routes import _missing_test, _route, insert_param

_BUILTINS = frozenset(dir(builtins))


class OwnerRoutes(cst.CSTTransformer):
    """Each route of the module keeps to its user's rows (see the module docstring)."""

    def __init__(
        self, key: str, data_functions: frozenset[str], model: str, user_param: cst.Param, user_params: dict[str, str],
        row_helpers: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.key, self.data_functions, self.model = key, data_functions, model
        self.row_helpers = row_helpers  # helpers finding a row, scoped by ScopeRowHelpers: they take the key
        self.user_param = user_param
        self.user_params = user_params  # route -> the parameter holding its signed-in user
        self.calls: dict[str, set[str]] = {"create": set(), "list": set()}
        self.unscoped: list[str] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        route = _route(updated)
        if route is None:
            return updated
        verb, path = route
        name = updated.name.value
        user = self.user_params.get(name)
        if user is None:
            user = self.user_param.name.value
            params = updated.params
            updated = updated.with_changes(params=params.with_changes(params=insert_param(list(params.params), len(params.params), self.user_param)))
        value = f"{user}.id"
        body = list(updated.body.body)
        path_params = {p.split("}")[0].split(":")[0] for p in path.split("{")[1:]}
        if path_params:
            body, scoped = scope_row_to(body, path_params, self.key, value)
            if not scoped:
                body, scoped = self._through_helper(body, value)
        elif verb == "post":
            inputs = {p.name.value for p in updated.params.params if p.default is None}
            body, scoped = self._pass(body, "create", inputs, value)
        elif verb == "get":
            body, scoped = self._pass(body, "list", None, value)
            if not scoped:  # the route queries the table itself
                body, scoped = _filter_inline(body, self.model, self.key, value)
        else:
            scoped = False
        if not scoped:
            self.unscoped.append(name)
        return updated.with_changes(body=updated.body.with_changes(body=body))

    def _through_helper(self, body: list, value: str) -> tuple[list, bool]:
        """`_get_or_404(repo, order_id)` -> `_get_or_404(repo, order_id, owner_id=user.id)`."""
        key, helpers, done = self.key, self.row_helpers, False

        class _Pass(cst.CSTTransformer):
            def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
                nonlocal done
                if not (isinstance(updated.func, cst.Name) and updated.func.value in helpers):
                    return updated
                done = True
                if any(a.keyword and a.keyword.value == key for a in updated.args):
                    return updated
                call = with_keyword(updated, key)
                return call.with_changes(args=[
                    a.with_changes(value=cst.parse_expression(value)) if a.keyword and a.keyword.value == key else a
                    for a in call.args
                ])

        return [stmt.visit(_Pass()) for stmt in body], done

    def _pass(self, body: list, op: str, inputs: set[str] | None, value: str) -> tuple[list, bool]:
        """The row built here gets the owner; else the data access call does (`calls`)."""
        outer = self
        done = False

        class _Pass(cst.CSTTransformer):
            def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
                nonlocal done
                name = callee(updated)
                if done or (isinstance(updated.func, cst.Name) and name in _BUILTINS):
                    return updated
                if op == "create" and builds_row(updated, outer.model):
                    done = True
                    return with_key(updated, outer.model, outer.key, value)
                reads = name in outer.data_functions and (
                    inputs is None or any(m.matches(a.value, m.Name()) and a.value.value in inputs for a in updated.args)
                )
                if not reads:
                    return updated
                done = True
                outer.calls[op].add(name or "")
                if any(a.keyword and a.keyword.value == outer.key for a in updated.args):
                    return updated  # the exemplar passes it already
                call = with_keyword(updated, outer.key)
                return call.with_changes(args=[
                    a.with_changes(value=cst.parse_expression(value)) if a.keyword and a.keyword.value == outer.key else a
                    for a in call.args
                ])

        return [stmt.visit(_Pass()) for stmt in body], done


def scope_row_to(body: list, path_params: set[str], key: str, value: str) -> tuple[list, bool]:
    """`if row is None:` after the row is read by its path parameter gains `or row.KEY != VALUE`."""
    read: set[str] = set()
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign) and m.findall(small.value, m.Name(m.MatchIfTrue(lambda v: v in path_params))):
                    read |= {t.target.value for t in small.targets if isinstance(t.target, cst.Name)}
        elif isinstance(stmt, cst.If) and read:
            row = _missing_test(stmt.test)
            if row in read:
                other = cst.Comparison(
                    cst.Attribute(cst.Name(row), cst.Name(key)),
                    [cst.ComparisonTarget(cst.NotEqual(), cst.parse_expression(value))],
                )
                return [*body[:i], stmt.with_changes(test=cst.BooleanOperation(stmt.test, cst.Or(), other)), *body[i + 1 :]], True
    return body, False


def _filter_inline(body: list, model: str, key: str, value: str) -> tuple[list, bool]:
    """`select(Order)` -> `select(Order).where(Order.owner_id == VALUE)` (`query(Order)` gets `.filter`)."""
    done = False

    class _Filter(cst.CSTTransformer):
        def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
            nonlocal done
            method = {"select": "where", "query": "filter"}.get(callee(updated) or "")
            if method is None or len(updated.args) != 1 or not m.matches(updated.args[0].value, m.Name(model) | m.Attribute(attr=m.Name(model))):
                return updated
            done = True
            test = cst.Comparison(
                cst.Attribute(updated.args[0].value, cst.Name(key)),
                [cst.ComparisonTarget(cst.Equal(), cst.parse_expression(value))],
            )
            return cst.Call(cst.Attribute(updated, cst.Name(method)), [cst.Arg(test)])

    out = [stmt.visit(_Filter()) for stmt in body]
    return out, done

