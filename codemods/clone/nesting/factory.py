"""The clone's test helper making a row makes it under a parent row: one it is given, or a new one.

Before:
    def create_random_review(db: Session) -> Review:
        review_in = ReviewCreate(rating=3)
        return crud.create_review(session=db, review_in=review_in)
After (`ParentForFactory("create_random_review", "item", "Item", "create_random_item(db)",
"item_id", {"create_review"}, "Review")`):
    def create_random_review(db: Session, item: Item | None = None) -> Review:
        if item is None:
            item = create_random_item(db)
        review_in = ReviewCreate(rating=3)
        return crud.create_review(session=db, review_in=review_in, item_id=item.id)
The key goes to the first call of a function taking it (`takes_key`) or building the row;
`found` says whether there was one.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.nesting.build import builds_row, callee, with_key
from codemods.docstrings import is_docstring


class ParentForFactory(cst.CSTTransformer):
    """The helper `name` takes an optional parent row and builds its row under it."""

    def __init__(
        self,
        name: str,
        parent: str,
        annotation: str | None,
        make_parent: str,
        key: str,
        takes_key: set[str],
        model: str,
    ) -> None:
        super().__init__()
        self.name, self.parent, self.annotation = name, parent, annotation
        self.make_parent, self.key, self.takes_key, self.model = make_parent, key, takes_key, model
        self.found = False
        self._depth = 0
        self._inside = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._depth += 1
        if self._depth == 1:
            self._inside = node.name.value == self.name and not any(
                p.name.value == self.parent
                for p in (*node.params.params, *node.params.kwonly_params)
            )  # once: a second run finds the parameter there

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not self._inside or self.found:
            return updated
        if callee(updated) in self.takes_key or builds_row(updated, self.model):
            self.found = True
            return with_key(updated, self.model, self.key, f"{self.parent}.id")
        return updated

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        self._depth -= 1
        if self._depth or not self._inside:
            return updated
        self._inside = False
        typed = any(
            p.annotation is not None
            for p in (*updated.params.params, *updated.params.kwonly_params)
        )
        annotation = (
            cst.Annotation(cst.parse_expression(f"{self.annotation} | None"))
            if typed and self.annotation
            else None
        )
        param = cst.Param(
            cst.Name(self.parent),
            annotation,
            default=cst.Name("None"),
            equal=cst.AssignEqual(cst.SimpleWhitespace(" "), cst.SimpleWhitespace(" "))
            if annotation
            else cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        keyword_only = not updated.params.params and bool(updated.params.kwonly_params)
        params = list(updated.params.kwonly_params if keyword_only else updated.params.params)
        if params:
            params[-1] = params[-1].with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
        params.append(param)
        made = cst.parse_statement(
            f"if {self.parent} is None:\n    {self.parent} = {self.make_parent}\n"
        )
        body = list(updated.body.body)
        at = 1 if body and is_docstring(body[0]) else 0
        body.insert(at, made)
        return updated.with_changes(
            params=updated.params.with_changes(
                **{"kwonly_params" if keyword_only else "params": params}
            ),
            body=updated.body.with_changes(body=body),
        )

