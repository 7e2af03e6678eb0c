"""Take the auth dependencies off routes: their parameters, and their entries in a route's or a
router's `dependencies=[...]` (the keyword goes when nothing is left in it).

Before (params={"create_order": {"current_user"}}, listed={"router": {"verify_api_key"}}):
    router = APIRouter(prefix="/orders", dependencies=[Depends(verify_api_key)])
    @router.post("")
    def create_order(data: OrderCreate, current_user: User = Depends(get_current_user)): ...
After:
    router = APIRouter(prefix="/orders")
    @router.post("")
    def create_order(data: OrderCreate): ...
"""

from __future__ import annotations

import ast

import libcst as cst


def _code(node: cst.CSTNode) -> str:
    """The node's code as `ast.unparse` writes it, so both spellings compare equal."""
    return ast.unparse(ast.parse(cst.Module([]).code_for_node(node).strip(), mode="eval"))


class DropAuthDependencies(cst.CSTTransformer):
    """Drop the named parameters of route functions, and the named `Depends(...)` entries of the
    `dependencies=` lists of their decorators and of module-level router calls."""

    def __init__(self, params: dict[str, set[str]], listed: dict[str, set[str]]):
        super().__init__()
        self.params = params  # function -> parameter names
        self.listed = listed  # function or router variable -> dependency code, as ast.unparse writes it
        self.dropped: list[str] = []

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        name = updated.name.value
        gone = self.params.get(name, set())
        if gone:
            params = updated.params
            kept = [p for p in params.params if p.name.value not in gone]
            kwonly = [p for p in params.kwonly_params if p.name.value not in gone]
            if len(kept) + len(kwonly) != len(params.params) + len(params.kwonly_params):
                self.dropped += [f"{name}({p})" for p in sorted(gone)]
                updated = updated.with_changes(params=params.with_changes(
                    params=recomma(params.params, kept), kwonly_params=recomma(params.kwonly_params, kwonly)))
        if name in self.listed:
            decorators = [d.with_changes(decorator=self._without(d.decorator, self.listed[name], name))
                          for d in updated.decorators]
            updated = updated.with_changes(decorators=decorators)
        return updated

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        names = [t.target.value for t in updated.targets if isinstance(t.target, cst.Name)]
        owner = next((n for n in names if n in self.listed), None)
        if owner is None:
            return updated
        return updated.with_changes(value=self._without(updated.value, self.listed[owner], owner))

    def _without(self, node: cst.BaseExpression, codes: set[str], owner: str) -> cst.BaseExpression:
        if not isinstance(node, cst.Call):
            return node
        args = []
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "dependencies" and isinstance(arg.value, (cst.List, cst.Tuple)):
                elements = [e for e in arg.value.elements if not self._listed(e.value, codes)]
                if len(elements) != len(arg.value.elements):
                    self.dropped.append(f"{owner} dependencies")
                    if not elements:
                        continue
                    arg = arg.with_changes(value=arg.value.with_changes(elements=recomma(arg.value.elements, elements)))
            args.append(arg)
        return node.with_changes(args=recomma(node.args, args))

    @staticmethod
    def _listed(value: cst.BaseExpression, codes: set[str]) -> bool:
        if not (isinstance(value, cst.Call) and value.args):
            return False
        func = _code(value.func).split(".")[-1]
        return func in ("Depends", "Security") and _code(value.args[0].value) in codes


def recomma(before: list | tuple, kept: list) -> list:
    """`kept` (a subsequence of `before`) with the last element keeping the comma the last one of
    `before` had: a trailing comma stays, a dropped last element leaves no dangling comma."""
    if not kept or len(kept) == len(before):
        return list(kept)
    last_comma = before[-1].comma
    return [*kept[:-1], kept[-1].with_changes(comma=last_comma)]
