"""Facts about routers shared by the layout and registration detectors."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from detectors._ast import dotted, kwarg, last_name, walk
from detectors.project import ModuleInfo, ProjectIndex


@dataclass(frozen=True)
class RouterDef:
    """A module-level `name = APIRouter(...)` (or `exported = name = APIRouter(...)`)."""

    module: ModuleInfo
    name: str  # the name endpoints are decorated on
    call: ast.Call
    endpoint_count: int

    @property
    def has_prefix(self) -> bool:
        return kwarg(self.call, "prefix") is not None

    @property
    def has_dependencies(self) -> bool:
        return kwarg(self.call, "dependencies") is not None


@dataclass(frozen=True)
class IncludeCall:
    """A `target.include_router(router, ...)` call, with the enclosing loop if any."""

    module: ModuleInfo
    call: ast.Call
    target: str
    router_expr: ast.expr | None
    loop: ast.For | None

    @property
    def line(self) -> int:
        return self.call.lineno


def router_defs(index: ProjectIndex) -> list[RouterDef]:
    """Every module-level APIRouter, with how many endpoints are decorated on it."""
    return list(index.memo("router_defs", lambda: _router_defs(index)))


def _router_defs(index: ProjectIndex) -> list[RouterDef]:
    found: list[RouterDef] = []
    for info in index.relevant:
        if info.is_test or "APIRouter" not in info.source:
            continue
        for stmt in info.tree.body:
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            if not isinstance(value, ast.Call) or last_name(value.func) != "APIRouter":
                continue
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names = tuple(t.id for t in targets if isinstance(t, ast.Name))
            if not names:
                continue
            counts = {n: sum(1 for e in info.endpoints if e.router == n) for n in names}
            # `users_router = r = APIRouter()`: the routes hang on `r`, includes import the other.
            decorated = max(names, key=lambda n: counts[n])
            found.append(RouterDef(info, decorated, value, sum(counts.values())))
    return found


def include_calls(index: ProjectIndex) -> list[IncludeCall]:
    """Every `x.include_router(...)` outside tests."""
    found: list[IncludeCall] = []
    for info in index.relevant:
        if info.is_test or "include_router" not in info.source:
            continue
        loops = {id(sub): node for node in info.nodes(ast.For) for sub in walk(node)}
        for call in info.calls_to("include_router"):
            if isinstance(call.func, ast.Attribute) and call.func.attr == "include_router":
                target = dotted(call.func.value) or "?"
                router = call.args[0] if call.args else kwarg(call, "router")
                loop = loops.get(id(call))
                found.append(IncludeCall(info, call, target, router, loop))
    return found


def resolve_router(
    index: ProjectIndex, inc: IncludeCall, routers: list[RouterDef]
) -> RouterDef | None:
    """The APIRouter an include call passes, following `module.router` and `as` imports."""
    expr = inc.router_expr
    if expr is None:
        return None
    name = dotted(expr)
    if name is None:
        return None
    found = index.resolve(inc.module, name)
    if found is None:
        return None
    module, stmt = found
    for r in routers:
        if r.module is module and module.definitions.get(r.name) is stmt:
            return r
    return None
