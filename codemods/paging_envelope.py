"""Give a list envelope class a field for the next page's cursor, after its last field.

Before (`next_cursor`, `str | None`, `None`):
    class OrdersPublic(SQLModel):
        data: list[OrderPublic]
        count: int
After:
    class OrdersPublic(SQLModel):
        data: list[OrderPublic]
        count: int
        next_cursor: str | None = None
"""

from __future__ import annotations

import libcst as cst


class EnvelopeField(cst.CSTTransformer):
    """The class `envelope` gains `name: annotation = default` after its last annotated field,
    unless it has one of that name; `added` says whether it did."""

    def __init__(self, envelope: str, name: str, annotation: str, default: str):
        super().__init__()
        self.envelope, self.name, self.annotation, self.default = envelope, name, annotation, default
        self.added = False
        self.found = False

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if original.name.value != self.envelope or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        self.found = True
        body = list(updated.body.body)
        fields = [
            i for i, s in enumerate(body)
            if isinstance(s, cst.SimpleStatementLine) and isinstance(s.body[0], cst.AnnAssign)
        ]
        if any(isinstance(body[i].body[0].target, cst.Name) and body[i].body[0].target.value == self.name for i in fields):
            return updated
        line = cst.parse_statement(f"{self.name}: {self.annotation} = {self.default}\n")
        at = fields[-1] + 1 if fields else len(body)
        self.added = True
        return updated.with_changes(body=updated.body.with_changes(body=[*body[:at], line, *body[at:]]))


class DropEnvelopeField(cst.CSTTransformer):
    """The class `envelope` loses its field `name` (a cursor the list no longer hands back);
    `dropped` says whether it did.

    Before: `next_cursor: int | None` in `OrderListResponse`  After: no such line
    """

    def __init__(self, envelope: str, name: str):
        super().__init__()
        self.envelope, self.name = envelope, name
        self.dropped = False

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if original.name.value != self.envelope or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        body = [s for s in updated.body.body if not self._is_field(s)]
        self.dropped = len(body) != len(updated.body.body)
        return updated.with_changes(body=updated.body.with_changes(body=body))

    def _is_field(self, s) -> bool:
        return (
            isinstance(s, cst.SimpleStatementLine)
            and isinstance(s.body[0], cst.AnnAssign)
            and isinstance(s.body[0].target, cst.Name)
            and s.body[0].target.value == self.name
        )
