"""MoveModule and Rebase: `--into` places the cloned router elsewhere; its importers follow."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.move_module import MoveModule, Rebase


def move(code: str) -> str:
    return (
        cst.parse_module(textwrap.dedent(code))
        .visit(MoveModule("app.routers.orders", "app.api.orders"))
        .code
    )


def test_a_module_imported_from_its_package_is_imported_from_the_new_one() -> None:
    assert (
        move("from app.routers import auth, orders\n")
        == "from app.routers import auth\nfrom app.api import orders\n"
    )


def test_an_import_of_the_module_alone_is_re_pointed() -> None:
    assert move("from app.routers import orders\n") == "from app.api import orders\n"


def test_names_imported_from_the_module_come_from_its_new_place() -> None:
    assert move("from app.routers.orders import router as orders_router\n") == (
        "from app.api.orders import router as orders_router\n"
    )


def test_other_imports_are_untouched() -> None:
    code = "from app.routers import auth, items\nfrom app.crud import order\n"
    assert move(code) == code


def rebase(code: str, old: str, new: str) -> str:
    return cst.parse_module(code).visit(Rebase(old, new)).code


def test_a_relative_import_that_still_resolves_stays_relative() -> None:
    assert (
        rebase("from ..crud import order\n", "app.routers", "app.api")
        == "from ..crud import order\n"
    )


def test_a_relative_import_that_would_resolve_elsewhere_becomes_absolute() -> None:
    assert (
        rebase("from .deps import get_db\n", "app.routers", "app.api")
        == "from app.routers.deps import get_db\n"
    )
    assert (
        rebase("from ..crud import order\n", "app.routers", "app.api.v1")
        == "from app.crud import order\n"
    )
