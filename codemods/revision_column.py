"""A column added to the table a cloned Alembic revision creates, right after its first column.

Before:
    op.create_table("orders", sa.Column("id", sa.Integer(), nullable=False), sa.Column("total", ...))
After (`RevisionColumn("orders", "owner_id", 'sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False)')`):
    op.create_table("orders", sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False), sa.Column("total", ...))
`added` says whether the table was found without the column.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m


class RevisionColumn(cst.CSTTransformer):
    """`column` (code) into `op.create_table(table, ...)`, once."""

    def __init__(self, table: str, name: str, column: str) -> None:
        super().__init__()
        self.table, self.name, self.column = table, name, cst.parse_expression(column)
        self.added = False

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not m.matches(updated.func, m.Attribute(attr=m.Name("create_table"))) or not updated.args:
            return updated
        first = updated.args[0].value
        if not (isinstance(first, cst.SimpleString) and first.evaluated_value == self.table):
            return updated
        columns = [i for i, a in enumerate(updated.args) if m.matches(a.value, m.Call(func=m.Name("Column") | m.Attribute(attr=m.Name("Column"))))]
        for i in columns:
            column = updated.args[i].value
            name = column.args[0].value if isinstance(column, cst.Call) and column.args else None
            if isinstance(name, cst.SimpleString) and name.evaluated_value == self.name:
                return updated
        if not columns:
            return updated
        at = columns[0] + 1
        args = list(updated.args)
        args.insert(at, cst.Arg(self.column, comma=args[columns[0]].comma))
        self.added = True
        return updated.with_changes(args=args)
