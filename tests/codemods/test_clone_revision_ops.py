"""RevisionOps: a cloned revision creates the indexes and drops the enum types of added fields."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.revision_ops import RevisionOps
from codemods.spec import parse_resource


def code(text: str) -> str:
    return textwrap.dedent(text)


def revision_ops(before: str, fields: tuple[str, ...], sa_prefix: str = "sa") -> str:
    """The revision of a clone named Order that added `fields` (spec grammar)."""
    spec = parse_resource("Order", fields)
    transformer = RevisionOps(spec.names, spec.fields, sa_prefix)
    return cst.parse_module(code(before)).visit(transformer).code


REVISION = """\
    def upgrade():
        op.create_table(
            "orders",
            sa.Column("id", sa.Integer(), nullable=False),
        )
        op.create_index(op.f("ix_orders_id"), "orders", ["id"], unique=False)


    def downgrade():
        op.drop_index(op.f("ix_orders_id"), table_name="orders")
        op.drop_table("orders")
"""


def test_an_added_enum_is_indexed_and_its_type_dropped_after_the_table() -> None:
    after = """\
        def upgrade():
            op.create_table(
                "orders",
                sa.Column("id", sa.Integer(), nullable=False),
            )
            op.create_index(op.f("ix_orders_id"), "orders", ["id"], unique=False)
            op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)


        def downgrade():
            op.drop_index(op.f("ix_orders_status"), table_name="orders")
            op.drop_index(op.f("ix_orders_id"), table_name="orders")
            op.drop_table("orders")
            sa.Enum(name="orderstatus").drop(op.get_bind(), checkfirst=True)
    """
    assert revision_ops(REVISION, ("status:enum[pending,paid]", "note:text?")) == code(after)


def test_an_added_foreign_key_is_indexed_by_its_column_name() -> None:
    after = """\
        def upgrade():
            op.create_table(
                "orders",
                sa.Column("id", sa.Integer(), nullable=False),
            )
            op.create_index(op.f("ix_orders_id"), "orders", ["id"], unique=False)
            op.create_index(op.f("ix_orders_customer_id"), "orders", ["customer_id"], unique=False)


        def downgrade():
            op.drop_index(op.f("ix_orders_customer_id"), table_name="orders")
            op.drop_index(op.f("ix_orders_id"), table_name="orders")
            op.drop_table("orders")
    """
    assert revision_ops(REVISION, ("customer:fk[Customer]",)) == code(after)


def test_the_index_goes_right_after_the_create_table_when_there_is_no_other_index() -> None:
    before = """\
        def upgrade():
            op.create_table("orders", sa.Column("id", sa.Integer()))
            op.execute("SELECT 1")


        def downgrade():
            op.drop_table("orders")
    """
    after = """\
        def upgrade():
            op.create_table("orders", sa.Column("id", sa.Integer()))
            op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)
            op.execute("SELECT 1")


        def downgrade():
            op.drop_index(op.f("ix_orders_status"), table_name="orders")
            op.drop_table("orders")
            sa.Enum(name="orderstatus").drop(op.get_bind(), checkfirst=True)
    """
    assert revision_ops(before, ("status:enum[pending,paid]",)) == code(after)


def test_several_added_fields_keep_their_spec_order() -> None:
    before = """\
        def upgrade():
            op.create_table("orders", sa.Column("id", sa.Integer()))


        def downgrade():
            op.drop_table("orders")
    """
    after = """\
        def upgrade():
            op.create_table("orders", sa.Column("id", sa.Integer()))
            op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)
            op.create_index(op.f("ix_orders_kind"), "orders", ["kind"], unique=False)


        def downgrade():
            op.drop_index(op.f("ix_orders_status"), table_name="orders")
            op.drop_index(op.f("ix_orders_kind"), table_name="orders")
            op.drop_table("orders")
            sa.Enum(name="orderstatus").drop(op.get_bind(), checkfirst=True)
            sa.Enum(name="orderkind").drop(op.get_bind(), checkfirst=True)
    """
    assert revision_ops(before, ("status:enum[pending,paid]", "kind:enum[a,b]")) == code(after)


def test_the_enum_type_is_dropped_through_the_modules_sqlalchemy_prefix() -> None:
    before = """\
        def upgrade():
            op.create_table("orders", sqlalchemy.Column("id", sqlalchemy.Integer()))


        def downgrade():
            op.drop_table("orders")
    """
    after = """\
        def upgrade():
            op.create_table("orders", sqlalchemy.Column("id", sqlalchemy.Integer()))
            op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)


        def downgrade():
            op.drop_index(op.f("ix_orders_status"), table_name="orders")
            op.drop_table("orders")
            sqlalchemy.Enum(name="orderstatus").drop(op.get_bind(), checkfirst=True)
    """
    assert revision_ops(before, ("status:enum[pending,paid]",), "sqlalchemy") == code(after)


def test_no_sqlalchemy_prefix_means_sa() -> None:
    before = """\
        def upgrade():
            op.create_table("orders")


        def downgrade():
            op.drop_table("orders")
    """
    after = """\
        def upgrade():
            op.create_table("orders")
            op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)


        def downgrade():
            op.drop_index(op.f("ix_orders_status"), table_name="orders")
            op.drop_table("orders")
            sa.Enum(name="orderstatus").drop(op.get_bind(), checkfirst=True)
    """
    assert revision_ops(before, ("status:enum[pending,paid]",), "") == code(after)


def test_an_index_the_revision_already_has_is_not_added_again() -> None:
    before = """\
        def upgrade():
            op.create_table("orders", sa.Column("id", sa.Integer()))
            op.create_index(op.f("ix_orders_customer_id"), "orders", ["customer_id"], unique=False)


        def downgrade():
            op.drop_index(op.f("ix_orders_customer_id"), table_name="orders")
            op.drop_table("orders")
    """
    assert revision_ops(before, ("customer:fk[Customer]",)) == code(before)


def test_nothing_is_added_when_no_added_field_is_an_enum_or_foreign_key() -> None:
    assert revision_ops(REVISION, ("total:decimal", "note:text?", "code:str!")) == code(REVISION)


def test_nothing_is_added_to_a_revision_that_creates_no_table() -> None:
    before = """\
        def upgrade():
            op.add_column("orders", sa.Column("status", sa.String()))


        def downgrade():
            op.drop_column("orders", "status")
    """
    assert revision_ops(before, ("status:enum[pending,paid]",)) == code(before)


def test_functions_other_than_upgrade_and_downgrade_are_untouched() -> None:
    before = """\
        def upgrade():
            op.create_table("orders")


        def helper():
            op.drop_table("orders")
    """
    after = """\
        def upgrade():
            op.create_table("orders")
            op.create_index(op.f("ix_orders_status"), "orders", ["status"], unique=False)


        def helper():
            op.drop_table("orders")
    """
    assert revision_ops(before, ("status:enum[pending,paid]",)) == code(after)
