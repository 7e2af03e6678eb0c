"""Routes that find a row by a field the clone drops find it by the primary key instead.

The exemplar's `GET /tier/{name}` looks tiers up by their unique name; an Order without a name
is looked up by id: the path parameter, the function's parameter and its uses follow.

Before (`name` dropped, key `id: int`):         After:
    @router.get("/tier/{name}")                     @router.get("/order/{id}")
    async def read_tier(name: str, db): ...         async def read_order(id: int, db): ...
        await crud.get(db=db, name=name)                await crud.get(db=db, id=id)
"""

from __future__ import annotations

import libcst as cst

from codemods.visit import visit


class KeySwap(cst.CSTTransformer):
    def __init__(self, fields: set[str], key: str, key_type: str):
        super().__init__()
        self.fields, self.key, self.key_type = fields, key, key_type
        self.swapping: list[str | None] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = {p.name.value for p in (*node.params.params, *node.params.kwonly_params)}
        paths = " ".join(_strings(d) for d in node.decorators)
        field = next((f for f in sorted(self.fields) if f in params and "{" + f + "}" in paths), None)
        self.swapping.append(field if self.key not in params else None)

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        field = self.swapping.pop()
        if field is None:
            return updated
        decorators = [visit(d, _PathParam(field, self.key)) for d in updated.decorators]
        return updated.with_changes(decorators=decorators)

    def leave_Param(self, original: cst.Param, updated: cst.Param) -> cst.Param:
        field = self.swapping[-1] if self.swapping else None
        if field is None or original.name.value != field:
            return updated
        annotation = cst.Annotation(cst.Name(self.key_type)) if updated.annotation else None
        return updated.with_changes(annotation=annotation)

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        field = self.swapping[-1] if self.swapping else None
        return updated.with_changes(value=self.key) if field is not None and updated.value == field else updated


class _PathParam(cst.CSTTransformer):
    def __init__(self, field: str, key: str):
        super().__init__()
        self.old, self.new = "{" + field + "}", "{" + key + "}"

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        return updated.with_changes(value=updated.value.replace(self.old, self.new))


def _strings(node: cst.CSTNode) -> str:
    collect = _Strings()
    visit(node, collect)
    return " ".join(collect.found)


class _Strings(cst.CSTVisitor):
    """The string literals under a node. One class, not one per call: `visit` learns a class's
    callbacks once, and each route's decorators are read."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.found.append(node.value)
