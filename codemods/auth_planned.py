"""What `--auth` reads of the planned code: the new routes and tests of each module the plan
writes, the names a module reads, and the tidying after an edit (unused imports, formatting)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

import libcst as cst

from codemods.check import fix_unused
from codemods.drop_definitions import DropDefinitions
from codemods.formatting import FormatStyle, format_code
from codemods.methods import route_of
from codemods.parsing import parse_module
from codemods.plan import FileEdit
from detectors.project import is_test_path


@dataclass(frozen=True)
class NewRoutes:
    """One planned module's new route functions and new router variables."""

    at: int
    functions: frozenset[str]
    routers: frozenset[str]


def new_routes(edits: tuple[FileEdit, ...]) -> list[NewRoutes]:
    """The new routes of each non-test module the plan writes (a second run finds none)."""
    out = []
    for i, edit in enumerate(edits):
        if not edit.path.endswith(".py") or is_test_path(edit.path) or not edit.changes:
            continue
        before = top_names(edit.old) if edit.old else set()
        tree = ast.parse(edit.new)
        functions = {n.name for n in tree.body if route_of(n) is not None and n.name not in before}
        routers = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                   if isinstance(t, ast.Name) and t.id not in before}
        if functions:
            out.append(NewRoutes(i, frozenset(functions), frozenset(routers)))
    return out


def top_names(code: str) -> set[str]:
    """The names a module's top-level functions, classes and assignments define."""
    names = set()
    for n in ast.parse(code).body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(n.name)
        elif isinstance(n, ast.Assign):
            names |= {t.id for t in n.targets if isinstance(t, ast.Name)}
    return names


def new_tests(edits: tuple[FileEdit, ...]) -> list[tuple[int, set[str]]]:
    """Each test module the plan writes (conftest aside), with its new functions, the methods of
    its new classes written `Class.method`."""
    out = []
    for i, edit in enumerate(edits):
        if not edit.path.endswith(".py") or not is_test_path(edit.path) or edit.path.endswith("conftest.py"):
            continue
        before = top_names(edit.old) if edit.old else set()
        new = set()
        for n in ast.parse(edit.new).body:
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name not in before:
                new.add(n.name)
            elif isinstance(n, ast.ClassDef) and n.name not in before:
                new |= {f"{n.name}.{m.name}" for m in n.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))}
        if new:
            out.append((i, new))
    return out


def functions_named(code: str, names: set[str]) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The named functions of a module, `Class.method` for a method."""
    out = []
    for n in ast.parse(code).body:
        methods = n.body if isinstance(n, ast.ClassDef) else [n]
        prefix = f"{n.name}." if isinstance(n, ast.ClassDef) else ""
        out += [m for m in methods if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and prefix + m.name in names]
    return out


def plain_names(names: set[str]) -> set[str]:
    """`TestOrders.test_get` -> `test_get`: the names as the function definitions spell them."""
    return {n.rsplit(".", 1)[-1] for n in names}


def tidied(before: str, after: str, fmt: FormatStyle) -> str:
    """`after` formatted when the planned text it came from was (the edit keeps the module's state)."""
    return format_code(after, fmt) if after != before and format_code(before, fmt) == before else after


def drop_unused_imports(module: cst.Module, before: str, keep: set[str], created: bool) -> cst.Module:
    """`module` without the imported names the edit left unused (those unused before stay); in a
    module the run creates every line is ours, and ruff's own fix removes them."""
    was, now = loaded_names(before), loaded_names(module.code)
    bound = {a.asname or a.name.split(".")[0] for n in ast.parse(before).body
             if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    gone = (bound & was) - now - keep
    if not gone:
        return module
    module = module.visit(DropDefinitions(set(), gone))
    return parse_module(fix_unused(module.code, "module.py")) if created and not keep else module


def loaded_names(code: str) -> set[str]:
    """The names the code reads, its import statements aside."""
    tree = ast.parse(code)
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {n.value.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
              and n.value.isidentifier()}  # a string annotation ("User") reads its name too
    return names
