"""Module-level helpers finding a row of the resource take the owner's key and answer as for a
missing row (OwnerRoutes passes it from the signed-in user).

Before:
    def _get_or_404(repo: OrderRepo, order_id: uuid.UUID) -> Order:
        order = repo.get(order_id)
        if order is None:
            raise HTTPException(404)
After (`ScopeRowHelpers("owner_id", "uuid.UUID", "Order")`; helpers returning another model are left alone):
    def _get_or_404(repo: OrderRepo, order_id: uuid.UUID, owner_id: uuid.UUID) -> Order:
        order = repo.get(order_id)
        if order is None or order.owner_id != owner_id:
            raise HTTPException(404)
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.routes import _route, insert_param
from codemods.owner_routes import scope_row_to


class ScopeRowHelpers(cst.CSTTransformer):
    """The helpers of the module finding a row of `model`, scoped; `scoped` names them."""

    def __init__(self, key: str, annotation: str | None, model: str) -> None:
        super().__init__()
        self.key, self.annotation, self.model = key, annotation, model
        self.scoped: set[str] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        returns = updated.returns.annotation if updated.returns is not None else None
        if _route(updated) is not None or returns is None or not m.matches(returns, m.Name(self.model) | m.Attribute(attr=m.Name(self.model))):
            return updated  # a route, or a helper finding another model's row
        names = {p.name.value for p in (*updated.params.params, *updated.params.kwonly_params)}
        if self.key in names:
            self.scoped.add(updated.name.value)
            return updated
        body, scoped = scope_row_to(list(updated.body.body), names, self.key, self.key)
        if not scoped:
            return updated
        self.scoped.add(updated.name.value)
        typed = any(p.annotation is not None for p in updated.params.params)
        param = cst.Param(cst.Name(self.key), cst.Annotation(cst.parse_expression(self.annotation)) if self.annotation and typed else None)
        params = insert_param(list(updated.params.params), len(updated.params.params), param)
        return updated.with_changes(body=updated.body.with_changes(body=body), params=updated.params.with_changes(params=params))
