"""relative_imports: an import the plan adds to a module importing the project only relatively
is written relative too (the module may run under another package name)."""

from __future__ import annotations

import pytest

from codemods.plan import FileEdit
from codemods.relative_imports import relative_imports

PARTY = frozenset({"src", "app"})
OWN = "from fastapi import APIRouter\n\nfrom ...crud.crud_tier import crud_tiers\n"


def added(path: str, before: str, new: str) -> str:
    (edit,) = relative_imports((FileEdit(path, before, new),), {path: before}, PARTY)
    return edit.new


@pytest.mark.parametrize(
    ("path", "line", "expected"),
    [
        pytest.param(
            "src/app/api/v1/reviews.py",
            "from src.app.crud.crud_customer import crud_customers\n",
            "from ...crud.crud_customer import crud_customers\n",
            id="a module of a sibling package",
        ),
        pytest.param(
            "src/app/api/v1/badges.py",
            "from src.app.api import memory_cache\n",
            "from .. import memory_cache\n",
            id="a module of a package above",
        ),
        pytest.param(
            "src/app/api/v1/badges.py",
            "from src.app.api.v1.helpers import (\n    cached,\n)\n",
            "from .helpers import (\n    cached,\n)\n",
            id="its own package, over lines",
        ),
        pytest.param(
            "src/app/api/v1/__init__.py",
            "from src.app.api.v1.badges import router\n",
            "from .badges import router\n",
            id="from a package's __init__",
        ),
        pytest.param(
            "src/app/api/v1/reviews.py",
            "from app.crud.crud_customer import crud_customers\n",
            "from ...crud.crud_customer import crud_customers\n",
            id="a src layout imported by its package's own name",
        ),
        pytest.param(
            "src/app/api/v1/reviews.py",
            "from sqlalchemy import select\n",
            "from sqlalchemy import select\n",
            id="a library's stays",
        ),
    ],
)
def test_an_added_import_of_the_project_is_relative_like_the_module_s(
    path: str, line: str, expected: str
) -> None:
    assert added(path, OWN, OWN + line) == OWN + expected


def test_a_module_importing_the_project_absolutely_keeps_what_is_added() -> None:
    before = "from src.app.crud.crud_tier import crud_tiers\n"
    new = before + "from src.app.crud.crud_customer import crud_customers\n"
    assert added("src/app/api/v1/reviews.py", before, new) == new


def test_a_module_that_imported_nothing_of_the_project_keeps_what_is_added() -> None:
    before = "from fastapi import APIRouter\n"
    new = before + "from src.app.crud.crud_customer import crud_customers\n"
    assert added("src/app/api/v1/reviews.py", before, new) == new


def test_a_created_module_follows_the_exemplar_it_copies() -> None:
    new = OWN + "from src.app.crud.crud_customer import crud_customers\n"
    (edit,) = relative_imports(
        (FileEdit("src/app/api/v1/reviews.py", None, new),),
        {"src/app/api/v1/reviews.py": OWN},
        PARTY,
    )
    assert edit.new == OWN + "from ...crud.crud_customer import crud_customers\n"


def test_a_module_with_nothing_to_compare_with_is_left_as_written() -> None:
    new = OWN + "from src.app.crud.crud_customer import crud_customers\n"
    (edit,) = relative_imports((FileEdit("src/app/api/v1/reviews.py", None, new),), {}, PARTY)
    assert edit.new == new
