"""A unique field the clone adds is unique in its revision as in its model.

The model writes `unique=True` (an enum or a key also `index=True`): the cloned revision gives a
plain column its `UniqueConstraint` among the table's constraints (FieldEdits), an indexed one a
unique index (RevisionOps). Without them `alembic upgrade` makes a table that takes duplicates
the model refuses (proved on PostgreSQL by tests/test_alembic_pg.py).
"""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.field_map import FieldMap
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.clone.revision_ops import RevisionOps
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

REVISION = textwrap.dedent('''\
    import sqlalchemy as sa
    from alembic import op


    def upgrade():
        op.create_table(
            "depots",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("title", sa.String(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            if_not_exists=True,
        )


    def downgrade():
        op.drop_table("depots")
''')


def _cloned(fields: list[str]) -> str:
    """The revision with `title` dropped and `fields` added, as the chain's field step leaves it."""
    spec = parse_resource("Depot", fields)
    exemplar = (FieldInfo("title", "str", optional=False, unique=False, has_default=False),)
    fmap = FieldMap((), (), ("title",), spec.fields, exemplar, spec.fields)
    edits = FieldEdits(fmap, ResourceNames.parse("Depot"), ModuleStyle.of(REVISION), {}, library=frozenset({"sa", "op"}))
    module = cst.parse_module(REVISION).visit(edits)
    return module.visit(RevisionOps(spec.names, spec.fields, "sa")).code


def test_a_unique_column_gets_its_constraint_after_the_table_s_others() -> None:
    cloned = _cloned(["code:str!", "city:str"])
    assert (
        '        sa.PrimaryKeyConstraint("id"),\n'
        '        sa.UniqueConstraint("code"),\n'
        "        if_not_exists=True,\n"
    ) in cloned
    assert cloned.count("UniqueConstraint") == 1  # city is not unique


def test_a_unique_enum_gets_a_unique_index_and_no_constraint() -> None:
    cloned = _cloned(["grade:enum[low,high]!", "kind:enum[a,b]"])
    assert 'op.create_index(op.f("ix_depots_grade"), "depots", ["grade"], unique=True)' in cloned
    assert 'op.create_index(op.f("ix_depots_kind"), "depots", ["kind"], unique=False)' in cloned
    assert "UniqueConstraint" not in cloned
