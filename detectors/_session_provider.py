"""Which session type a dependency function provides, read from its signature or its body.

An endpoint parameter written without a type (`db=Depends(get_db)`) still receives a session
when `get_db` says so: a return annotation naming one (`-> Session`, `-> Iterator[Session]`),
or a generator yielding a session it made from a session factory (`SessionLocal =
sessionmaker(...)`) or from the session class itself (`Session(engine)`).
"""

from __future__ import annotations

import ast

from detectors._ast import annotation_names, dotted, kwarg, last_name
from detectors.project import ModuleInfo, ProjectIndex

SESSION_TYPES = frozenset({"Session", "AsyncSession", "Connection", "AsyncConnection"})
# Factory call -> the session type its calls make (`class_=` overrides it).
_FACTORIES = {
    "sessionmaker": "Session",
    "scoped_session": "Session",
    "async_sessionmaker": "AsyncSession",
    "async_scoped_session": "AsyncSession",
}


def provided_session_type(index: ProjectIndex, module: ModuleInfo, func: ast.AST) -> str | None:
    """The session type `func` (defined in `module`) provides to its dependants, if any."""
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    key = ("provided_session_type", id(module), id(func))
    return index.memo(key, lambda: _provided(index, module, func))


def _provided(index: ProjectIndex, module: ModuleInfo, func) -> str | None:
    if func.returns is not None:
        return _first_session_type(annotation_names(func.returns))
    made: dict[str, str] = {}  # local name -> session type, from `db = SessionLocal()`
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            kind = _made_session(index, module, node.value)
            if kind and isinstance(node.targets[0], ast.Name):
                made[node.targets[0].id] = kind
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                kind = _made_session(index, module, item.context_expr)
                if kind and isinstance(item.optional_vars, ast.Name):
                    made[item.optional_vars.id] = kind
    for node in ast.walk(func):
        if isinstance(node, ast.Yield) and node.value is not None:
            if isinstance(node.value, ast.Name) and node.value.id in made:
                return made[node.value.id]
            kind = _made_session(index, module, node.value)
            if kind:
                return kind
    return None


def _made_session(index: ProjectIndex, module: ModuleInfo, expr: ast.expr | None) -> str | None:
    """`SessionLocal()` (a sessionmaker's product) or `Session(engine)`: the session type made."""
    if not isinstance(expr, ast.Call):
        return None
    name = last_name(expr.func)
    if name in SESSION_TYPES:
        return name
    if isinstance(expr.func, ast.Call):  # `sessionmaker(bind=engine)()`
        return _factory_type(expr.func)
    dotted_name = dotted(expr.func)
    found = index.resolve(module, dotted_name) if dotted_name else None
    if found is None:
        return None
    _, stmt = found
    value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
    return _factory_type(value) if isinstance(value, ast.Call) else None


def _factory_type(call: ast.Call) -> str | None:
    kind = _FACTORIES.get(last_name(call.func) or "")
    if kind is None:
        return None
    override = last_name(kwarg(call, "class_"))
    return override if override in SESSION_TYPES else kind


def _first_session_type(names) -> str | None:
    found = sorted(set(names) & SESSION_TYPES)
    return found[0] if found else None


__all__ = ["SESSION_TYPES", "provided_session_type"]
