"""How the module a clone goes into writes SQLAlchemy names, `Field` and fresh uuids
(`ModuleStyle.read`): each habit read off its import lines, wherever they stand in it."""

from __future__ import annotations

from codemods.clone.fields import ModuleStyle

# a module of hundreds of statements none of the habits is read from (a conftest)
FILLER = "".join(f"\n\nasync def fixture_{i}(db):\n    return await make(db, {i})\n" for i in range(300))


def test_an_aliased_sqlalchemy_import_gives_the_prefix_of_its_names() -> None:
    assert ModuleStyle.read("import sqlalchemy as sa\n" + FILLER).sa_prefix == "sa"
    assert ModuleStyle.read(FILLER + "\nimport sqlalchemy as sql\n").sa_prefix == "sql"
    assert ModuleStyle.read("x = sqlalchemy.Column(Integer)\n").sa_prefix == "sqlalchemy"
    assert ModuleStyle.read(FILLER).sa_prefix == ""


def test_field_comes_from_the_module_the_module_imports_it_from() -> None:
    assert ModuleStyle.read(FILLER + "\nfrom sqlmodel import Field, SQLModel\n").field_module == "sqlmodel"
    assert ModuleStyle.read("from pydantic import BaseModel, Field\n" + FILLER).field_module == "pydantic"
    assert ModuleStyle.read("import sqlmodel\n" + FILLER).field_module == "sqlmodel"
    assert ModuleStyle.read(FILLER).field_module == "pydantic"


def test_a_fresh_uuid_is_called_as_the_module_imports_it() -> None:
    assert ModuleStyle.read("import uuid\n" + FILLER).uuid4 == "uuid.uuid4"
    assert ModuleStyle.read("import uuid\nfrom uuid import uuid4\n" + FILLER).uuid4 == "uuid4"
    assert ModuleStyle.read("import uuid as u\n" + FILLER).uuid4 == "uuid4"
    assert ModuleStyle.read(FILLER).uuid4 == "uuid4"
