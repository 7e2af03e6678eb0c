"""A row read by a dependency of the clone's is read under its parent there.

Before:
    async def valid_review_id(review_id: int, service: ReviewService = Depends(get_review_service)) -> Review:
        review = await service.get(review_id)
        if review is None:
            raise ReviewNotFound()
        return review
After (`ScopeRowDependency({"valid_review_id"}, <item_id: int>)`):
    async def valid_review_id(item_id: int, review_id: int, service: ... = Depends(...)) -> Review:
        review = await service.get(review_id)
        if review is None or review.item_id != item_id:
            raise ReviewNotFound()
        return review
FastAPI fills the new parameter from the path, as it does the row's. A function named here
without such a check is left in `missing`.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.nesting.routes import insert_param, scope_row


class ScopeRowDependency(cst.CSTTransformer):
    """The key as the first parameter of each named dependency, and its row checked against it."""

    def __init__(self, functions: set[str], key_param: cst.Param) -> None:
        super().__init__()
        self.functions, self.key_param = functions, key_param
        self.key = key_param.name.value
        self.missing = set(functions)

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        name = updated.name.value
        if name not in self.functions:
            return updated
        params = updated.params
        if any(p.name.value == self.key for p in params.params):
            self.missing.discard(name)
            return updated
        read_by = {p.name.value for p in params.params if p.default is None}
        body, scoped = scope_row(list(updated.body.body), read_by, self.key)
        if not scoped:
            return updated
        self.missing.discard(name)
        params = params.with_changes(params=insert_param(list(params.params), 0, self.key_param))
        return updated.with_changes(params=params, body=updated.body.with_changes(body=body))
