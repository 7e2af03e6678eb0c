"""A library class's keywords are its own options, never the resource's fields.

`sa.PrimaryKeyConstraint("id", name=op.f("pk_customers"))` names the constraint: cloning a
resource with a `name` field into one without it must neither fill that keyword with a new
field's sample (`rating=3`, which alembic rejects) nor drop the table that holds it.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.extras import drop_extras
from codemods.clone.field_map import FieldMap
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.imports import is_library_class, library_names
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

MIGRATION = '''\
import sqlalchemy as sa
from alembic import op
from sqlalchemy import UniqueConstraint

from app.models import Customer


def upgrade():
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        UniqueConstraint("id", name="uq_customers_id"),
    )


def seed(session):
    session.add(Customer(name="Dune"))
'''
LIBRARY = frozenset({"sa", "op", "UniqueConstraint"})


def _edited(library: frozenset[str]) -> str:
    spec = parse_resource("Customer", ["rating:int"])
    exemplar = (FieldInfo("name", "str", optional=False, unique=False, has_default=False),)
    fmap = FieldMap((), (), ("name",), spec.fields, exemplar, spec.fields)
    edits = FieldEdits(
        fmap, ResourceNames.parse("Customer"), ModuleStyle.of(MIGRATION), {}, test_code=True, library=library
    )
    return cst.parse_module(MIGRATION).visit(edits).code


def test_the_names_a_module_imports_from_libraries() -> None:
    assert library_names(MIGRATION, frozenset({"app"})) == LIBRARY
    assert is_library_class(cst.parse_expression("sa.PrimaryKeyConstraint"), LIBRARY)
    assert is_library_class(cst.parse_expression("UniqueConstraint"), LIBRARY)
    assert not is_library_class(cst.parse_expression("op.create_table"), LIBRARY)  # a function
    assert not is_library_class(cst.parse_expression("Customer"), LIBRARY)  # the project's own



def test_only_top_level_import_statements_are_read() -> None:
    code = (
        '"""Orders.\n\nfrom the shop, import what is needed.\n"""\n'
        "from sqlalchemy import (\n    Index,\n    UniqueConstraint as UC,\n)\n"
        "import sqlalchemy.orm \\\n    as orm\n"
        "from app.models import Order\n"
        "if TYPE_CHECKING:\n    from pydantic import BaseModel\n"
    )
    assert library_names(code, frozenset({"app"})) == {"Index", "UC", "orm"}


def test_a_module_s_import_lines_are_parsed_once_whatever_else_changes_around_them() -> None:
    # a batch asks of a shared module (a conftest of hundreds of fixtures) once per resource,
    # each time with one fixture more: its import lines are the same lines
    from codemods.imports import _import_node

    code = "import sqlalchemy as sa\nfrom app.models import Order\n\n\ndef order(): ...\n"
    grown = code + "\n\ndef invoice(): ...\n"
    assert library_names(code, frozenset({"app"})) == library_names(grown, frozenset({"app"})) == {"sa"}
    assert _import_node("import sqlalchemy as sa") is _import_node("import sqlalchemy as sa")
    assert _import_node("from the shop, import what is needed.") is None

def test_a_constraint_keeps_its_name_while_the_model_s_payload_changes() -> None:
    after = _edited(LIBRARY)
    assert 'sa.PrimaryKeyConstraint("id", name=op.f("pk_customers"))' in after
    assert 'UniqueConstraint("id", name="uq_customers_id")' in after
    assert "Customer(rating=" in after and 'name="Dune"' not in after
    # without knowing the imports, the constraint's `name=` was taken for the field
    assert 'PrimaryKeyConstraint("id", name=' not in _edited(frozenset())


def test_a_table_whose_constraint_has_a_name_is_not_dropped_with_the_name_field() -> None:
    # as the field edits leave it: the column went, the constraints stay
    after_edits = MIGRATION.replace('        sa.Column("name", sa.String(), nullable=False),\n', "")
    module = cst.parse_module(after_edits.replace('Customer(name="Dune")', "Customer()"))
    kept, _ = drop_extras(module, {"name"}, library=LIBRARY)
    assert 'op.create_table(\n        "customers"' in kept.code
    assert 'sa.PrimaryKeyConstraint("id", name=op.f("pk_customers"))' in kept.code
    dropped, _ = drop_extras(module, {"name"})
    assert "op.create_table" not in dropped.code
