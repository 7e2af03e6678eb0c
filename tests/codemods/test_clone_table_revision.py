"""KeepTable: of a revision shared by several tables, only the exemplar table's operations."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.table_revision import KeepTable


def code(text: str) -> str:
    return textwrap.dedent(text)


def keep_table(before: str, table: str = "item") -> str:
    return cst.parse_module(code(before)).visit(KeepTable(table)).code


def test_only_the_tables_operations_stay_in_upgrade_and_downgrade() -> None:
    before = """\
        \"\"\"initialize models\"\"\"
        import sqlalchemy as sa
        from alembic import op

        revision = "e2412789c190"


        def upgrade():
            op.create_table(
                "user",
                sa.Column("id", sa.Integer(), nullable=False),
            )
            op.create_index(op.f("ix_user_email"), "user", ["email"], unique=True)
            op.create_table(
                "item",
                sa.Column("id", sa.Integer(), nullable=False),
                sa.ForeignKeyConstraint(["owner_id"], ["user.id"]),
            )
            op.create_index(op.f("ix_item_title"), "item", ["title"], unique=False)


        def downgrade():
            op.drop_index(op.f("ix_item_title"), table_name="item")
            op.drop_table("item")
            op.drop_index(op.f("ix_user_email"), table_name="user")
            op.drop_table("user")
    """
    after = """\
        \"\"\"initialize models\"\"\"
        import sqlalchemy as sa
        from alembic import op

        revision = "e2412789c190"


        def upgrade():
            op.create_table(
                "item",
                sa.Column("id", sa.Integer(), nullable=False),
                sa.ForeignKeyConstraint(["owner_id"], ["user.id"]),
            )
            op.create_index(op.f("ix_item_title"), "item", ["title"], unique=False)


        def downgrade():
            op.drop_index(op.f("ix_item_title"), table_name="item")
            op.drop_table("item")
    """
    assert keep_table(before) == code(after)


def test_create_index_is_kept_by_its_second_positional_argument() -> None:
    before = """\
        def upgrade():
            op.create_index("ix_user_item", "user", ["item"])
            op.create_index("ix_item_title", "item", ["title"])


        def downgrade():
            op.drop_table("item")
    """
    after = """\
        def upgrade():
            op.create_index("ix_item_title", "item", ["title"])


        def downgrade():
            op.drop_table("item")
    """
    assert keep_table(before) == code(after)


def test_drop_index_is_kept_by_its_table_name_keyword() -> None:
    before = """\
        def upgrade():
            op.create_table("item")


        def downgrade():
            op.drop_index("ix_user_item", table_name="user")
            op.drop_index("ix_item_title", table_name="item")
            op.drop_table("item")
    """
    after = """\
        def upgrade():
            op.create_table("item")


        def downgrade():
            op.drop_index("ix_item_title", table_name="item")
            op.drop_table("item")
    """
    assert keep_table(before) == code(after)


def test_a_third_positional_argument_naming_the_table_does_not_keep_the_operation() -> None:
    before = """\
        def upgrade():
            op.create_table("item")
            op.create_foreign_key("fk_user_item", "user", "item", ["item_id"], ["id"])


        def downgrade():
            op.drop_table("item")
    """
    after = """\
        def upgrade():
            op.create_table("item")


        def downgrade():
            op.drop_table("item")
    """
    assert keep_table(before) == code(after)


def test_the_table_named_inside_another_tables_operation_does_not_keep_it() -> None:
    before = """\
        def upgrade():
            op.create_table("item")
            op.add_column("user", sa.Column("item", sa.String()))
            op.execute("UPDATE item SET title = ''")


        def downgrade():
            op.drop_table("item")
    """
    after = """\
        def upgrade():
            op.create_table("item")


        def downgrade():
            op.drop_table("item")
    """
    assert keep_table(before) == code(after)


def test_downgrade_gets_a_drop_table_when_it_has_none_for_the_table() -> None:
    before = """\
        def upgrade():
            op.create_table("item")
            op.create_table("user")


        def downgrade():
            op.drop_index("ix_item_title", table_name="item")
            op.drop_table("user")
    """
    after = """\
        def upgrade():
            op.create_table("item")


        def downgrade():
            op.drop_index("ix_item_title", table_name="item")
            op.drop_table("item")
    """
    assert keep_table(before) == code(after)


def test_an_upgrade_left_with_nothing_is_pass() -> None:
    before = """\
        def upgrade():
            op.create_table("user")


        def downgrade():
            pass
    """
    after = """\
        def upgrade():
            pass


        def downgrade():
            op.drop_table("item")
    """
    assert keep_table(before) == code(after)


def test_the_first_kept_operation_starts_the_body_without_blank_lines() -> None:
    before = """\
        def upgrade():
            # commands auto generated by Alembic - please adjust!
            op.create_table("user")

            op.create_table("item")


        def downgrade():
            op.drop_table("item")
    """
    after = """\
        def upgrade():
            op.create_table("item")


        def downgrade():
            op.drop_table("item")
    """
    assert keep_table(before) == code(after)


def test_other_functions_are_untouched() -> None:
    before = """\
        def upgrade():
            op.create_table("item")


        def downgrade():
            op.drop_table("item")


        def seed():
            op.create_table("user")
    """
    assert keep_table(before) == code(before)
