"""Nested data access: the clone's create and list functions take the parent's key.

Before:
    async def list_reviews(db: AsyncSession, *, limit: int) -> list[Review]:
        return list(await db.scalars(select(Review).limit(limit)))

    async def create_review(db: AsyncSession, data: ReviewCreate) -> Review:
        review = Review(**data.model_dump())
After (`ScopeQueries({"create_review"}, {"list_reviews"}, "item_id", "int", "Review")`):
    async def list_reviews(db: AsyncSession, *, limit: int, item_id: int) -> list[Review]:
        return list(await db.scalars(select(Review).where(Review.item_id == item_id).limit(limit)))

    async def create_review(db: AsyncSession, data: ReviewCreate, *, item_id: int) -> Review:
        review = Review(item_id=item_id, **data.model_dump())
A row built by `Review.model_validate(data, update={...})` gets the key in that dict instead.
`select(Review)` gains `.where(...)`, `db.query(Review)` gains `.filter(...)`, and
`.select_from(Review)` (a count) gains `.where(...)` too. A function named here that builds no
model or queries no table is left in `missing`.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.nesting.build import builds_row, callee, with_key


class ScopeQueries(cst.CSTTransformer):
    """The key as a keyword-only parameter, passed to the model built or the query filtered."""

    def __init__(
        self, create: set[str], listing: set[str], key: str, annotation: str | None, model: str
    ) -> None:
        super().__init__()
        self.create, self.listing = create, listing
        self.key, self.annotation, self.model = key, annotation, model
        self.missing = set(create) | set(listing)
        self._inside: list[str] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._inside.append(node.name.value)

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        name = self._inside.pop()
        if name not in self.create and name not in self.listing:
            return updated
        if any(
            p.name.value == self.key
            for p in (*updated.params.params, *updated.params.kwonly_params)
        ):
            self.missing.discard(name)
            return updated
        annotation = (
            cst.Annotation(cst.parse_expression(self.annotation))
            if self.annotation and _typed(updated)
            else None
        )
        param = cst.Param(cst.Name(self.key), annotation)
        params = updated.params
        star = (
            params.star_arg
            if not isinstance(params.star_arg, cst.MaybeSentinel)
            else cst.ParamStar()
        )
        return updated.with_changes(
            params=params.with_changes(star_arg=star, kwonly_params=[*params.kwonly_params, param])
        )

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if not self._inside:
            return updated
        name = self._inside[-1]
        called = callee(updated)
        if name in self.create and self.builds(updated):
            self.missing.discard(name)
            return with_key(updated, self.model, self.key)
        if (
            name in self.listing
            and len(updated.args) == 1
            and self.names_model(updated.args[0].value)
        ):
            method = {"select": "where", "query": "filter", "select_from": "where"}.get(
                called or ""
            )
            if method is None:
                return updated
            self.missing.discard(name)
            column = cst.Attribute(updated.args[0].value, cst.Name(self.key))
            test = cst.Comparison(column, [cst.ComparisonTarget(cst.Equal(), cst.Name(self.key))])
            return cst.Call(cst.Attribute(updated, cst.Name(method)), [cst.Arg(test)])
        return updated

    def builds(self, call: cst.Call) -> bool:
        """Whether the call builds a row of the model (a subclass knows more spellings of it)."""
        return builds_row(call, self.model)

    def names_model(self, node: cst.BaseExpression) -> bool:
        """Whether the expression is the model itself (a subclass knows more spellings of it)."""
        return _names_model(node, self.model)


def _names_model(node: cst.BaseExpression, model: str) -> bool:
    """`Review` or `models.Review`."""
    if isinstance(node, cst.Name):
        return node.value == model
    return isinstance(node, cst.Attribute) and node.attr.value == model


def _typed(node: cst.FunctionDef) -> bool:
    """Whether the function annotates its parameters (then the new one is annotated too)."""
    params = [
        p
        for p in (*node.params.params, *node.params.kwonly_params)
        if p.name.value not in ("self", "cls")
    ]
    return any(p.annotation is not None for p in params)
