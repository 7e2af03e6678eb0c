"""unresolved_import: every first-party import a plan adds resolves, to a module that exists or
is planned and to a name it defines; an attribute spelling the new resource read off a class of
the project is defined there. Pyflakes, one module at a time, finds none of these."""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods.import_check import _modules, _planned_modules, unresolved_import
from codemods.names import ResourceNames
from codemods.plan import FileEdit
from tests.detectors._project import index_project

PROJECT = {
    "app/__init__.py": "",
    "app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
    "app/schemas/__init__.py": "",
    "app/schemas/item.py": "from pydantic import BaseModel\n\n\nclass ItemRead(BaseModel):\n    id: int\n",
    "app/permissions.py": (
        "import enum\n\n\nclass Base(str, enum.Enum):\n    ITEMS_ADMIN = 'items.admin'\n\n\n"
        "class Permission(Base):\n    ITEMS_READ = 'items.read'\n"
    ),
    "app/routers/__init__.py": "",
    "app/routers/items.py": "from fastapi import APIRouter\n\nfrom app.generated.client import Client\n\nrouter = APIRouter()\n",
}
ORDER = ResourceNames.parse("Order")
PERMISSIONS_PLANNED = (  # the permissions module as the plan leaves it: ORDERS_READ, ORDERS_ADMIN in the base
    "app/permissions.py",
    PROJECT["app/permissions.py"].replace("    ITEMS_ADMIN = 'items.admin'\n", "    ITEMS_ADMIN = 'items.admin'\n    ORDERS_ADMIN = 'orders.admin'\n")
    + "    ORDERS_READ = 'orders.read'\n",
)


def _check(tmp_path: Path, new_text: str, *created: tuple[str, str]) -> str | None:
    index = index_project(tmp_path, PROJECT)
    edits = [FileEdit("app/routers/orders.py", None, new_text), *(FileEdit(p, None, t) for p, t in created)]
    return unresolved_import(edits, index, ORDER)


@pytest.mark.parametrize(
    ("imports", "created"),
    [
        ("from app.schemas.item import ItemRead\n", ()),
        ("from app.schemas.order import OrderRead\n", (("app/schemas/order.py", "class OrderRead:\n    pass\n"),)),
        ("from app.schemas import item\n", ()),  # a module of a package
        ("from .items import router as items_router\n", ()),  # relative
        ("import app.schemas.item\n", ()),
        ("from app.generated.client import Client\n", ()),  # not in the tree, but the project imports it
        ("from fastapi import APIRouter\n", ()),  # not the project's
        ("from app.permissions import Permission\n\nX = Permission.ORDERS_READ\n", (PERMISSIONS_PLANNED,)),
        ("from app.permissions import Permission\n\nX = Permission.ORDERS_ADMIN\n", (PERMISSIONS_PLANNED,)),
    ],
    ids=[
        "exists", "planned", "submodule", "relative", "import", "the-projects-own", "library",
        "attribute-planned", "attribute-of-a-base-in-the-module",
    ],
)
def test_imports_that_resolve_pass(tmp_path: Path, imports: str, created) -> None:
    assert _check(tmp_path, imports, *created) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("from app.schemas.order import OrderRead\n", "app/routers/orders.py:1: imports app.schemas.order, which is neither in the project nor planned"),
        ("\nfrom app.schemas.item import OrderRead\n", "app/routers/orders.py:2: imports OrderRead from app.schemas.item, which does not define it"),
        (  # imports live in function bodies and guarded blocks too
            "def f():\n    try:\n        from app.schemas.order import OrderRead\n    except KeyError:\n        pass\n",
            "app/routers/orders.py:3: imports app.schemas.order, which is neither in the project nor planned",
        ),
        (
            "from app.permissions import Permission\n\n\ndef f():\n    return Permission.ORDERS_READ\n",
            "app/routers/orders.py:5: Permission.ORDERS_READ is defined nowhere (Permission of app.permissions has no ORDERS_READ)",
        ),
    ],
    ids=["module-missing", "name-missing", "nested-module-missing", "attribute-missing"],
)
def test_an_import_that_does_not_resolve_is_named_with_its_line(tmp_path: Path, text: str, why: str) -> None:
    assert _check(tmp_path, text) == why


def test_attributes_not_spelling_the_new_resource_are_not_judged(tmp_path: Path) -> None:
    """A class of the project may take them from a base outside it (`Permission.value`)."""
    assert _check(tmp_path, "from app.permissions import Permission\n\nX = Permission.ITEMS_ADMIN.value\nY = Permission.members\n") is None


def test_an_edited_module_is_judged_on_the_imports_it_gains(tmp_path: Path) -> None:
    """The module's own imports were there before the edit (the project knows what its build
    makes); the one the edit adds is judged."""
    index = index_project(tmp_path, PROJECT)
    old = PROJECT["app/routers/items.py"]
    kept = FileEdit("app/routers/items.py", old, old + "\nX = 1\n")
    assert unresolved_import([kept], index, ORDER) is None
    added = FileEdit("app/routers/items.py", old, "from app.orders import Order\n" + old)
    assert unresolved_import([added], index, ORDER) == (
        "app/routers/items.py:1: imports app.orders, which is neither in the project nor planned"
    )


def test_an_edited_module_is_judged_on_the_statements_it_gains(tmp_path: Path) -> None:
    """A module a plan adds to (a conftest gaining a fixture) is judged on the statements the edit
    added or changed: an attribute spelling the new resource in a statement the module held
    already is its own, one in a statement the edit added is the plan's. The module's own
    imports still say what a name of the added statement is."""
    project = {**PROJECT, "app/routers/items.py": "from app.permissions import Permission\n\nOLD = Permission.ORDERS_READ\n"}
    index = index_project(tmp_path, project)
    old = project["app/routers/items.py"]
    assert unresolved_import([FileEdit("app/routers/items.py", old, old + "\nX = 1\n")], index, ORDER) is None
    added = FileEdit("app/routers/items.py", old, old + "\nNEW = Permission.ORDERS_ADMIN\n")
    assert unresolved_import([added], index, ORDER) == (
        "app/routers/items.py:5: Permission.ORDERS_ADMIN is defined nowhere (Permission of app.permissions has no ORDERS_ADMIN)"
    )
    changed = FileEdit("app/routers/items.py", old, old.replace("import Permission", "import Permission, Unknown"))
    assert unresolved_import([changed], index, ORDER) is not None  # a changed import line is judged whole


@pytest.mark.parametrize(
    "planned",
    [
        [],
        ["app/models/item.py"],  # the project's own, edited
        ["app/models/order.py", "app/schemas/order.py"],
        ["app/orders/__init__.py", "app/orders/models.py"],  # a new package
        ["src/pkg/extra.py"],  # a src layout's `pkg.extra` too
        ["pkg/mod.py"],  # takes the name src/pkg/mod.py is imported by
        ["app/models.py"],  # a module named as the package app/models/ is
    ],
)
def test_the_modules_judged_are_the_projects_and_the_plans(tmp_path: Path, planned: list[str]) -> None:
    """The project's modules are read once per index and the plan's added: the same names, paths
    and packages as reading them all together."""
    files = {"app/__init__.py": "", "app/models/__init__.py": "", "app/models/item.py": "", "src/pkg/__init__.py": "",
             "src/pkg/mod.py": ""}
    index = index_project(tmp_path, files)
    assert _planned_modules(index, planned) == _modules([*index.files, *planned])
    assert _planned_modules(index, planned) == _modules([*index.files, *planned])  # asked again: the same
