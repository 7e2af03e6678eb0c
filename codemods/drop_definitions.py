"""Remove named definitions from a module, with the imports and `__all__` entries naming them.

`names` holds top-level names (`update_order`) and methods as `Class.method`; `imported` the
names removed anywhere, taken out of `from x import a, b` lines (the whole line when nothing is
left) and out of `__all__`, so a re-export never points at what is gone.

Before (names={"update_order", "OrderRepository.update"}, imported={"update_order"}):
    from app.crud import get_order, update_order
    class OrderRepository:
        def get(self): ...
        def update(self): ...
    def update_order(): ...
After:
    from app.crud import get_order
    class OrderRepository:
        def get(self): ...
"""

from __future__ import annotations

import libcst as cst

Removal = cst.RemovalSentinel | cst.FlattenSentinel


class DropDefinitions(cst.CSTTransformer):
    """Drop the named functions, classes, assignments and methods (see module docstring)."""

    def __init__(self, names: set[str], imported: set[str] = frozenset()):
        super().__init__()
        self.names = names
        self.top = set(imported)
        self.removed: set[str] = set()
        self._classes: list[str] = []
        self._depth = 0  # function nesting: a local def is never a module's definition

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._classes.append(node.name.value)

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.CSTNode | Removal:
        self._classes.pop()
        if self._named(updated.name.value):
            return cst.RemoveFromParent()
        if isinstance(updated.body, cst.IndentedBlock) and not updated.body.body:
            # every method went: a class body cannot be empty
            return updated.with_changes(body=updated.body.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])]))
        return updated

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._depth += 1

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.CSTNode | Removal:
        self._depth -= 1
        if self._depth == 0 and self._named(updated.name.value):
            return cst.RemoveFromParent()
        return updated

    def leave_SimpleStatementLine(
        self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine
    ) -> cst.CSTNode | Removal:
        if self._depth or self._classes and len(self._classes) > 1:
            return updated
        kept = [s for s in updated.body if not self._assigns_named(s)]
        if not kept:
            return cst.RemoveFromParent()
        return updated.with_changes(body=kept) if len(kept) != len(updated.body) else updated

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom) -> cst.CSTNode | Removal:
        if isinstance(updated.names, cst.ImportStar):
            return updated
        kept = [a for a in updated.names if (a.evaluated_alias or a.evaluated_name) not in self.top]
        if len(kept) == len(updated.names):
            return updated
        self.removed |= {a.evaluated_alias or a.evaluated_name for a in updated.names} - {
            a.evaluated_alias or a.evaluated_name for a in kept
        }
        if not kept:
            return cst.RemoveFromParent()
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(names=kept)

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        targets = [t.target for t in updated.targets]
        if self._depth or self._classes or not any(isinstance(t, cst.Name) and t.value == "__all__" for t in targets):
            return updated
        if not isinstance(updated.value, (cst.List, cst.Tuple)):
            return updated
        elements = [
            e
            for e in updated.value.elements
            if not (isinstance(e.value, cst.SimpleString) and e.value.evaluated_value in self.top)
        ]
        if len(elements) == len(updated.value.elements):
            return updated
        if elements:
            elements[-1] = elements[-1].with_changes(comma=updated.value.elements[-1].comma)
        return updated.with_changes(value=updated.value.with_changes(elements=elements))

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        if not self.removed or not updated.body or original.body[0] is updated.body[0]:
            return updated
        # the first statement went: the blank lines that separated it do not lead the module
        first = updated.body[0]
        first = first.with_changes(leading_lines=[line for line in first.leading_lines if line.comment is not None])
        return updated.with_changes(body=[first, *updated.body[1:]])

    def _named(self, name: str) -> bool:
        key = ".".join((*self._classes, name)) if self._classes else name
        if key in self.names:
            self.removed.add(key)
            return True
        return False

    def _assigns_named(self, stmt: cst.BaseSmallStatement) -> bool:
        if isinstance(stmt, cst.Assign):
            targets = [t.target for t in stmt.targets]
        elif isinstance(stmt, cst.AnnAssign):
            targets = [stmt.target]
        else:
            return False
        names = [t.value for t in targets if isinstance(t, cst.Name)]
        return bool(names) and len(names) == len(targets) and all(self._named(n) for n in names)
