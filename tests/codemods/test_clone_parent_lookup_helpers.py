"""borrowed_helpers: the parent's lookup calling a function of the parent's router module calls it
imported from there, under the parent's name, never the clone's function of the same name."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.clone.nesting.lookup_helpers import borrowed_helpers
from codemods.imports import Import
from detectors.project import ModuleInfo

PARENT = """\
from fastapi import HTTPException


def _get_or_404(repo, warehouse_id):
    return repo.get(warehouse_id)


def check(x):
    return x
"""


def borrowed(*lookup: str):
    info = ModuleInfo(
        "service/api/v2/warehouses.py", "service.api.v2.warehouses", PARENT, ast.parse(PARENT)
    )
    statements = [cst.parse_statement(s + "\n") for s in lookup]
    out, imports = borrowed_helpers(statements, info, "warehouse")
    return [cst.Module([]).code_for_node(s).strip() for s in out], imports


def test_the_module_s_functions_are_imported_under_the_parent_s_names() -> None:
    lookup, imports = borrowed(
        "Envelope[WarehouseView](data=_get_or_404(warehouse_repo, warehouse_id))",
        "check(warehouse_id)",
    )
    assert lookup == [
        "Envelope[WarehouseView](data=_warehouse_get_or_404(warehouse_repo, warehouse_id))",
        "warehouse_check(warehouse_id)",
    ]
    assert imports == [
        Import("service.api.v2.warehouses", "_get_or_404", "_warehouse_get_or_404"),
        Import("service.api.v2.warehouses", "check", "warehouse_check"),
    ]


def test_imported_names_and_methods_are_left_alone() -> None:
    lookup = ["warehouse = service.check(warehouse_id)", "raise HTTPException(404)"]
    assert borrowed(*lookup) == (lookup, [])
