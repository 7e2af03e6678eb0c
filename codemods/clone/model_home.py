"""`--from-model` for a model that lives beside another resource's (`Warehouse` in
src/suppliers/models.py): the clone writes no model module of its own, and its imports of the
model point at the model's home. Written, the exemplar's model module would define the model a
second time, and its table too: the app would no longer import.

Before (src/warehouses/router.py, cloned):       After:
    from src.auth import verify_api_key              from src.auth import verify_api_key
                                                     from src.suppliers.models import Warehouse

    from .models import Warehouse, WarehouseKind     from .models import WarehouseKind
"""

from __future__ import annotations

import libcst as cst

from codemods.imports import with_names
from codemods.parsing import parse_module
from detectors.project import resolve_relative


def without_class(code: str, name: str) -> str | None:
    """`code` without its top-level class `name`; None where nothing but imports, docstrings and
    `__all__` would be left (the module was the class's alone)."""
    module = parse_module(code)
    body = [s for s in module.body if not (isinstance(s, cst.ClassDef) and s.name.value == name)]
    if not any(_defines(s) for s in body):
        return None
    return module.with_changes(body=body).code


def _defines(stmt: cst.BaseStatement) -> bool:
    """Whether a top-level statement defines something (a class, a function, a constant)."""
    if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)):
        return True
    if not isinstance(stmt, cst.SimpleStatementLine):
        return True  # an `if TYPE_CHECKING:` block, a `try:`: kept as code of the module's own
    for small in stmt.body:
        if isinstance(small, (cst.Import, cst.ImportFrom, cst.Expr, cst.Pass)):
            continue
        if isinstance(small, (cst.Assign, cst.AugAssign)) and _only_all(small):
            continue
        return True
    return False


def _only_all(small: cst.Assign | cst.AugAssign) -> bool:
    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
    return all(isinstance(t, cst.Name) and t.value == "__all__" for t in targets)


class TakeImport(cst.CSTTransformer):
    """Top-level `from <old> import <name>` taken out (the line, or its name from a line importing
    more), relative imports resolved from the importing module `here` (`package`: an `__init__`);
    `taken` holds the alias of each (None for none): the import merger adds it from the home."""

    def __init__(self, name: str, old: str, here: str, package: bool):
        super().__init__()
        self.name, self.old = name, old
        self.here, self.package = here, package
        self.taken: list[str | None] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # an import inside a function stays as it is: the check finds one left

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def leave_SimpleStatementLine(self, original, updated):
        small = updated.body[0]
        if len(updated.body) != 1 or not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
            return updated
        module = cst.Module(body=[]).code_for_node(small.module) if small.module is not None else None
        level = len(small.relative)
        base = resolve_relative(self.here, self.package, level, module) if level else module
        ours = [a for a in small.names if a.evaluated_name == self.name]
        if base != self.old or not ours:
            return updated
        self.taken += [a.evaluated_alias for a in ours]
        rest = [a for a in small.names if a.evaluated_name != self.name]
        if not rest:
            return cst.RemoveFromParent()
        return updated.with_changes(body=[with_names(small, rest)])
