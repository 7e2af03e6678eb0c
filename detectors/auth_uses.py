"""Which dependencies of a module rest on authentication: its routes' parameters, their
decorators' `dependencies=` and its routers' `dependencies=`, read with the project's index.

The module may be planned text (a router the run is about to write): it is read as the
project's own module at that path, so its imports resolve into the project.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from detectors._ast import depends_target, kwarg, last_name
from detectors._deps import param_deps
from detectors.auth import auth_kind
from detectors.project import ModuleInfo, ProjectIndex, module_name, parse_source


@dataclass(frozen=True)
class AuthUse:
    """One dependency resting on authentication, and where it is written."""

    owner: str  # the route function, or the router variable for `APIRouter(dependencies=...)`
    where: str  # param | decorator | router
    name: str  # the parameter's name, else the dependency's code (`require_role("admin")`)
    kind: str  # jwt_bearer | api_key_header | other
    read: bool = False  # the route's body reads the parameter (owner scoping, created_by)


def planned_module(index: ProjectIndex, path: str, source: str) -> ModuleInfo:
    """`source` as the project's module at `path`; the index keeps it (memo keys hold its id)."""

    def build() -> ModuleInfo:
        return ModuleInfo(path=path, name=module_name(path), source=source, tree=parse_source(source, path))

    return index.memo(("planned_module", path, source), build)


def auth_uses(index: ProjectIndex, info: ModuleInfo, functions: set[str], routers: set[str]) -> list[AuthUse]:
    """The auth dependencies of the named route functions and router variables of `info`."""
    out: list[AuthUse] = []
    for stmt in info.tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in functions:
            out += _route_uses(index, info, stmt)
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            names = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
            if any(n in routers for n in names) and last_name(stmt.value.func) == "APIRouter":
                out += [AuthUse(names[0], "router", code, kind) for code, kind in _listed(index, info, stmt.value)]
    return out


def _route_uses(index: ProjectIndex, info: ModuleInfo, func) -> list[AuthUse]:
    out = []
    loaded = {n.id for stmt in func.body for n in ast.walk(stmt) if isinstance(n, ast.Name)}
    for dep in param_deps(index, info, func, None):
        kind = auth_kind(index, dep.target_module, dep.target) if dep.target is not None else None
        if kind:
            out.append(AuthUse(func.name, "param", dep.name, kind, dep.name in loaded))
    for deco in func.decorator_list:
        if isinstance(deco, ast.Call):
            out += [AuthUse(func.name, "decorator", code, kind) for code, kind in _listed(index, info, deco)]
    return out


def _listed(index: ProjectIndex, info: ModuleInfo, call: ast.Call) -> list[tuple[str, str]]:
    """(code, kind) of each auth dependency in the call's `dependencies=[...]`."""
    deps = kwarg(call, "dependencies")
    if not isinstance(deps, (ast.List, ast.Tuple)):
        return []
    out = []
    for elt in deps.elts:
        target = depends_target(elt)
        kind = auth_kind(index, info, target) if target is not None else None
        if kind:
            out.append((ast.unparse(target), kind))
    return out


def include_uses(index: ProjectIndex, info: ModuleInfo, known: set[str]) -> list[AuthUse]:
    """The auth dependencies listed by `include_router(..., dependencies=[...])` calls of `info`
    whose code is not in `known` (the calls the module had before)."""
    out = []
    for node in ast.walk(info.tree):
        if isinstance(node, ast.Call) and last_name(node.func) == "include_router" and ast.unparse(node) not in known:
            out += [AuthUse(ast.unparse(node.args[0]) if node.args else "?", "include", code, kind)
                    for code, kind in _listed(index, info, node)]
    return out


def include_calls(source: str) -> set[str]:
    """The code of each `include_router(...)` call of a module's text."""
    return {ast.unparse(n) for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.Call) and last_name(n.func) == "include_router"}
