"""Ten resources of every kind in one `--spec`, on every fixture and sample project.

The spec has foreign keys between its resources (one required, one to a resource given later),
a read-only resource, a nested one (`parent`), one scoped to its owner (`rbac = "ownership"`),
one served from a model the project has without endpoints (`from_model`), and filters, an action,
a cache and paging. It differs per project only in the existing model's name, and where the tool
refuses something for that project in one line, that key is left out with the reason beside it.
The project's own suite passes with the generated tests, a second run changes nothing, the
numbered patches of the first resources, applied in order, give the write-mode tree, and a
resource failing after them leaves the project untouched.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.harness import FIXTURES, REPO_ROOT, run_codemod, run_project_tests, snapshot
from tests.test_from_model_e2e import _add_model

SPEC = """\
[defaults]
as_written = false

[[resources]]
name = "Invoice"   # refers to Customer, given later
fields = ["number:str!", "total:decimal", "customer:fk[Customer]"]  # required
rbac = "ownership"

[[resources]]
name = "Customer"
fields = ["name:str!", "email:str!"]

[[resources]]
name = "Review"
fields = ["rating:int(1..5)", "body:text?"]
parent = "Customer"

[[resources]]
name = "Report"
fields = ["title:str"]
methods = "read-only"

[[resources]]
name = "MODEL"
from_model = "MODEL"

[[resources]]
name = "Depot"
fields = ["code:str!", "city:str"]

[[resources]]
name = "Parcel"
fields = ["tracking:str!", "depot:fk[Depot]", "status:enum[packed,sent]=packed"]
filter = ["status"]

[[resources]]
name = "Coupon"
fields = ["code:str!", "percent:int(1..100)"]
action = ["expire:percent=1"]

[[resources]]
name = "Badge"
fields = ["label:str!"]
cache = "memory"

[[resources]]
name = "Memo"
fields = ["text:text", "invoice:fk[Invoice]?"]
pagination = "offset"
"""

# A model without endpoints, as a developer of each project would add it (see test_from_model_e2e).
_MAPPED = '''\
from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

{base}


class Brand(Base):
    __tablename__ = "brands"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    weight: Mapped[int] = mapped_column(Integer, default=0)
'''
_OWNED = '''\
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from ...core.db import Base


class Brand(Base):
    __tablename__ = 'brands'

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey('users.id', ondelete='CASCADE'), index=True)
    title: Mapped[str] = mapped_column(String(80))
    weight: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
'''
_COLUMNS = '''

class Brand(Base):
    __tablename__ = "brands"

    id = Column(Integer, primary_key=True, index=True)
    title = Column(String(80), nullable=False)
    weight = Column(Integer, nullable=True)
'''


def _brand(name: str, project: Path) -> str:
    """Brand, a model without endpoints, where test_from_model_e2e adds none."""
    if name == "domain_packages":
        (project / "src/brands").mkdir()
        (project / "src/brands/__init__.py").write_text("")
        (project / "src/brands/models.py").write_text(_MAPPED.format(base="from src.database import Base"))
    elif name == "modular_services":  # every row of this project has an owner
        (project / "app/modules/brands").mkdir()
        (project / "app/modules/brands/__init__.py").write_text("")
        (project / "app/modules/brands/models.py").write_text(_OWNED)
    elif name == "versioned_envelope":  # keyed by UUID, as the project's rows are
        uuid_keyed = _MAPPED.replace("from sqlalchemy import Integer, String", "import uuid\n\nfrom sqlalchemy import Integer, String, Uuid")
        uuid_keyed = uuid_keyed.replace(
            "id: Mapped[int] = mapped_column(Integer, primary_key=True)",
            "id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)",
        )
        (project / "service/entities/brand.py").write_text(uuid_keyed.format(base="from service.db import Base"))
    elif name == "single_file":
        text = (project / "main.py").read_text()
        anchor = "\n\n# ---------------------------------------------------------------------------\n# Schemas"
        (project / "main.py").write_text(text.replace(anchor, _COLUMNS.rstrip("\n") + "\n" + anchor, 1))
    elif name == "legacy_crudbase":  # its base class derives __tablename__
        columns = _COLUMNS.replace('    __tablename__ = "brands"\n\n', "").lstrip("\n")
        imports = "from sqlalchemy import Column, Integer, String\n\nfrom app.db.base_class import Base\n\n"
        (project / "app/models/brand.py").write_text(imports + columns)
        registry = project / "app/models/__init__.py"
        registry.write_text("from .brand import Brand\n" + registry.read_text())
    else:  # tutorial_sql_app
        with (project / "sql_app/models.py").open("a") as f:
            f.write(_COLUMNS.lstrip("\n"))
    return "Brand"


# What each project leaves out of the spec, and why: the tool refuses it there in one line.
# "genuine": the project cannot have it; "not yet": a limitation of the tool, refused rather than
# written wrong.
LEFT_OUT: dict[str, dict[str, str]] = {
    "seed_async": {},
    "legacy_orm_mode": {},
    "fullstack_sqlmodel": {},
    "repository_pg": {},
    "domain_packages": {
        "Invoice.rbac": "ownership",  # genuine: its auth is an API key, no user model to own a row
        "Memo.pagination": "offset",  # not yet: lists page through a PageParams dependency
    },
    "modular_services": {
        "Memo.pagination": "offset",  # not yet: lists page by page inside the service
    },
    "versioned_envelope": {
        # not yet: lists page through the shared Repository base's page_after, passed the cursor
        # positionally, into the ListEnvelope every resource shares (an owner scope and a filter
        # go into the clone's own copy of the inherited read: codemods/inherited_override.py)
        "Memo.pagination": "offset",
    },
    "single_file": {
        "Invoice.rbac": "ownership",  # genuine: no auth at all, no signed-in user to own a row
    },
    "users_only": {
        # genuine: only users, nothing to clone ("nesting needs a resource of the project to clone")
        "Review.parent": "Customer",
    },
    "legacy_crudbase": {},
    "tutorial_sql_app": {
        "Invoice.rbac": "ownership",  # genuine: its routes read no signed-in user
        # genuine: no resource stores what clients send ("nesting needs a resource of the project to clone")
        "Review.parent": "Customer",
    },
}
# Resources whose tests the run leaves out, and says so (every other layer is written):
UNTESTED: dict[str, set[str]] = {
    # its tests make every row through the create route, which a read-only resource lacks
    "repository_pg": {"Report"},
}
PROJECTS = sorted(LEFT_OUT)
FROM_MODEL_E2E = {"seed_async", "legacy_orm_mode", "fullstack_sqlmodel", "repository_pg", "users_only"}


def spec_for(name: str, model: str) -> str:
    """The spec with the project's model, without the keys it leaves out."""
    blocks = SPEC.replace("MODEL", model).split("\n[[resources]]\n")
    out = []
    for block in blocks:
        resource = block.split('name = "', 1)[1].split('"', 1)[0] if 'name = "' in block else ""
        lines = [
            line for line in block.splitlines()
            if f"{resource}.{line.split(' =', 1)[0]}" not in LEFT_OUT[name]
        ]
        out.append("\n".join(lines))
    return "\n\n[[resources]]\n".join(out) + "\n"


def _snake(pascal: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in pascal).lstrip("_")


def _project(name: str, destination: Path) -> Path:
    source = FIXTURES / name if (FIXTURES / name).is_dir() else REPO_ROOT / "tests/sample_projects" / name
    project = destination / name
    shutil.copytree(source, project, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.db", "*.pyc"))
    model = _add_model(name, project)[0] if name in FROM_MODEL_E2E else _brand(name, project)
    (project / "resources.toml").write_text(spec_for(name, model), encoding="utf-8")
    return project


def test_the_spec_keeps_every_kind_of_resource_where_the_project_allows_it() -> None:
    for name in PROJECTS:
        text = spec_for(name, "Brand")
        assert text.count("[[resources]]") == 10, name  # options may go, resources never
        assert '"customer:fk[Customer]"' in text and "from_model" in text and 'methods = "read-only"' in text
    kept = {name: spec_for(name, "Brand") for name in PROJECTS}
    # owned on 8 of 11 projects, nested on 9 (all that have a resource to clone): the rest is
    # listed in LEFT_OUT with the refusal
    assert sum('rbac = "ownership"' in t for t in kept.values()) == 8
    assert sum('parent = "Customer"' in t for t in kept.values()) == 9


@pytest.mark.parametrize("name", PROJECTS)
def test_ten_resources_apply_and_the_project_s_suite_passes(name: str, tmp_path: Path) -> None:
    project = _project(name, tmp_path)
    proc = run_codemod(project, "--spec", "resources.toml")
    assert proc.returncode == 0, proc.stderr
    added = [line.split(":")[0].removeprefix("added ") for line in proc.stderr.splitlines() if line.startswith("added ")]
    assert len(added) == 10 and added.index("Customer") < added.index("Invoice"), proc.stderr
    # each is cloned from the project's own resources, never from one the batch added before it
    exemplars = {line.split(":")[0]: line.split("exemplar ")[1].split()[0] for line in proc.stderr.splitlines() if ": exemplar " in line}
    assert not set(exemplars.values()) & set(added), exemplars
    outcome = run_project_tests(project, "-rA")
    if outcome.skipped and not outcome.passed:
        pytest.skip(f"{name}: PostgreSQL not reachable on 127.0.0.1:5432")
    assert outcome.ok, outcome.explain()
    # the generated tests of each resource ran and passed (in modules of their own, or beside the
    # project's in a shared one): the required key's among them
    passed = [line for line in outcome.output.splitlines() if line.startswith("PASSED ")]
    tested = {r for r in added if any(_snake(r) in line.lower() for line in passed)}
    assert tested == set(added) - UNTESTED.get(name, set()), sorted(set(added) - tested)

    after = snapshot(project)
    again = run_codemod(project, "--spec", "resources.toml")
    assert again.returncode == 0, again.stderr
    assert snapshot(project) == after


@pytest.mark.parametrize("name", PROJECTS)
def test_the_patches_in_order_give_the_write_mode_tree(name: str, tmp_path: Path) -> None:
    # cheap form: the first two resources (the required key and its target, given later)
    written = _project(name, tmp_path / "written")
    first_two = "\n[[resources]]\n".join((written / "resources.toml").read_text().split("\n[[resources]]\n")[:3])
    (written / "resources.toml").write_text(first_two)
    patched = _project(name, tmp_path / "patched")
    before = snapshot(patched)
    # a resource failing after those two, another after it: nothing is written
    broken = first_two + '\n[[resources]]\nname = "Broken"\nlike = "Nothing"\n\n[[resources]]\nname = "Tag2"\n'
    (patched / "resources.toml").write_text(broken)
    proc = run_codemod(patched, "--spec", "resources.toml")
    assert proc.returncode == 2 and proc.stderr.splitlines()[-1].startswith("batch error: Broken: "), proc.stderr
    assert snapshot(patched) == {**before, "resources.toml": broken.encode()}

    (patched / "resources.toml").write_text(first_two)
    assert run_codemod(written, "--spec", "resources.toml").returncode == 0
    proc = run_codemod(patched, "--spec", "resources.toml", "--patch-dir", str(tmp_path / "patches"))
    assert proc.returncode == 0, proc.stderr
    patches = sorted((tmp_path / "patches").glob("0*.patch"))
    assert [p.name for p in patches] == ["0001-add-customer.patch", "0002-add-invoice.patch"]
    for patch in patches:
        subprocess.run(["git", "apply", str(patch)], cwd=patched, check=True, capture_output=True)
    assert snapshot(patched) == snapshot(written)
