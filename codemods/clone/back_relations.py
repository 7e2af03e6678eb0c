"""Give the models the clone points at the reverse side of its relationships.

The exemplar's `owner = relationship("User", back_populates="items")` needs `User.items`; the
clone's `owner = relationship("User", back_populates="orders")` needs `User.orders`, written the
way `User.items` is written, right after it.

Before (User, cloning Item as Order):         After:
    items = relationship("Item",                  items = relationship("Item",
        back_populates="owner")                       back_populates="owner")
                                                  orders = relationship("Order",
                                                      back_populates="owner")
"""

from __future__ import annotations

import re

import libcst as cst

from codemods.names import ResourceNames, spelling_pattern
from codemods.rename import rename_code

_RELATIONSHIP = re.compile(r"\b[Rr]elationship\(")


class BackRelations(cst.CSTTransformer):
    """In the classes named `classes`, repeat each relationship to the exemplar for the new resource."""

    def __init__(self, old: ResourceNames, new: ResourceNames, classes: set[str], url_style: str):
        super().__init__()
        self.old, self.new, self.classes, self.url_style = old, new, classes, url_style
        self.pattern, self.new_pattern = spelling_pattern(old), spelling_pattern(new)

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return node.name.value in self.classes

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if updated.name.value not in self.classes or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        body = list(updated.body.body)
        attributes = {_target(s) for s in body}
        out = []
        for stmt in body:
            out.append(stmt)
            code = _code(stmt)
            if _RELATIONSHIP.search(code) and self.pattern.search(code) and not self.new_pattern.search(code):
                twin = cst.parse_statement(rename_code(code, self.old, self.new, self.url_style))
                if _target(twin) not in attributes:  # already there, however it is formatted
                    out.append(twin.with_changes(leading_lines=()))
        if len(out) == len(body):
            return updated
        return updated.with_changes(body=updated.body.with_changes(body=out))


def _target(stmt: cst.CSTNode) -> str | None:
    """The attribute a class-body statement assigns (`orders` in `orders: list[Order] = ...`)."""
    small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) else None
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
        return small.target.value
    if isinstance(small, cst.Assign) and isinstance(small.targets[0].target, cst.Name):
        return small.targets[0].target.value
    return None


def _code(stmt: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(stmt)
