"""Index filtered columns in the resource's own Alembic revision, as the model now does.

Before (table `orders`, columns `total`):
    def upgrade() -> None:
        op.create_table("orders", ...)
        op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)

    def downgrade() -> None:
        op.drop_index(op.f("ix_orders_status"), table_name="orders")
        op.drop_table("orders")
After:
    def upgrade() -> None:
        op.create_table("orders", ...)
        op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)
        op.create_index(op.f("ix_orders_total"), "orders", ["total"], unique=False)

    def downgrade() -> None:
        op.drop_index(op.f("ix_orders_total"), table_name="orders")
        op.drop_index(op.f("ix_orders_status"), table_name="orders")
        op.drop_table("orders")
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m


class RevisionIndexes(cst.CSTTransformer):
    """In `upgrade()`, `op.create_index` for each of `columns` of `table` not indexed alone yet
    (after the table's last operation); in `downgrade()`, the matching `op.drop_index` first."""

    def __init__(self, table: str, columns: tuple[str, ...]):
        super().__init__()
        self.table, self.columns = table, columns
        self.added: list[str] = []

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        if updated.name.value not in ("upgrade", "downgrade") or not isinstance(
            updated.body, cst.IndentedBlock
        ):
            return updated
        statements = list(updated.body.body)
        code = cst.Module([]).code_for_node(updated)
        named = "op.f(" in code  # the revision names its indexes through the naming convention
        missing = [c for c in self.columns if f'["{c}"]' not in code and f"['{c}']" not in code]
        if updated.name.value == "upgrade":
            missing = [c for c in missing if f'"{self.table}"' in code]
            at = max((i + 1 for i, s in enumerate(statements) if self._on_table(s)), default=None)
            if at is None or not missing:
                return updated
            new = [
                self._statement(
                    f'op.create_index({self._name(c, named)}, "{self.table}", ["{c}"], unique=False)'
                )
                for c in missing
            ]
            self.added += missing
            statements[at:at] = new
        else:
            wanted = [c for c in self.added if f'ix_{self.table}_{c}"' not in code]
            if not wanted:
                return updated
            at = next((i for i, s in enumerate(statements) if self._on_table(s)), 0)
            new = [
                self._statement(f'op.drop_index({self._name(c, named)}, table_name="{self.table}")')
                for c in reversed(wanted)
            ]
            statements[at:at] = new
        return updated.with_changes(body=updated.body.with_changes(body=statements))

    def _name(self, column: str, named: bool) -> str:
        name = f'"ix_{self.table}_{column}"'
        return f"op.f({name})" if named else name

    def _on_table(self, stmt: cst.CSTNode) -> bool:
        """An `op.` call naming the table: create_table, create_index, drop_index, drop_table."""
        call = m.SimpleStatementLine(
            body=[m.Expr(value=m.Call(func=m.Attribute(value=m.Name("op"))))]
        )
        return m.matches(stmt, call) and f'"{self.table}"' in cst.Module([]).code_for_node(stmt)

    @staticmethod
    def _statement(code: str) -> cst.SimpleStatementLine:
        statement = cst.parse_statement(code + "\n")
        assert isinstance(statement, cst.SimpleStatementLine)  # one call
        return statement
