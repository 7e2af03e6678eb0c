"""`--from-model`: endpoints, schemas, data access and tests for a model that already exists.

Each case adds a model to a fixture the way a developer would (a class, registered where the
project registers its models), commits to nothing else, and runs `add-crud --from-model`. The
fields come from the model's columns; the model's file is left byte for byte; the project's
suite, with the new tests, passes; a second run changes nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.harness import copy_fixture, run_codemod, run_project_tests, snapshot

SUPPLIER = '''\
import enum
from datetime import datetime

from sqlalchemy import DateTime, Enum, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class SupplierTier(str, enum.Enum):
    gold = "gold"
    silver = "silver"


class Supplier(Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120), unique=True, index=True)
    email: Mapped[str | None] = mapped_column(String(255), default=None)
    rating: Mapped[int] = mapped_column(Integer, default=0)
    tier: Mapped[SupplierTier] = mapped_column(Enum(SupplierTier), default=SupplierTier.silver)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
'''
PUBLISHER = '''


class Publisher(Base):
    __tablename__ = "publishers"

    id = Column(Integer, primary_key=True, index=True)
    name = Column(String(100), unique=True, nullable=False)
    country = Column(String(50), nullable=True)
    founded = Column(Integer, nullable=True)
'''
SQLMODEL_TAG = '''


class Tag(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(unique=True, max_length=50)
    weight: int = 0
'''
LABEL = '''\
import uuid
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class Label(Base):
    __tablename__ = "labels"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    title: Mapped[str] = mapped_column(String(80))
    weight: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
'''
TAG = '''\
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(50), unique=True, index=True)
    weight: Mapped[int] = mapped_column(default=0)
'''


def _class_source(path: Path, name: str) -> str:
    text = path.read_text()
    node = next(n for n in ast.parse(text).body if isinstance(n, ast.ClassDef) and n.name == name)
    return ast.get_source_segment(text, node) or ""


def _register(project: Path, registry: str, line_before: str, line: str, name: str) -> None:
    path = project / registry
    text = path.read_text().replace(line_before, f"{line}\n{line_before}", 1)
    path.write_text(text.replace("__all__ = [", f'__all__ = ["{name}", ', 1))


def _add_model(name: str, project: Path) -> tuple[str, str]:
    """The model each case adds: (model name, its file)."""
    if name == "seed_async":
        (project / "app/models/supplier.py").write_text(SUPPLIER)
        _register(project, "app/models/__init__.py", "from app.models.user import User",
                  "from app.models.supplier import Supplier, SupplierTier", "Supplier")
        return "Supplier", "app/models/supplier.py"
    if name == "legacy_orm_mode":
        with (project / "app/models.py").open("a") as f:
            f.write(PUBLISHER)
        return "Publisher", "app/models.py"
    if name == "fullstack_sqlmodel":
        with (project / "app/models.py").open("a") as f:
            f.write(SQLMODEL_TAG)
        return "Tag", "app/models.py"
    if name == "repository_pg":
        (project / "app/models/label.py").write_text(LABEL)
        _register(project, "app/models/__init__.py", "from app.models.note import Note",
                  "from app.models.label import Label", "Label")
        return "Label", "app/models/label.py"
    (project / "app/models/tag.py").write_text(TAG)
    _register(project, "app/models/__init__.py", "from app.models.user import User",
              "from app.models.tag import Tag", "Tag")
    return "Tag", "app/models/tag.py"


CASES = {
    "seed_async": "exemplar Category",  # Mapped columns, an enum beside the model, an fk, lengths
    "legacy_orm_mode": "exemplar Author",  # Column(...) style, pydantic 1
    # every resource here reads an owner the new model lacks: templates, rows not owner-scoped
    "fullstack_sqlmodel": "using templates",
    "repository_pg": "using templates",  # the same, with an Alembic revision for the new table
    "users_only": "using templates",  # nothing to clone at all
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_endpoints_for_an_existing_model(name: str, tmp_path: Path) -> None:
    project = copy_fixture(name, tmp_path)
    model, path = _add_model(name, project)
    model_class = _class_source(project / path, model)
    proc = run_codemod(project, "--from-model", model, "--yes")
    assert proc.returncode == 0, proc.stderr
    assert f"fields read from {path}:{model}" in proc.stderr and CASES[name] in proc.stderr
    # the model is as it was (a SQLModel project's schemas may join it in the same module)
    assert _class_source(project / path, model) == model_class
    outcome = run_project_tests(project)
    if outcome.skipped and not outcome.passed:
        pytest.skip(f"{name}: PostgreSQL not reachable on 127.0.0.1:5432")
    assert outcome.ok, outcome.explain()

    after = snapshot(project)
    again = run_codemod(project, "--from-model", model, "--yes")
    assert again.returncode == 0 and "already exists" in again.stderr, again.stderr
    assert snapshot(project) == after


def test_the_enum_of_the_model_is_imported_not_declared_again(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _add_model("seed_async", project)
    assert run_codemod(project, "--from-model", "app/models/supplier.py:Supplier", "--yes").returncode == 0
    schemas = (project / "app/schemas/supplier.py").read_text()
    assert "from app.models.supplier import SupplierTier" in schemas and "class SupplierTier" not in schemas
    # String(120) on the column: the schema refuses what the column cannot hold
    assert "max_length=120" in schemas


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from-model", "Nope"), "no model class Nope"),
        (("--from-model", "app/models/item.py:Category"), "no model class Category in app/models/item.py"),
        (("--from-model", "Category", "name:str"), "give no FIELD arguments"),
        (("Order", "--from-model", "Category"), "the resource is Category, not Order"),
        (("--from-model", "User"), "it already has endpoints (list, get, delete)"),
    ],
)
def test_bad_from_model_input_is_one_line_and_exit_2(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *args, "--yes")
    assert proc.returncode == 2 and message in proc.stderr.strip().splitlines()[-1], proc.stderr
    assert snapshot(project) == before


def test_a_model_in_a_module_not_named_for_it_is_served_where_it_is(tmp_path: Path) -> None:
    """The templates would write the model to app/models/tag.py; Tag lives in app/models/tagging.py:
    a second Tag there made the app fail at import ("Table 'tags' is already defined")."""
    project = copy_fixture("users_only", tmp_path)
    (project / "app/models/tagging.py").write_text(TAG)
    _register(project, "app/models/__init__.py", "from app.models.user import User", "from app.models.tagging import Tag", "Tag")
    proc = run_codemod(project, "--from-model", "Tag", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert not (project / "app/models/tag.py").exists()
    assert (project / "app/models/tagging.py").read_text() == TAG
    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()


SHELF = '''

class Shelf(Base):
    __tablename__ = "shelves"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    label: Mapped[str] = mapped_column(String(100), unique=True)
    rows: Mapped[int] = mapped_column(default=1)
'''

UUID_SHELF = '''

class Shelf(Base):
    __tablename__ = "shelves"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    label: Mapped[str] = mapped_column(String(100))
    rows: Mapped[int] = mapped_column(default=1)
'''

WAREHOUSE = '''

class Warehouse(Base):
    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    capacity: Mapped[int] = mapped_column(Integer, default=0)
'''


@pytest.mark.parametrize(
    ("name", "added", "home", "args", "not_written"),
    [
        # a module per model: the clone of Category's would be app/models/shelf.py
        ("seed_async", SHELF, "app/models/item.py", ("--from-model", "Shelf"), "app/models/shelf.py"),
        # a package per resource: the clone of src/products/ would hold src/warehouses/models.py
        ("domain_packages", WAREHOUSE, "src/suppliers/models.py", ("--from-models", "src/suppliers"), "src/warehouses/models.py"),
        # beside the exemplar's own model: the clone of its module keeps only an enum of a
        # dropped field, which nothing imports
        ("versioned_envelope", UUID_SHELF, "service/entities/shipment.py", ("--from-model", "Shelf"), "service/entities/shelf.py"),
    ],
)
def test_a_model_beside_another_resources_is_cloned_around_not_again(
    name: str, added: str, home: str, args: tuple[str, ...], not_written: str, tmp_path: Path
) -> None:
    """The model lives in another resource's module: the clone writes no model module of its own
    (a second class, a second table: the app failed at import, "Table ... is already defined")
    and its code imports the model from where it is."""
    project = copy_fixture(name, tmp_path)
    model = added.split("class ", 1)[1].split("(", 1)[0]
    with (project / home).open("a") as f:
        f.write(added)
    before = (project / home).read_text()
    proc = run_codemod(project, *args, "--yes")
    assert proc.returncode == 0, proc.stderr
    if args[0] == "--from-model":  # a batch says one line per resource
        assert f"is defined in {home} already" in proc.stderr
    assert not (project / not_written).exists()
    assert (project / home).read_text() == before
    defined = [p for p in project.rglob("*.py") if f"class {model}(" in p.read_text()]
    assert defined == [project / home]
    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()

    after = snapshot(project)
    check = run_codemod(project, *args, "--check")
    assert check.returncode == 0, check.stderr
    assert snapshot(project) == after


def test_a_model_keyed_otherwise_is_served_as_keyed(tmp_path: Path) -> None:
    """Every resource of repository_pg is keyed by a uuid; an int-keyed model clones none of them
    (their schemas, routes and tests are a uuid's: every read answered 500) and its read schema
    says int, not the uuid the templates' sibling schema spells."""
    project = copy_fixture("repository_pg", tmp_path)
    with (project / "app/models/note.py").open("a") as f:
        f.write(SHELF)
    before = snapshot(project)
    asked = run_codemod(project, "--from-model", "Shelf", "--like", "Note", "--yes")
    assert asked.returncode == 2, asked.stderr
    assert "--like Note: its key is id: uuid, Shelf's (app/models/note.py) is id: int" in asked.stderr
    assert snapshot(project) == before
    proc = run_codemod(project, "--from-model", "Shelf", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "not cloned: Note, Project, User (keyed otherwise than Shelf's id: int)" in proc.stderr
    schemas = (project / "app/schemas/shelf.py").read_text()
    assert "    id: int\n" in schemas and "uuid" not in schemas
    outcome = run_project_tests(project)
    if outcome.skipped and not outcome.passed:
        pytest.skip("repository_pg: PostgreSQL not reachable on 127.0.0.1:5432")
    assert outcome.ok, outcome.explain()
