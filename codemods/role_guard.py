"""Every route of the module requires one of the roles, through the project's role check.

Before:
    @router.get("/{order_id}")
    async def get_order(order_id: int, current_user: User = Depends(get_current_user)) -> Order:

    @router.delete("/{order_id}")
    async def delete_order(order_id: int, current_user: User = Depends(require_role("owner"))) -> None:

    @router.get("")
    async def list_orders(db: AsyncSession = Depends(get_db)) -> list[Order]:
After (`RoleGuard({"get_current_user"}, "require_role", 'require_role("admin")')`):
    async def get_order(order_id: int, current_user: User = Depends(require_role("admin"))) -> Order:
    async def delete_order(order_id: int, current_user: User = Depends(require_role("admin"))) -> None:

    @router.get("", dependencies=[Depends(require_role("admin"))])
    async def list_orders(db: AsyncSession = Depends(get_db)) -> list[Order]:
The signed-in user a route reads comes from the guard (it returns the user); a route reading no
user gets the guard in its decorator. `guarded` names the routes changed.
"""

from __future__ import annotations

import libcst as cst

VERBS = ("get", "post", "put", "patch", "delete")


class RoleGuard(cst.CSTTransformer):
    """`Depends(<user dependency>)` and `Depends(<check>(...))` become `Depends(<guard>)`."""

    def __init__(self, user_dependencies: set[str], check: str, guard: str) -> None:
        super().__init__()
        self.users, self.check, self.guard = user_dependencies, check, cst.parse_expression(guard)
        self.guarded: list[str] = []
        self._swapped = self._in_route = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._swapped = False
        self._in_route = any(_route(d) for d in node.decorators)
        return self._in_route  # helpers and nested functions are not routes

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not self._in_route or not is_depends(updated) or not updated.args:
            return updated
        target = updated.args[0].value
        if _name(target) in self.users or (isinstance(target, cst.Call) and _name(target.func) == self.check):
            self._swapped = True
            if not target.deep_equals(self.guard):
                return updated.with_changes(args=[updated.args[0].with_changes(value=self.guard), *updated.args[1:]])
        return updated

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        at = next((i for i, d in enumerate(updated.decorators) if _route(d)), None)
        if at is None:
            return updated
        if not self._swapped:
            updated = updated.with_changes(
                decorators=[*updated.decorators[:at], _with_dependency(updated.decorators[at], self.guard), *updated.decorators[at + 1 :]]
            )
        if not original.deep_equals(updated):
            self.guarded.append(updated.name.value)
        return updated


def _with_dependency(decorator: cst.Decorator, guard: cst.BaseExpression) -> cst.Decorator:
    """The route decorator with `Depends(guard)` among its `dependencies=[...]`, once."""
    call = decorator.decorator
    assert isinstance(call, cst.Call)
    depends = cst.Call(cst.Name("Depends"), [cst.Arg(guard)])
    for i, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value == "dependencies" and isinstance(arg.value, (cst.List, cst.Tuple)):
            if any(e.value.deep_equals(depends) for e in arg.value.elements):
                return decorator
            elements = list(arg.value.elements)
            if elements and isinstance(elements[-1].comma, cst.MaybeSentinel):
                elements[-1] = elements[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            value = arg.value.with_changes(elements=[*elements, cst.Element(depends)])
            args = [*call.args[:i], arg.with_changes(value=value), *call.args[i + 1 :]]
            return decorator.with_changes(decorator=call.with_changes(args=args))
    args = list(call.args)
    if args and isinstance(args[-1].comma, cst.MaybeSentinel):
        args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    new = cst.Arg(cst.List([cst.Element(depends)]), keyword=cst.Name("dependencies"), equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
    return decorator.with_changes(decorator=call.with_changes(args=[*args, new]))


def _route(decorator: cst.Decorator) -> bool:
    d = decorator.decorator
    return isinstance(d, cst.Call) and isinstance(d.func, cst.Attribute) and d.func.attr.value in VERBS


def _name(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return None


def is_depends(call: cst.BaseExpression) -> bool:
    """`Depends(...)` or `fastapi.Depends(...)`."""
    if not isinstance(call, cst.Call):
        return False
    func = call.func
    name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else None
    return name == "Depends"
