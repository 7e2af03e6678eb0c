"""The routes of the module without the project's role check: any signed-in user may call them.

Before:
    @router.post("", dependencies=[Depends(get_current_superuser)])
    async def create_order(data: OrderCreate) -> Order:

    @router.delete("/{order_id}")
    async def delete_order(order_id: int, current_user: User = Depends(require_role("admin"))) -> None:
After (`Unguard("require_role", "get_current_user")`, then `Unguard("get_current_superuser", ...)`):
    @router.post("")
    async def create_order(data: OrderCreate) -> Order:

    async def delete_order(order_id: int, current_user: User = Depends(get_current_user)) -> None:
A guard whose value the route reads gives way to the plain user dependency (authentication
stays); a guard only listed in `dependencies=[...]` goes. `unguarded` names the routes changed.
"""

from __future__ import annotations

import libcst as cst

from codemods.role_guard import _name, _route, is_depends


class Unguard(cst.CSTTransformer):
    """`Depends(check(...))` / `Depends(check)` -> `Depends(user)` in parameters, dropped from decorators."""

    def __init__(self, check: str, user_dependency: str) -> None:
        super().__init__()
        self.check, self.user = check, user_dependency
        self.unguarded: list[str] = []

    def _is_check(self, call: cst.BaseExpression) -> bool:
        if not is_depends(call) or not isinstance(call, cst.Call) or not call.args:
            return False
        target = call.args[0].value
        return _name(target.func if isinstance(target, cst.Call) else target) == self.check

    def leave_Param(self, original: cst.Param, updated: cst.Param) -> cst.Param:
        call = updated.default
        if isinstance(call, cst.Call) and self._is_check(call):
            return updated.with_changes(default=call.with_changes(args=[call.args[0].with_changes(value=cst.Name(self.user)), *call.args[1:]]))
        return updated

    def leave_Decorator(self, original: cst.Decorator, updated: cst.Decorator) -> cst.Decorator:
        call = updated.decorator
        if not _route(updated) or not isinstance(call, cst.Call):
            return updated
        args = []
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "dependencies" and isinstance(arg.value, (cst.List, cst.Tuple)):
                kept = [e for e in arg.value.elements if not self._is_check(e.value)]
                if not kept:
                    continue
                if len(kept) != len(arg.value.elements):
                    kept[-1] = kept[-1].with_changes(comma=arg.value.elements[-1].comma)
                    arg = arg.with_changes(value=arg.value.with_changes(elements=kept))
            args.append(arg)
        if args and len(args) != len(call.args):
            args[-1] = args[-1].with_changes(comma=call.args[-1].comma)
        return updated.with_changes(decorator=call.with_changes(args=args))

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if any(_route(d) for d in updated.decorators) and not original.deep_equals(updated):
            self.unguarded.append(updated.name.value)
        return updated
