"""The key as a field of the classes a create hands the data access (the payload it stores).

Before:
    class ReviewCreateInternal(ReviewCreate):
        pass
After (`KeyField("post_id", "int", {"ReviewCreateInternal"})`):
    class ReviewCreateInternal(ReviewCreate):
        post_id: int
A class that has the field already is left alone; `added` names the classes given it.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m


class KeyField(cst.CSTTransformer):
    """`key: annotation` as the last field of each class named in `classes`."""

    def __init__(self, key: str, annotation: str, classes: set[str]) -> None:
        super().__init__()
        self.key, self.annotation, self.classes = key, annotation, classes
        self.added: set[str] = set()

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        name = updated.name.value
        if name not in self.classes or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        body = list(updated.body.body)
        if any(
            m.matches(s, m.SimpleStatementLine([m.AnnAssign(target=m.Name(self.key))]))
            for s in body
        ):
            return updated
        if len(body) == 1 and m.matches(body[0], m.SimpleStatementLine([m.Pass()])):
            body = []
        fields = [
            i
            for i, s in enumerate(body)
            if m.matches(s, m.SimpleStatementLine([m.AnnAssign() | m.Assign() | m.Expr()]))
        ]
        at = fields[-1] + 1 if fields else 0  # after the fields and docstring, before methods
        body.insert(at, cst.parse_statement(f"{self.key}: {self.annotation}\n"))
        self.added.add(name)
        return updated.with_changes(body=updated.body.with_changes(body=body))
