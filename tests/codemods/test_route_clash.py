"""clashing_route: a route the plan adds on a method and path its router serves already is found
(FastAPI serves the first, the new one is never reached); other routers and paths are not."""

from __future__ import annotations

from codemods.plan import FileEdit
from codemods.route_clash import clashing_route

ROUTER = '''from fastapi import APIRouter

router = APIRouter(prefix="/audit-log")
admin = APIRouter(prefix="/admin/audit-log")


@router.get("")
async def list_entries():
    return []
'''


def test_a_second_route_on_the_same_method_and_path_of_a_router_is_named() -> None:
    added = ROUTER + '\n\n@router.get("")\nasync def list_orders():\n    return []\n'
    assert clashing_route([FileEdit("app/audit/router.py", ROUTER, added)]) == (
        "app/audit/router.py:13: list_orders serves GET '' on router, as list_entries does "
        "already: it would never be reached"
    )


def test_other_methods_paths_and_routers_do_not_clash() -> None:
    added = ROUTER + (
        '\n\n@router.post("")\nasync def create_order():\n    return {}\n'
        '\n\n@router.get("/orders")\nasync def list_orders():\n    return []\n'
        '\n\n@admin.get("")\nasync def list_all():\n    return []\n'
    )
    assert clashing_route([FileEdit("app/audit/router.py", ROUTER, added)]) is None


def test_a_clash_the_module_had_already_is_not_the_plans() -> None:
    twice = ROUTER + '\n\n@router.get("")\nasync def list_again():\n    return []\n'
    assert clashing_route([FileEdit("app/audit/router.py", twice, twice + "\nX = 1\n")]) is None
