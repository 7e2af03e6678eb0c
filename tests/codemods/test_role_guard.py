"""RoleGuard and Unguard: a role check required by every route, or taken out of them."""

from __future__ import annotations

import ast
from textwrap import dedent

import libcst as cst
import pytest

from codemods.role_guard import RoleGuard
from codemods.unguard import Unguard

ROUTES = dedent(
    """\
    @router.get("/{order_id}")
    async def get_order(order_id: int, current_user: User = Depends(get_current_user)) -> Order:
        return order


    @router.delete("/{order_id}")
    async def delete_order(order_id: int, current_user: User = Depends(require_role("owner"))) -> None:
        return None


    @router.get("", dependencies=[Depends(audit)])
    async def list_orders(db: AsyncSession = Depends(get_db)) -> list[Order]:
        return []


    def helper(user: User = Depends(get_current_user)) -> None:
        return None
    """
)


def _guarded(code: str) -> str:
    return cst.parse_module(code).visit(RoleGuard({"get_current_user"}, "require_role", 'require_role("admin")')).code


def test_every_route_requires_the_role() -> None:
    t = RoleGuard({"get_current_user"}, "require_role", 'require_role("admin")')
    after = cst.parse_module(ROUTES).visit(t).code
    ast.parse(after)
    assert "current_user: User = Depends(require_role(\"admin\"))) -> Order" in after  # the user from the guard
    assert 'Depends(require_role("owner"))' not in after  # another role's guard: replaced
    assert '@router.get("", dependencies=[Depends(audit), Depends(require_role("admin"))])' in after  # reads no user
    assert "def helper(user: User = Depends(get_current_user))" in after  # not a route
    assert t.guarded == ["get_order", "delete_order", "list_orders"]


def test_a_decorator_without_dependencies_gets_them() -> None:
    before = '@router.post("", status_code=201)\ndef create_order(data: OrderCreate) -> Order:\n    return data\n'
    assert _guarded(before).startswith('@router.post("", status_code=201, dependencies=[Depends(require_role("admin"))])')


def test_guarded_routes_are_left_alone() -> None:
    once = _guarded(ROUTES)
    t = RoleGuard({"get_current_user"}, "require_role", 'require_role("admin")')
    assert cst.parse_module(once).visit(t).code == once
    assert t.guarded == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "@router.get('')\ndef f(u: User = Depends(get_current_user)): ...\n", None, id="no guard"
        ),
        pytest.param(
            '@router.delete("/{i}")\ndef f(i: int, u: User = Depends(require_role("admin"))): ...\n',
            '@router.delete("/{i}")\ndef f(i: int, u: User = Depends(get_current_user)): ...\n',
            id="a guard read as the user gives way to the user dependency",
        ),
        pytest.param(
            '@router.post("", dependencies=[Depends(require_role("admin"))])\ndef f(): ...\n',
            '@router.post("")\ndef f(): ...\n',
            id="a guard only listed goes, and the empty list with it",
        ),
        pytest.param(
            '@router.post("", dependencies=[Depends(audit), Depends(require_role("admin"))], status_code=201)\ndef f(): ...\n',
            '@router.post("", dependencies=[Depends(audit)], status_code=201)\ndef f(): ...\n',
            id="other dependencies stay",
        ),
    ],
)
def test_unguard(before: str, after: str | None) -> None:
    t = Unguard("require_role", "get_current_user")
    assert cst.parse_module(before).visit(t).code == (after or before)
    assert t.unguarded == ([] if after is None else ["f"])


def test_unguard_a_flag_check() -> None:
    before = '@router.get("/")\ndef f(u: User = Depends(get_current_superuser)): ...\n'
    after = cst.parse_module(before).visit(Unguard("get_current_superuser", "get_current_user")).code
    assert after == '@router.get("/")\ndef f(u: User = Depends(get_current_user)): ...\n'
