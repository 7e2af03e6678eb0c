"""Drop the test fixtures that only lift guards the routes no longer have, and the tests' requests
for them: `--auth none` took `get_current_superuser` off the routes, so overriding it is dead code
(and the router's import of it, kept for the tests, would be unused).

Before (guards={"get_current_superuser"}):
    @pytest.fixture
    def guards_off():
        app.dependency_overrides[get_current_superuser] = lambda: None
        yield
        app.dependency_overrides.pop(get_current_superuser, None)

    def test_create_order(client, guards_off):
        ...
After:
    def test_create_order(client):
        ...
A fixture overriding anything else (a database session) is left alone.
"""

from __future__ import annotations

import libcst as cst

from codemods.auth_off import recomma


def _overridden(stmt: cst.BaseStatement) -> set[str] | None:
    """The dependencies a fixture statement overrides or restores (`app.dependency_overrides[g] =
    ...`, `.pop(g, None)`); an empty set for a docstring or `yield`; None for anything else."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    small = stmt.body[0]
    if isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString, cst.Yield)):
        return set() if not isinstance(small.value, cst.Yield) or small.value.value is None else None
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        if isinstance(target, cst.Subscript) and _is_overrides(target.value) and len(target.slice) == 1:
            key = target.slice[0].slice
            if isinstance(key, cst.Index) and isinstance(key.value, cst.Name):
                return {key.value.value}
    if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
        func = small.value.func
        if isinstance(func, cst.Attribute) and func.attr.value == "pop" and _is_overrides(func.value) and small.value.args:
            first = small.value.args[0].value
            return {first.value} if isinstance(first, cst.Name) else None
    return None


def _is_overrides(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Attribute) and node.attr.value == "dependency_overrides"


def _is_fixture(node: cst.FunctionDef) -> bool:
    for deco in node.decorators:
        target = deco.decorator.func if isinstance(deco.decorator, cst.Call) else deco.decorator
        if isinstance(target, cst.Attribute) and target.attr.value == "fixture":
            return True
        if isinstance(target, cst.Name) and target.value == "fixture":
            return True
    return False


class DropOverrideFixtures(cst.CSTTransformer):
    """Drop the module's fixtures that only override some of `guards`, and their parameters."""

    def __init__(self, guards: set[str]):
        super().__init__()
        self.guards = guards
        self.dropped: set[str] = set()

    def visit_Module(self, node: cst.Module) -> None:
        for stmt in node.body:
            if isinstance(stmt, cst.FunctionDef) and _is_fixture(stmt) and isinstance(stmt.body, cst.IndentedBlock):
                parts = [_overridden(s) for s in stmt.body.body]
                names = set().union(*(p for p in parts if p is not None))
                if None not in parts and names and names <= self.guards:
                    self.dropped.add(stmt.name.value)

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef | cst.RemovalSentinel:
        if original.name.value in self.dropped:
            return cst.RemovalSentinel.REMOVE
        params = updated.params.params
        kept = [p for p in params if p.name.value not in self.dropped]
        if len(kept) == len(params):
            return updated
        return updated.with_changes(params=updated.params.with_changes(params=recomma(params, kept)))
