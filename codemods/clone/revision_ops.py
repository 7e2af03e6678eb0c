"""A cloned Alembic revision creates what the added fields need beyond their columns.

An added enum or foreign key column is indexed in the model (`index=True`), so the revision
creates that index in `upgrade()` (a unique one where the field is unique) and drops it in
`downgrade()`; an added enum's type is dropped after its table (PostgreSQL keeps it otherwise,
and the next upgrade fails on `CREATE TYPE`). A unique column without an index gets its
constraint among the table's (`FieldEdits`).

Before:                                       After:
    def upgrade():                                def upgrade():
        op.create_table("orders", ...)                op.create_table("orders", ...)
                                                      op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)
    def downgrade():                              def downgrade():
        op.drop_table("orders")                       op.drop_index(op.f("ix_orders_status"), table_name="orders")
                                                      op.drop_table("orders")
                                                      sa.Enum(name="orderstatus").drop(op.get_bind(), checkfirst=True)
"""

from __future__ import annotations

import re

import libcst as cst

from codemods.clone.field_code import enum_class_name
from codemods.names import ResourceNames
from codemods.spec import FieldSpec


class RevisionOps(cst.CSTTransformer):
    def __init__(self, names: ResourceNames, added: tuple[FieldSpec, ...], sa_prefix: str):
        super().__init__()
        self.names, self.sa = names, sa_prefix or "sa"
        self.indexed = [f for f in added if f.type in ("enum", "fk")]
        self.enums = [f for f in added if f.type == "enum"]
        self.table: str | None = None

    def visit_Call(self, node: cst.Call) -> None:
        code = cst.Module(body=[]).code_for_node(node.func)
        if code == "op.create_table" and node.args and isinstance(node.args[0].value, cst.SimpleString):
            self.table = self.table or node.args[0].value.evaluated_value

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if self.table is None or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        body = list(updated.body.body)
        t = self.table
        if updated.name.value == "upgrade":
            at = _last(body, ("op.create_table", "op.create_index")) + 1
            new = [
                f'op.create_index(op.f("ix_{t}_{f.column_name}"), "{t}", ["{f.column_name}"], unique={f.unique})'
                for f in self.indexed
            ]
        elif updated.name.value == "downgrade":
            at = 0
            new = [f'op.drop_index(op.f("ix_{t}_{f.column_name}"), table_name="{t}")' for f in self.indexed]
            drop = _last(body, ("op.drop_table",))
            enums = [
                f'{self.sa}.Enum(name="{enum_class_name(self.names, f).lower()}").drop(op.get_bind(), checkfirst=True)'
                for f in self.enums
            ]
            present = {cst.Module(body=[]).code_for_node(s).strip() for s in body}
            body[drop + 1 : drop + 1] = [cst.parse_statement(c) for c in enums if c not in present]
        else:
            return updated
        present = {cst.Module(body=[]).code_for_node(s).strip() for s in body}
        body[at:at] = [cst.parse_statement(c) for c in new if c not in present]
        return updated.with_changes(body=updated.body.with_changes(body=body))


def _last(body: list, calls: tuple[str, ...]) -> int:
    found = -1
    for i, stmt in enumerate(body):
        code = cst.Module(body=[]).code_for_node(stmt).strip()
        if any(re.match(rf"{re.escape(c)}\(", code) for c in calls):
            found = i
    return found
