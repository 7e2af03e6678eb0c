"""No route the plan adds takes a method and path a route of the same router already has.

FastAPI serves the first route matching a request: a second `GET ""` on a router is written,
imports and passes every static check, and is never reached. That happens where the new code
goes into a module serving another resource (an exemplar whose modules are named for something
else than it, `--like`), so it is stopped before anything is written.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

from codemods.plan import FileEdit
from detectors._ast import HTTP_METHODS, dotted
from detectors.project import parsed


def clashing_route(edits: Iterable[FileEdit]) -> str | None:
    """`path:line: why` for the first route an edit adds on a method and path its router serves
    already, else None."""
    for edit in edits:
        if not edit.path.endswith(".py") or edit.new is None:
            continue
        if len(_DECORATED.findall(edit.new)) <= len(_DECORATED.findall(edit.old or "")):
            continue  # no route added (a conftest gaining fixtures): nothing to parse
        try:
            before = _routes(parsed(edit.old)) if edit.old is not None else {}
            after = _routes(parsed(edit.new))
        except SyntaxError:
            continue  # the check says where
        for key, functions in after.items():
            if len(functions) > 1 and len(functions) > len(before.get(key, [])):
                router, method, path = key
                (first, _), (second, line) = functions[0], functions[1]
                return (
                    f"{edit.path}:{line}: {second} serves {method.upper()} {path!r} on {router}, as {first} "
                    "does already: it would never be reached"
                )
    return None


# a route decorator as text: `@router.get("`, counted before anything is parsed
_DECORATED = re.compile(r"@[\w.]+\.(?:get|post|put|patch|delete|head|options)\(")


def _routes(tree: ast.Module) -> dict[tuple[str, str, str], list[tuple[str, int]]]:
    """(router, method, path) -> the functions serving it, in order, with their lines: the
    module's functions and its classes' (routes are defined at those levels)."""
    found: dict[tuple[str, str, str], list[tuple[str, int]]] = {}
    functions = [
        node
        for stmt in tree.body
        for node in ([stmt, *stmt.body] if isinstance(stmt, ast.ClassDef) else [stmt])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    for node in functions:
        for deco in node.decorator_list:
            if not (isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute)):
                continue
            method = deco.func.attr
            router = dotted(deco.func.value)
            if method not in HTTP_METHODS or router is None or not deco.args:
                continue
            path = deco.args[0]
            if isinstance(path, ast.Constant) and isinstance(path.value, str):
                found.setdefault((router, method, path.value), []).append((node.name, node.lineno))
    return found
