"""Rows the tests' fixtures make belong to the user the tests sign in as.

Before:
    @pytest_asyncio.fixture
    async def order(db_session: AsyncSession) -> Order:
        order = Order(total=Decimal("12.50"))
After (`OwnedRows("Order", "owner_id", "normal_user", "User")`):
    @pytest_asyncio.fixture
    async def order(db_session: AsyncSession, normal_user: User) -> Order:
        order = Order(total=Decimal("12.50"), owner_id=normal_user.id)
A row given its owner already is left alone; `owned` names the fixtures changed.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.build import builds_row, with_key
from codemods.clone.nesting.routes import insert_param


class OwnedRows(cst.CSTTransformer):
    """Each fixture function building a `model` row takes `user` and sets `key` from it."""

    def __init__(self, model: str, key: str, user: str, annotation: str | None) -> None:
        super().__init__()
        self.model, self.key, self.user, self.annotation = model, key, user, annotation
        self.owned: list[str] = []

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if not any(m.matches(d.decorator, m.Call(func=m.Attribute(attr=m.Name("fixture"))) | m.Attribute(attr=m.Name("fixture")) | m.Name("fixture")) for d in updated.decorators):
            return updated
        model, key, value = self.model, self.key, f"{self.user}.id"
        built = False

        class _Own(cst.CSTTransformer):
            def leave_Call(self, original: cst.Call, call: cst.Call) -> cst.Call:
                nonlocal built
                if builds_row(call, model):
                    built = True
                    return with_key(call, model, key, value)
                return call

        body = updated.body.visit(_Own())
        if not built or body.deep_equals(updated.body):
            return updated
        params = list(updated.params.params)
        if not any(p.name.value == self.user for p in params):
            annotation = cst.Annotation(cst.parse_expression(self.annotation)) if self.annotation and any(p.annotation for p in params) else None
            params = insert_param(params, len(params), cst.Param(cst.Name(self.user), annotation))
        self.owned.append(updated.name.value)
        return updated.with_changes(body=body, params=updated.params.with_changes(params=params))
