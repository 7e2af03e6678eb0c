"""A renamed field's word in what a library import names is the library's, never the field.

Cloning Customer (`name`) into Review (`body`) renames `name` wherever the resource spells it (the
column string, `Customer(name=...)`, `ix_customers_name`), but `sa.PrimaryKeyConstraint("id",
name=...)` and `op.drop_index(..., table_name=...)` keep their keywords: `body=` there is a
migration alembic refuses to run.
"""

from __future__ import annotations

from textwrap import dedent

import libcst as cst

from codemods.clone.chain import Cloning, clone_code
from codemods.clone.field_map import map_fields
from codemods.clone.rename_fields import FieldRenamer
from codemods.imports import library_names
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

MIGRATION = dedent("""\
    import sqlalchemy as sa
    from alembic import op

    from app.models import Customer


    def upgrade():
        op.create_table(
            "customers",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        )
        op.create_index("ix_customers_name", "customers", ["name"], unique=False)


    def downgrade():
        op.drop_index("ix_customers_name", table_name="customers")
        op.drop_table("customers")


    def seed(session, payload):
        session.add(Customer(name=payload["name"]))
""")
MIGRATED = dedent("""\
    import sqlalchemy as sa
    from alembic import op

    from app.models import Customer


    def upgrade():
        op.create_table(
            "customers",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("body", sa.String(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        )
        op.create_index("ix_customers_body", "customers", ["body"], unique=False)


    def downgrade():
        op.drop_index("ix_customers_body", table_name="customers")
        op.drop_table("customers")


    def seed(session, payload):
        session.add(Customer(body=payload["body"]))
""")
LIBRARY = frozenset({"sa", "op"})
# a project whose migrations directory is `alembic/` (no `__init__.py`): ruff sorts
# `from alembic import op` as first party, yet it is the library's
FIRST_PARTY = frozenset({"app", "alembic"})
MODULES = frozenset(
    {"app", "app.models", "app.models.customer", "alembic.env", "alembic.versions.0001_customers"}
)


def _renamed(code: str, renames: dict[str, str], library: frozenset[str]) -> str:
    return cst.parse_module(code).visit(FieldRenamer(renames, library)).code


def test_nothing_changes_where_no_field_is_renamed() -> None:
    assert _renamed(MIGRATION, {}, LIBRARY) == MIGRATION


def test_a_library_call_keeps_its_keywords_while_the_field_is_renamed() -> None:
    cst.parse_module(MIGRATED)  # a bad expectation fails loudly
    assert _renamed(MIGRATION, {"name": "body"}, LIBRARY) == MIGRATED


def test_without_knowing_the_imports_the_keywords_were_taken_for_the_field() -> None:
    blind = _renamed(MIGRATION, {"name": "body"}, frozenset())
    assert 'sa.PrimaryKeyConstraint("id", body=' in blind
    assert 'table_body="customers"' in blind


def test_a_project_function_s_keywords_are_the_resource_s() -> None:
    code = "from app.crud import make_customer\n\nmake_customer(db, name=data.name)\n"
    after = "from app.crud import make_customer\n\nmake_customer(db, body=data.body)\n"
    assert _renamed(code, {"name": "body"}, LIBRARY) == after


def test_a_library_keyword_s_value_is_still_the_resource_s() -> None:
    code = 'name = sa.Column(sa.String(), name="name")\n'
    after = 'body = sa.Column(sa.String(), name="body")\n'
    assert _renamed(code, {"name": "body"}, LIBRARY) == after


def test_what_a_library_import_names_keeps_the_field_s_word() -> None:
    before = dedent("""\
        from datetime import date

        import sqlalchemy as sa
        from sqlalchemy import text


        class Entry(Base):
            text: Mapped[str] = mapped_column(server_default=text("''"))
            date: date = sa.Column(sa.Date, server_default=sa.text("now()"), default=date.today)


        def read(entry: Entry, text: str) -> dict:
            return {"text": entry.text, "date": entry.date.isoformat(), "query": text}
    """)
    after = dedent("""\
        from datetime import date

        import sqlalchemy as sa
        from sqlalchemy import text


        class Entry(Base):
            body: Mapped[str] = mapped_column(server_default=text("''"))
            due: date = sa.Column(sa.Date, server_default=sa.text("now()"), default=date.today)


        def read(entry: Entry, body: str) -> dict:
            return {"body": entry.body, "due": entry.due.isoformat(), "query": body}
    """)
    cst.parse_module(after)
    library = frozenset({"date", "sa", "text"})
    assert _renamed(before, {"text": "body", "date": "due"}, library) == after


def test_an_import_from_a_project_directory_that_holds_no_such_module_is_the_library_s() -> None:
    assert library_names(MIGRATION, FIRST_PARTY, MODULES) == LIBRARY
    assert library_names(MIGRATION, FIRST_PARTY) == {"sa"}  # modules unknown: as ruff sorts them
    # the project's own, however it is imported: a namespace package (`app/` without
    # `__init__.py`), a helper beside the tests (`tests/conftest.py`), a `src/` root
    own = dedent("""\
        import sqlalchemy as sa
        from app import models
        from app.models.customer import Customer
        import app.models as m
        from conftest import make_customer
        from shop.crud import create_customer
    """)
    modules = frozenset({"app.models", "app.models.customer", "tests.conftest", "src.shop.crud"})
    assert library_names(own, frozenset({"app", "tests", "src"}), modules) == {"sa"}


def test_the_cloned_migration_runs() -> None:
    exemplar = (FieldInfo("name", "str", optional=False, unique=False, has_default=False),)
    spec = parse_resource("Review", ["body:str"])
    fields = map_fields(exemplar, spec.fields)
    assert fields.rename_table == {"name": "body"}
    cloning = Cloning(
        ResourceNames.parse("Customer"),
        spec.names,
        fields,
        "plural",
        first_party=FIRST_PARTY,
        modules=MODULES,
    )
    cloned = clone_code(
        MIGRATION, cloning, MIGRATION, "alembic/versions/0002_reviews.py", whole_module=False
    )
    assert 'sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews"))' in cloned.code
    assert 'op.drop_index("ix_reviews_body", table_name="reviews")' in cloned.code
    assert 'sa.Column("body", sa.String(), nullable=False)' in cloned.code
    assert 'Review(body=payload["body"])' in cloned.code
