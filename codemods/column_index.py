"""Index the columns a list route filters on: `index=True` on their column calls.

Before (classes `Order`, columns `status`, `total`; column call `Field`):
    class Order(Base):
        status = Column(String(20), nullable=False)
        total: Decimal = 0
After:
    class Order(Base):
        status = Column(String(20), nullable=False, index=True)
        total: Decimal = Field(default=0, index=True)
"""

from __future__ import annotations

import libcst as cst

from codemods.function_params import appended

_INDEX = cst.Arg(
    keyword=cst.Name("index"),
    value=cst.Name("True"),
    equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
)


class ColumnIndex(cst.CSTTransformer):
    """`index=True` on the call assigned to each of `columns` in the classes `classes` (the model
    and the bases declaring its fields): `mapped_column(...)`, `Column(...)`, SQLModel's
    `Field(...)`. A field with a plain default, or none, gets `column_call` (the call its sibling
    columns use) made for it. An index there already stays."""

    def __init__(
        self, classes: tuple[str, ...], columns: tuple[str, ...], column_call: str | None = None
    ):
        super().__init__()
        self.classes, self.columns, self.column_call = classes, columns, column_call
        self.depth = 0  # inside one of the classes
        self.indexed: set[str] = set()  # columns found (indexed now or before)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.depth += node.name.value in self.classes

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        self.depth -= original.name.value in self.classes
        return updated

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        return self._indexed(updated, target)

    def leave_AnnAssign(self, original: cst.AnnAssign, updated: cst.AnnAssign) -> cst.AnnAssign:
        return self._indexed(updated, updated.target)

    def _indexed(self, stmt, target):
        if not self.depth or not isinstance(target, cst.Name) or target.value not in self.columns:
            return stmt
        call = stmt.value
        if not isinstance(call, cst.Call):
            if self.column_call is None or not isinstance(stmt, cst.AnnAssign):
                return stmt
            default = (
                []
                if call is None
                else [cst.Arg(keyword=cst.Name("default"), value=call, equal=_INDEX.equal)]
            )
            self.indexed.add(target.value)
            made = cst.Call(
                func=cst.parse_expression(self.column_call), args=appended(default, _INDEX)
            )
            equal = stmt.equal if isinstance(stmt.equal, cst.AssignEqual) else cst.AssignEqual()
            return stmt.with_changes(value=made, equal=equal)
        self.indexed.add(target.value)
        if any(
            a.keyword is not None and a.keyword.value == "index" and _is_true(a.value)
            for a in call.args
        ):
            return stmt
        args = [a for a in call.args if not (a.keyword is not None and a.keyword.value == "index")]
        return stmt.with_changes(value=call.with_changes(args=appended(args, _INDEX)))


def _is_true(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "True"
