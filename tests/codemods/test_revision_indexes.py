"""RevisionIndexes: the filtered columns indexed in the revision creating the table."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.revision_indexes import RevisionIndexes


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, table: str, columns: tuple[str, ...]) -> str:
    after = cst.parse_module(code(before)).visit(RevisionIndexes(table, columns)).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


REVISION = """\
    def upgrade() -> None:
        op.create_table("orders", sa.Column("id", sa.Integer()), sa.Column("total", sa.Numeric()))
        op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)


    def downgrade() -> None:
        op.drop_index(op.f("ix_orders_status"), table_name="orders")
        op.drop_table("orders")
"""


def test_another_table_is_left_alone() -> None:
    assert changed(REVISION, "items", ("total",)) == code(REVISION)


def test_an_indexed_column_is_left_alone() -> None:
    assert changed(REVISION, "orders", ("status",)) == code(REVISION)


def test_the_index_is_created_and_dropped() -> None:
    assert changed(REVISION, "orders", ("status", "total")) == code(
        """\
        def upgrade() -> None:
            op.create_table("orders", sa.Column("id", sa.Integer()), sa.Column("total", sa.Numeric()))
            op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)
            op.create_index(op.f("ix_orders_total"), "orders", ["total"], unique=False)


        def downgrade() -> None:
            op.drop_index(op.f("ix_orders_total"), table_name="orders")
            op.drop_index(op.f("ix_orders_status"), table_name="orders")
            op.drop_table("orders")
        """
    )


def test_a_revision_without_op_f_names_its_index_plainly() -> None:
    before = """\
        def upgrade():
            op.create_table("orders", sa.Column("total", sa.Numeric()))


        def downgrade():
            op.drop_table("orders")
    """
    after = changed(before, "orders", ("total",))
    assert 'op.create_index("ix_orders_total", "orders", ["total"], unique=False)' in after
    assert (
        'op.drop_index("ix_orders_total", table_name="orders")\n    op.drop_table("orders")'
        in after
    )
