"""The templates' revision knows the key column it copies by its name, however it is quoted:
`sa.Column('id', ...)` is the key (taken for a field, a second `id` made alembic refuse)."""

from __future__ import annotations

import pytest

from codemods.render.migration import _column_name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('sa.Column("id", sa.Integer(), nullable=False)', "id"),
        ("sa.Column('id', sa.Integer, primary_key=True)", "id"),
        ("Column('owner_id', Integer, ForeignKey('users.id'))", "owner_id"),
        ('sa.PrimaryKeyConstraint("id")', None),
    ],
    ids=["double-quoted", "single-quoted", "bare-column", "not-a-column"],
)
def test_a_copied_columns_name_is_read_from_its_first_argument(text: str, name: str | None) -> None:
    assert _column_name(text) == name
