"""`names_read(node)`: the names a libcst node reads, each `Name` but an attribute's own.

`project["id"]` and `project.id` read `project`; `x.project` does not (`project` is the
attribute there). Bound names count too (`project = ...` names `project`): callers asking
whether a statement uses a name want both.
"""

from __future__ import annotations

import libcst as cst


def names_read(node: cst.CSTNode) -> set[str]:
    """Every name `node` spells but the attribute names of its attribute accesses."""
    found: set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Attribute(self, attr: cst.Attribute) -> bool:
            attr.value.visit(self)
            return False

        def visit_Name(self, name: cst.Name) -> None:
            found.add(name.value)

    node.visit(Names())
    return found


__all__ = ["names_read"]
