"""The base of the transformers that edit inside one function of a module only."""

from __future__ import annotations

import libcst as cst


class WithinFunction(cst.CSTTransformer):
    """`self.inside` is true while the visit is within the function named `function` (nested
    functions included); subclasses edit only there."""

    def __init__(self, function: str):
        super().__init__()
        self.function = function
        self.inside = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.inside += node.name.value == self.function
        return True

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self.inside -= original.name.value == self.function
        return updated
