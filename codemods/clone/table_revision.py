"""The part of a shared Alembic revision that is one table's: the exemplar's own migration.

A project whose first revision creates every table (`initialize models`) has no revision for
the exemplar alone. Keeping, in `upgrade()` and `downgrade()`, only the operations on the
exemplar's table gives one, which the chain then clones like any exemplar revision.

Before (table "item"):                        After:
    def upgrade():                                def upgrade():
        op.create_table("user", ...)                  op.create_table("item", ...)
        op.create_table("item", ...)
    def downgrade():                              def downgrade():
        op.drop_table("item")                         op.drop_table("item")
        op.drop_table("user")
"""

from __future__ import annotations

import libcst as cst


class KeepTable(cst.CSTTransformer):
    def __init__(self, table: str):
        super().__init__()
        self.table = table

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if updated.name.value not in ("upgrade", "downgrade") or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        kept = [s for s in updated.body.body if _on_table(s, self.table)]
        if updated.name.value == "downgrade" and not any("drop_table" in _code(s) for s in kept):
            kept.append(cst.parse_statement(f'op.drop_table("{self.table}")'))
        kept = [s.with_changes(leading_lines=()) if i == 0 else s for i, s in enumerate(kept)]
        return updated.with_changes(body=updated.body.with_changes(body=kept or [cst.parse_statement("pass")]))


def _on_table(stmt: cst.CSTNode, table: str) -> bool:
    """An operation whose table argument (first positional, or `table_name=`) is `table`."""
    finder = _TableArgument(table)
    stmt.visit(finder)
    return finder.found


class _TableArgument(cst.CSTVisitor):
    def __init__(self, table: str):
        self.table, self.found = table, False

    def visit_Call(self, node: cst.Call) -> bool:
        func = _code(node.func)
        if not func.startswith("op."):
            return True
        for i, arg in enumerate(node.args):
            value = arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
            named = arg.keyword is not None and arg.keyword.value == "table_name"
            # create_table/drop_table name it first, create_index second, drop_index by keyword
            if value == self.table and (named or (arg.keyword is None and i <= 1)):
                self.found = True
        return False


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)
