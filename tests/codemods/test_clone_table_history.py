"""table_as_altered: the revision creating the exemplar's table, with the table as the later
revisions leave it, so the clone creates the table as it is now and not as it first was."""

from __future__ import annotations

from textwrap import dedent

import pytest

from codemods.clone.table_history import table_as_altered
from codemods.errors import ConventionError

CREATION = dedent('''\
    """create tables"""
    import sqlalchemy as sa
    from alembic import op

    revision = "a1"
    down_revision = None


    def upgrade():
        op.create_table(
            "account",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_table(
            "note",
            sa.Column("body", sa.String(), nullable=True),
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("account_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(op.f("ix_note_body"), "note", ["body"], unique=False)


    def downgrade():
        op.drop_index(op.f("ix_note_body"), table_name="note")
        op.drop_table("note")
        op.drop_table("account")
''')
# integer keys turned into UUIDs, the key to the account remade with CASCADE, a column and an
# index added in a batch, a length given to a string: the moves projects make over time
UUID_KEYS = dedent('''\
    import sqlalchemy as sa
    from alembic import op
    from sqlalchemy.dialects import postgresql


    def upgrade():
        op.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto")
        op.alter_column("note", "body", existing_type=sa.String(), type_=sa.String(length=300), existing_nullable=True)
        op.add_column("note", sa.Column("new_id", postgresql.UUID(as_uuid=True)))
        op.add_column("note", sa.Column("new_account_id", postgresql.UUID(as_uuid=True), nullable=True))
        op.execute("UPDATE note SET new_id = gen_random_uuid()")
        op.alter_column("note", "new_id", nullable=False)
        op.drop_constraint("note_account_id_fkey", "note", type_="foreignkey")
        op.drop_column("note", "account_id")
        op.alter_column("note", "new_account_id", new_column_name="account_id")
        op.drop_column("note", "id")
        op.alter_column("note", "new_id", new_column_name="id")
        op.create_primary_key("note_pkey", "note", ["id"])
        op.create_foreign_key("note_account_id_fkey", "note", "account", ["account_id"], ["id"])
        op.add_column("account", sa.Column("new_id", postgresql.UUID(as_uuid=True)))
''')
CASCADE = dedent('''\
    import sqlalchemy as sa
    from alembic import op


    def upgrade():
        op.alter_column("note", "account_id", existing_type=sa.UUID(), nullable=False)
        op.drop_constraint("note_account_id_fkey", "note", type_="foreignkey")
        op.create_foreign_key(None, "note", "account", ["account_id"], ["id"], ondelete="CASCADE")
        with op.batch_alter_table("note") as batch_op:
            batch_op.add_column(sa.Column("created_at", sa.DateTime(timezone=True), nullable=True))
            batch_op.create_index("ix_note_created_at", ["created_at"], unique=False)
''')
NOW = dedent('''\
    """create tables"""
    import sqlalchemy as sa
    from alembic import op
    from sqlalchemy.dialects import postgresql

    revision = "a1"
    down_revision = None


    def upgrade():
        op.create_table(
            "account",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_table(
            "note",
            sa.Column("body", sa.String(length=300), nullable=True),
            sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
            sa.Column("account_id", postgresql.UUID(as_uuid=True), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
            sa.PrimaryKeyConstraint("id", name="note_pkey"),
            sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        )
        op.create_index("ix_note_created_at", "note", ["created_at"], unique=False)
        op.create_index(op.f("ix_note_body"), "note", ["body"], unique=False)


    def downgrade():
        op.drop_index(op.f("ix_note_body"), table_name="note")
        op.drop_index("ix_note_created_at", table_name="note")
        op.drop_table("note")
        op.drop_table("account")
''')


def test_the_table_is_created_as_the_later_revisions_leave_it() -> None:
    assert table_as_altered(CREATION, [("b2.py", UUID_KEYS), ("c3.py", CASCADE)], "note") == NOW


def test_a_table_no_later_revision_touches_keeps_its_revision_as_it_is() -> None:
    assert table_as_altered(CREATION, [("b2.py", UUID_KEYS)], "account") != CREATION  # control
    untouched = CREATION.replace('"account"', '"person"').replace('["account.id"]', '["person.id"]')
    assert table_as_altered(untouched, [("c3.py", CASCADE)], "person") == untouched


def test_dropping_a_column_takes_its_indexes_and_keys_with_it() -> None:
    drop = "from alembic import op\n\n\ndef upgrade():\n    op.drop_column('note', 'body')\n    op.drop_column('note', 'account_id')\n"
    now = table_as_altered(CREATION, [("b2.py", drop)], "note")
    assert '"body"' not in now and "account_id" not in now and "ix_note_body" not in now
    assert 'sa.Column("id", sa.Integer(), nullable=False)' in now and 'sa.PrimaryKeyConstraint("id")' in now


@pytest.mark.parametrize(
    ("operation", "why"),
    [
        ("op.rename_table('note', 'memo')", "b2.py: op.rename_table on note is an operation this cannot follow"),
        ("op.drop_constraint('note_mystery_check', 'note')", "b2.py: op.drop_constraint on note drops note_mystery_check, which it cannot find"),
        ("op.alter_column('note', 'title', nullable=True)", "b2.py: op.alter_column on note alters title, which it does not have"),
    ],
    ids=["rename-table", "unknown-constraint", "unknown-column"],
)
def test_an_operation_it_cannot_follow_stops_the_clone_in_one_line(operation: str, why: str) -> None:
    later = f"from alembic import op\n\n\ndef upgrade():\n    {operation}\n"
    with pytest.raises(ConventionError) as caught:
        table_as_altered(CREATION, [("b2.py", later)], "note")
    assert caught.value.args[0] == f"{why}; the table cannot be cloned as it is now"
