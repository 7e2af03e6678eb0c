"""Conftest reading (who signs in) and OtherUser (a second signed-in user, copied)."""

from __future__ import annotations

import ast
from textwrap import dedent

import libcst as cst
import pytest

from codemods.clone.other_user import OtherUser
from codemods.clone.signed_in import Conftest, ordinary, role_attributes, second_user, with_role
from codemods.errors import ConventionError

USERS = dedent(
    """\
    @pytest_asyncio.fixture
    async def normal_user(db_session) -> User:
        user = User(email="user@example.com", full_name="Normal", role="user")
        return user


    @pytest_asyncio.fixture
    async def admin_user(db_session) -> User:
        user = User(email="admin@example.com", full_name="Admin", role="admin")
        return user


    @pytest.fixture
    def auth_headers(normal_user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {create_access_token(normal_user.id)}"}


    @pytest.fixture
    def admin_headers(admin_user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {create_access_token(admin_user.id)}"}
    """
)
HELPERS = dedent(
    """\
    async def _create_user(session, email: str, full_name: str) -> User:
        return User(email=email, full_name=full_name)


    @pytest.fixture
    async def user(session) -> User:
        return await _create_user(session, "alice@example.com", "Alice")


    @pytest.fixture
    async def other_user(session) -> User:
        return await _create_user(session, "bob@example.com", "Bob")


    @pytest.fixture
    def auth_headers(user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {create_access_token(str(user.id))}"}


    @pytest.fixture
    def other_auth_headers(other_user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {create_access_token(str(other_user.id))}"}
    """
)
CHECK = dedent(
    """\
    def require_role(*roles):
        async def checker(current_user: User = Depends(get_current_user)) -> User:
            if current_user.role not in roles:
                raise HTTPException(status_code=403)
            return current_user
        return checker
    """
)


def test_the_projects_second_user_is_reused() -> None:
    found = second_user(Conftest.of("tests/conftest.py", HELPERS), "auth_headers", "User", set())
    assert found.headers == "other_auth_headers" and found.made_from is None


def test_a_user_with_another_role_is_no_second_user() -> None:
    check = ast.parse(CHECK).body[0]
    assert isinstance(check, (ast.FunctionDef, ast.AsyncFunctionDef))
    attrs = role_attributes(check)
    assert attrs == {"role"}
    found = second_user(Conftest.of("tests/conftest.py", USERS), "auth_headers", "User", attrs)
    assert found.made_from == ("auth_headers", "normal_user")  # admin_headers differs in role: made


def test_with_role_and_ordinary() -> None:
    conftest = Conftest.of("tests/conftest.py", USERS)
    assert with_role(conftest, ["auth_headers", "admin_headers"], ("admin",)) == ["admin_headers"]
    flagged = Conftest.of("c.py", USERS.replace('role="admin"', "is_superuser=True"))
    assert ordinary(flagged, ["admin_headers", "auth_headers"], {"is_superuser"}) == "auth_headers"


def test_a_headers_fixture_not_reading_its_user_cannot_be_copied() -> None:
    text = USERS.replace("create_access_token(normal_user.id)", "create_access_token(1)")
    with pytest.raises(ConventionError, match="without reading normal_user"):
        second_user(Conftest.of("tests/conftest.py", text), "auth_headers", "User", {"role"})


def test_other_user_copies_both_fixtures() -> None:
    t = OtherUser("auth_headers", "normal_user", {"email"})
    out = cst.parse_module(USERS).visit(t).code
    assert t.made == ["other_normal_user", "other_auth_headers"]
    assert 'async def other_normal_user(db_session) -> User:\n    user = User(email="user@example.com-2", full_name="Normal", role="user")' in out
    assert "def other_auth_headers(other_normal_user: User)" in out
    assert "create_access_token(other_normal_user.id)" in out
    again = OtherUser("auth_headers", "normal_user", {"email"})
    assert cst.parse_module(out).visit(again).code == out and again.made == []


def test_other_user_without_a_unique_literal_is_not_made() -> None:
    t = OtherUser("auth_headers", "normal_user", {"username"})
    assert cst.parse_module(USERS).visit(t).code == USERS and t.made == []


FACTORY_USER = dedent(
    """\
    from tests import factories


    @pytest.fixture
    def user(db):
        return factories.create_user(db)


    @pytest.fixture
    def auth_headers(user):
        return {"Authorization": f"Bearer {create_access_token(subject=user.email)}"}
    """
)


def test_an_untyped_headers_fixture_s_one_fixture_is_its_user() -> None:
    assert Conftest.of("tests/conftest.py", FACTORY_USER).user_fixture("auth_headers", "User") == "user"


def test_a_user_made_by_a_helper_is_copied_passing_the_helper_a_unique_value(tmp_path) -> None:
    from codemods.clone.signed_in import unique_keyword
    from detectors import ProjectIndex

    (tmp_path / "tests").mkdir()
    (tmp_path / "tests/__init__.py").write_text("")
    (tmp_path / "tests/factories.py").write_text("def create_user(db, *, password='x', **overrides):\n    return User(**overrides)\n")
    (tmp_path / "tests/conftest.py").write_text(FACTORY_USER)
    conftest = Conftest.of("tests/conftest.py", FACTORY_USER)
    passed = unique_keyword(ProjectIndex(tmp_path), conftest, "user", ["email"])
    assert passed == ("factories.create_user", "email", '"other-user@example.com"')
    assert unique_keyword(ProjectIndex(tmp_path), conftest, "user", []) is None  # no unique text column
    t = OtherUser("auth_headers", "user", {"email"}, passed)
    out = cst.parse_module(FACTORY_USER).visit(t).code
    assert t.made == ["other_user", "other_auth_headers"]
    assert 'def other_user(db):\n    return factories.create_user(db, email="other-user@example.com")' in out
    assert "def user(db):\n    return factories.create_user(db)\n" in out  # the original stays


HELPER_USER = dedent(
    """\
    def _create_user(factory, email, role):
        return User(email=email, role=role)


    @pytest.fixture
    def member(session_factory) -> User:
        return _create_user(session_factory, "member@example.com", "member")


    @pytest.fixture
    def user_headers(member: User):
        return _bearer(member)
    """
)


def test_a_user_made_by_a_conftest_helper_is_copied_with_the_value_changed_in_place(tmp_path) -> None:
    from codemods.clone.signed_in import unique_keyword
    from detectors import ProjectIndex

    conftest = Conftest.of("tests/conftest.py", HELPER_USER)
    passed = unique_keyword(ProjectIndex(tmp_path), conftest, "member", ["email"])
    assert passed == ("_create_user", "email", '"other-member@example.com"')
    t = OtherUser("user_headers", "member", {"email"}, passed)
    out = cst.parse_module(HELPER_USER).visit(t).code
    assert t.made == ["other_member", "other_user_headers"]
    assert 'return _create_user(session_factory, "other-member@example.com", "member")' in out
    assert 'return _create_user(session_factory, "member@example.com", "member")' in out  # the original stays
