"""RoleFactory: a `require_role` factory beside the auth dependency, where the project has none."""

from __future__ import annotations

import ast
from textwrap import dedent

import libcst as cst

from codemods.role_factory import RoleFactory

DEPS = dedent(
    """\
    async def get_current_user(token: str = Depends(oauth2_scheme)) -> User:
        return await load(token)


    def get_db():
        yield None
    """
)


def test_the_factory_goes_after_the_dependency() -> None:
    t = RoleFactory("get_current_user", "User", "role", is_async=True)
    out = cst.parse_module(DEPS).visit(t).code
    assert t.added
    tree = ast.parse(out)
    assert [n.name for n in tree.body] == ["get_current_user", "require_role", "get_db"]
    assert "    async def role_checker(current_user: User = Depends(get_current_user)) -> User:\n" in out
    assert 'if getattr(current_user.role, "value", current_user.role) not in roles:' in out
    assert "\n\n\ndef require_role(*roles: str):\n" in out  # two blank lines before, as around any def


def test_sync_and_single_quotes() -> None:
    out = cst.parse_module(DEPS.replace("async def get_current_user", "def get_current_user")).visit(
        RoleFactory("get_current_user", "Account", "kind", is_async=False, quote="'")
    ).code
    assert "    def role_checker(current_user: Account = Depends(get_current_user)) -> Account:" in out
    assert "detail='Not enough permissions'" in out


def test_written_once() -> None:
    once = cst.parse_module(DEPS).visit(RoleFactory("get_current_user", "User", "role", True)).code
    again = RoleFactory("get_current_user", "User", "role", True)
    assert cst.parse_module(once).visit(again).code == once and not again.added


def test_no_dependency_no_factory() -> None:
    t = RoleFactory("get_user", "User", "role", True)
    assert cst.parse_module(DEPS).visit(t).code == DEPS and not t.added
