"""`--into`: the cloned router module lives elsewhere than the exemplar's, and its importers follow.

Wiring repeats the exemplar's imports renamed (`from app.routers import orders`); once the module
is placed in `app/api/`, those imports name `app.api` instead. The moved module's own relative
imports stay relative where they still resolve from the new place, and become absolute where not.

Before (moving app.routers.orders to app.api.orders):   After:
    from app.routers import auth, orders                    from app.routers import auth
                                                            from app.api import orders
    from app.routers.orders import router                   from app.api.orders import router
"""

from __future__ import annotations

import libcst as cst

from codemods.imports import with_names


class MoveModule(cst.CSTTransformer):
    """Re-point imports of module `old` (dotted) at `new`."""

    def __init__(self, old: str, new: str):
        super().__init__()
        self.old, self.new = old, new
        self.old_parent, _, self.old_stem = old.rpartition(".")
        self.new_parent, _, self.new_stem = new.rpartition(".")

    def leave_SimpleStatementLine(self, original, updated):
        return cst.FlattenSentinel(self._moved(updated)) if self._touches(updated) else updated

    def _touches(self, stmt: cst.SimpleStatementLine) -> bool:
        small = stmt.body[0]
        if not isinstance(small, cst.ImportFrom) or small.relative or isinstance(small.names, cst.ImportStar):
            return False
        module = _dotted(small.module)
        return module == self.old or (
            module == self.old_parent and any(a.evaluated_name == self.old_stem for a in small.names)
        )

    def _moved(self, stmt: cst.SimpleStatementLine) -> list[cst.SimpleStatementLine]:
        small = stmt.body[0]
        if _dotted(small.module) == self.old:
            return [stmt.with_changes(body=[small.with_changes(module=cst.parse_expression(self.new))])]
        ours = [a for a in small.names if a.evaluated_name == self.old_stem]
        rest = [a for a in small.names if a.evaluated_name != self.old_stem]
        alias = ours[0].with_changes(name=cst.Name(self.new_stem), comma=cst.MaybeSentinel.DEFAULT)
        moved = cst.SimpleStatementLine(
            [cst.ImportFrom(module=cst.parse_expression(self.new_parent), names=[alias])]
        )
        if not rest:
            return [moved.with_changes(leading_lines=stmt.leading_lines)]
        kept = stmt.with_changes(body=[with_names(small, rest)])
        return [kept, moved]


class Rebase(cst.CSTTransformer):
    """The moved module's relative imports, kept where they resolve the same from `new_package`."""

    def __init__(self, old_package: str, new_package: str):
        super().__init__()
        self.old, self.new = old_package.split("."), new_package.split(".")

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom) -> cst.ImportFrom:
        level = len(updated.relative)
        if not level:
            return updated
        tail = _dotted(updated.module).split(".") if updated.module else []
        target = self.old[: len(self.old) - (level - 1)] + tail
        if self.new[: len(self.new) - (level - 1)] + tail == target:
            return updated
        return updated.with_changes(relative=[], module=cst.parse_expression(".".join(target)))


def _dotted(node: cst.BaseExpression | None) -> str:
    return cst.Module(body=[]).code_for_node(node) if node is not None else ""
