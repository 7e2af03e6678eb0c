"""The owner column in the resource's model, right after its key.

Before:
    class Order(Base):
        __tablename__ = "orders"

        id: Mapped[int] = mapped_column(primary_key=True)
        total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
After (`OwnerColumn("Order", "owner_id", 'owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)')`):
    class Order(Base):
        __tablename__ = "orders"

        id: Mapped[int] = mapped_column(primary_key=True)
        owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
        total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
A class that has the column already is left alone; `added` says whether it was given it.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m


class OwnerColumn(cst.CSTTransformer):
    """`statement` after the first field of class `model` (its key), once."""

    def __init__(self, model: str, column: str, statement: str) -> None:
        super().__init__()
        self.model, self.column, self.statement = model, column, statement
        self.added = False

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if updated.name.value != self.model or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        body = list(updated.body.body)
        target = m.AnnAssign(target=m.Name(self.column)) | m.Assign(targets=[m.AssignTarget(m.Name(self.column))])
        if any(m.matches(s, m.SimpleStatementLine([target])) for s in body):
            return updated
        fields = [
            i for i, s in enumerate(body)
            if m.matches(s, m.SimpleStatementLine([m.AnnAssign(target=m.Name()) | m.Assign()]))
            and not m.matches(s, m.SimpleStatementLine([m.AnnAssign(target=m.Name(m.MatchIfTrue(lambda v: v.startswith("__")))) | m.Assign(targets=[m.AssignTarget(m.Name(m.MatchIfTrue(lambda v: v.startswith("__"))))])]))
        ]
        at = fields[0] + 1 if fields else len(body)
        body.insert(at, cst.parse_statement(self.statement))
        self.added = True
        return updated.with_changes(body=updated.body.with_changes(body=body))
