"""A definition of a test module or conftest.py, borrowed by a test module that cannot import it.

Test modules import no other test module, and a fixture outside a conftest.py serves its own
module only; a new test module needing one of their helpers or fixtures gets a copy, with the
module-level definitions it reads (a `URL` constant, another helper) and the imports they use.

Before (`Borrow(borrowed(<tests/test_customers.py>, "make_customer"))`):
    import pytest

    def test_create_order(client, user_headers): ...
After:
    import pytest

    URL = "/api/v2/customers"

    def make_customer(client, headers, **overrides) -> dict:
        return client.post(URL, json=..., headers=headers).json()["data"]

    def test_create_order(client, user_headers): ...
Where the module has a `URL` of its own, the copy reads the value instead:
`client.post("/api/v2/customers", ...)`. The imports (`uuid` here) are added by the caller, with
the project's import style.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.parent import is_fixture
from codemods.errors import ConventionError
from codemods.imports import Import, imports_binding
from codemods.visit import visit
from detectors.project import ModuleInfo
from detectors.resources import top_level_names


@dataclass(frozen=True)
class Borrowed:
    """Statements to copy, in their module's order, and the imports they need."""

    names: tuple[str, ...]  # what each statement binds
    code: tuple[str, ...]  # each statement's source
    imports: tuple[Import, ...]


def borrowed(module: ModuleInfo, name: str) -> Borrowed:
    """The definition `name` of `module` with the module-level definitions it reads (a fixture:
    the fixtures its parameters name, too), transitively."""
    defined = {n: s for s in module.tree.body for n in _binds(s)}
    wanted: dict[int, ast.stmt] = {}
    todo = [name]
    while todo:
        stmt = defined.get(todo.pop())
        if stmt is None or id(stmt) in wanted or isinstance(stmt, (ast.Import, ast.ImportFrom)):
            continue
        wanted[id(stmt)] = stmt
        reads = [n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)]
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params = [a.arg for a in (*stmt.args.posonlyargs, *stmt.args.args, *stmt.args.kwonlyargs)]
            # pytest hands a fixture the fixtures its parameters name: the module's own go too;
            # another function's parameters are its caller's to give
            reads = [*reads, *params] if is_fixture(stmt) else [n for n in reads if n not in params]
        todo += reads
    ordered = [s for s in module.tree.body if id(s) in wanted]
    read = {n.id for s in ordered for n in ast.walk(s) if isinstance(n, ast.Name)}
    lines = module.source.splitlines()
    # a statement's lines, its decorators (`@pytest.fixture`) included
    code = tuple(
        "\n".join(lines[min([s.lineno, *(d.lineno for d in getattr(s, "decorator_list", ()))]) - 1 : s.end_lineno])
        for s in ordered
    )
    names = tuple(next(iter(_binds(s))) for s in ordered)
    return Borrowed(names, code, tuple(imports_binding(module.tree, module.path, read)))


def lend(module: cst.Module, loan: Borrowed, refusal: Callable[[str], str]) -> cst.Module:
    """The module with the loan's statements it lacks (Borrow); ConventionError, `refusal` of the
    name, where it defines one of them otherwise than the loan's module."""
    borrow = Borrow(loan)
    module = visit(module, borrow)
    if borrow.clashes:
        raise ConventionError(refusal(borrow.clashes[0]))
    return module


def _binds(stmt: ast.stmt) -> list[str]:
    """What a top-level statement defines (`top_level_names`), imports' bound names included."""
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return [a.asname or a.name.split(".")[0] for a in stmt.names]
    return top_level_names(stmt)


class Borrow(cst.CSTTransformer):
    """The borrowed statements the module lacks, before its first function or class. A constant
    the module defines otherwise (its own `URL`) is written into the borrowed code as its value;
    `clashes` names any other definition both have."""

    def __init__(self, loan: Borrowed) -> None:
        super().__init__()
        self.loan = loan
        self.clashes: list[str] = []

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body = list(updated.body)
        present = {n: ast.unparse(s) for s in ast.parse(updated.code).body for n in _binds(s)}
        loaned = dict(zip(self.loan.names, self.loan.code))
        constants: dict[str, cst.BaseExpression] = {}
        for name, code in loaned.items():
            if name in present and present[name] != ast.unparse(ast.parse(code).body[0]):
                stmt = cst.parse_statement(code)
                value = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) else None
                if isinstance(value, cst.Assign) and not _names(value.value):
                    constants[name] = value.value
                else:
                    self.clashes.append(name)
        missing = [
            cst.parse_statement(code + "\n", config=updated.config_for_parsing).visit(_Inline(constants))
            for name, code in loaned.items()
            if name not in present
        ]
        if not missing:
            return updated
        at = next((i for i, s in enumerate(body) if isinstance(s, (cst.FunctionDef, cst.ClassDef))), len(body))
        blank = [cst.EmptyLine(), cst.EmptyLine()]
        missing = [s.with_changes(leading_lines=blank) for s in missing]
        if at < len(body):
            body[at] = body[at].with_changes(leading_lines=blank)
        return updated.with_changes(body=[*body[:at], *missing, *body[at:]])


def _names(node: cst.CSTNode) -> list[str]:
    return [n.value for n in m.findall(node, m.Name())]


class _Inline(cst.CSTTransformer):
    """Reads of the constants, as their values."""

    def __init__(self, constants: dict[str, cst.BaseExpression]) -> None:
        super().__init__()
        self.constants = constants

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)  # `x.URL` is no read of `URL`

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
        return self.constants.get(updated.value, updated)
