"""`added_statements(tree, new, old)`: the top-level statements an edit added or changed.

A batch adds a resource to modules of hundreds of definitions (a conftest with a fixture each):
what the checks judge of the new text is its own few statements. The statements whose text the
old module holds, byte for byte, are the module's own, compiled and judged when it was written.
"""

from __future__ import annotations

import ast
import re
from collections import Counter

from detectors.project import parsed

# (new, old) -> its added statements: the compile check and the import check of one plan ask
# of the same texts; a batch moves on to the next texts
_ADDED: dict[tuple[str, str | None], ast.Module] = {}
_ADDED_KEPT = 16


def added_statements(tree: ast.Module, new: str, old: str | None) -> ast.Module:
    """What of `tree` (the parsed `new`) is the edit's: the top-level statements whose text `old`
    does not hold, after the module's `__future__` imports. Enough to know the new text compiles:
    the statements `old` holds compiled there already, and the errors compiling finds beyond
    parsing (`return` outside a function, a bad `nonlocal`) lie within one top-level statement.
    The whole tree where those errors depend on the other statements: `old` does not parse, a
    new statement stands among or before the `__future__` imports, or the module has a
    top-level `global`."""
    if old is None:
        return tree
    key = (new, old)
    found = _ADDED.get(key)
    if found is None:
        found = _added(tree, new, old)
        if len(_ADDED) >= _ADDED_KEPT:
            del _ADDED[next(iter(_ADDED))]
        _ADDED[key] = found
    return found


def _added(tree: ast.Module, new: str, old: str) -> ast.Module:
    old = old.removeprefix("\ufeff")  # a BOM is the file's, not code: cut from the statements too
    try:
        before = parsed(old)
    except SyntaxError:
        return tree
    if any(isinstance(stmt, (ast.Global, ast.Nonlocal)) for stmt in tree.body):
        return tree  # a name bound or used before its `global` anywhere in the module is an error
    # a statement before the last `__future__` import is one, wherever it came from
    futures_end = max((at for at, stmt in enumerate(tree.body) if _is_future(stmt)), default=-1)
    held = Counter(_statement_texts(before, old))
    fresh: list[ast.stmt] = []
    for at, (stmt, text) in enumerate(zip(tree.body, _statement_texts(tree, new))):
        if held[text] > 0:
            held[text] -= 1
            continue
        if at <= futures_end:
            return tree
        fresh.append(stmt)
    if len(fresh) == len(tree.body):
        return tree
    future = tree.body[: futures_end + 1]  # they change what compiles
    return ast.Module(body=[*future, *fresh], type_ignores=[])


def _is_future(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"


def _statement_texts(tree: ast.Module, text: str) -> list[str]:
    """The source lines of each top-level statement of `tree`, decorators included."""
    # split where the tokenizer counts lines (str.splitlines also splits at a form feed)
    lines = text.split("\n") if "\r" not in text else re.split(r"\r\n|\r|\n", text)
    out = []
    for stmt in tree.body:
        first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
        out.append("\n".join(lines[first - 1 : stmt.end_lineno]))
    return out


def added_functions(new: str, old: str | None) -> frozenset[str]:
    """The functions an edit adds to a module (`old` to `new`): top-level ones, and the methods
    of the classes it adds."""
    before = {getattr(n, "name", None) for n in parsed(old).body} if old else set()
    added: set[str] = set()
    for node in parsed(new).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name not in before:
            added.add(node.name)
        elif isinstance(node, ast.ClassDef) and node.name not in before:
            added |= {n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return frozenset(added)
