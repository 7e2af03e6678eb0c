"""The parent's key, read from the path where the exemplar's routes read it from the payload.

Before (the exemplar already pointed at the parent, and checked it):
    async def create_review(category_id: int, data: ReviewCreate, ...):
        if await category_crud.get_category(db, data.category_id) is None:
After (`KeyFromPath("category_id", {"ReviewCreate"})`):
    async def create_review(category_id: int, data: ReviewCreate, ...):
        if await category_crud.get_category(db, category_id) is None:
Only parameters typed with one of the input classes are read so; clients no longer send the key.
"""

from __future__ import annotations

import libcst as cst


class KeyFromPath(cst.CSTTransformer):
    """`payload.KEY` -> `KEY` inside functions taking an input class as `payload`."""

    def __init__(self, key: str, inputs: set[str]) -> None:
        super().__init__()
        self.key, self.inputs = key, inputs
        self._payloads: list[set[str]] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._payloads.append(
            {
                p.name.value
                for p in (*node.params.params, *node.params.kwonly_params)
                if p.annotation is not None and _last_name(p.annotation.annotation) in self.inputs
            }
        )

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        self._payloads.pop()
        return updated

    def leave_Attribute(
        self, original: cst.Attribute, updated: cst.Attribute
    ) -> cst.BaseExpression:
        if (
            self._payloads
            and updated.attr.value == self.key
            and isinstance(updated.value, cst.Name)
            and updated.value.value in self._payloads[-1]
        ):
            return cst.Name(self.key)
        return updated


def _last_name(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return None
