"""The parent's lookup calling a function of the parent's own router module: imported from there,
under a name of the parent's, since the clone's router defines its own of the same name.

Before (the lookup, taken from `read_warehouse` of service/api/v2/warehouses.py):
    Envelope[WarehouseView](data=_get_or_404(warehouse_repo, warehouse_id))
After (`borrowed_helpers(lookup, <warehouses.py>, "warehouse")`):
    Envelope[WarehouseView](data=_warehouse_get_or_404(warehouse_repo, warehouse_id))
and `from service.api.v2.warehouses import _get_or_404 as _warehouse_get_or_404`. Without it the
call would reach the clone's copy of the helper (`_get_or_404` of reviews.py), reading the
parent's row through the clone's repository and checks.
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods.clone.nesting.nodes import called_names
from codemods.imports import Import
from detectors.project import ModuleInfo, module_name


def borrowed_helpers(
    lookup: list[cst.BaseStatement], info: ModuleInfo, prefix: str
) -> tuple[list[cst.BaseStatement], list[Import]]:
    """The lookup calling the module's functions by their aliases, and the imports binding them."""
    defined = {
        n.name for n in info.tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    called = {n for s in lookup for n in called_names(s) if n in defined}
    if not called:
        return lookup, []
    aliases = {n: f"_{prefix}{n}" if n.startswith("_") else f"{prefix}_{n}" for n in called}
    rename = _Calls(aliases)
    imports = [Import(module_name(info.path), n, a) for n, a in sorted(aliases.items())]
    return [s.visit(rename) for s in lookup], imports


class _Calls(cst.CSTTransformer):
    def __init__(self, aliases: dict[str, str]) -> None:
        super().__init__()
        self.aliases = aliases

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if isinstance(updated.func, cst.Name) and updated.func.value in self.aliases:
            return updated.with_changes(func=cst.Name(self.aliases[updated.func.value]))
        return updated
