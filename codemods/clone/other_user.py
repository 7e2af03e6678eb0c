"""A second signed-in user for the tests: the user fixture and its headers fixture, copied.

Before:
    @pytest_asyncio.fixture
    async def normal_user(db_session) -> User:
        user = User(email="user@example.com", role="user")
        ...

    @pytest.fixture
    def auth_headers(normal_user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {create_access_token(normal_user.id)}"}
After (`OtherUser("auth_headers", "normal_user", {"email"})`), the same plus:
    @pytest_asyncio.fixture
    async def other_normal_user(db_session) -> User:
        user = User(email="user@example.com-2", role="user")
        ...

    @pytest.fixture
    def other_auth_headers(other_normal_user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {create_access_token(other_normal_user.id)}"}
Each copy goes right after its original; copies already there are left alone (`made` stays
empty), and so is a user whose copy would change no unique literal (it would be the same user),
unless `passed` names a helper making the user that takes a unique value:
`factories.create_user(db)` -> `factories.create_user(db, email="other-user@example.com")`, or
given in place to a helper the module defines: `_create_user(factory, "member@example.com")` ->
`_create_user(factory, "other-member@example.com")`.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.make_row import with_keyword
from codemods.clone.nesting.fixture import OtherRow
from codemods.visit import visit


class OtherUser(cst.CSTTransformer):
    """The fixtures `user` (its unique values changed) and `headers` (taking the copy), copied."""

    def __init__(self, headers: str, user: str, unique: set[str], passed: tuple[str, str, str] | None = None) -> None:
        super().__init__()
        self.headers, self.user, self.unique = headers, user, unique
        # (callee, keyword, value): where the user is made by a helper with no literal to change
        # (`factories.create_user(db)`), the copy passes it a unique value the helper takes
        self.passed = passed
        self.other_headers, self.other_user = f"other_{headers}", f"other_{user}"
        self.made: list[str] = []

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        names = {s.name.value for s in updated.body if isinstance(s, cst.FunctionDef)}
        if self.other_headers in names:
            return updated
        if self.other_user not in names:
            row = OtherRow(self.user, self.other_user, self.unique)
            copied = visit(updated, row)
            if row.found and self.passed and _same_but_name(copied, self.user, self.other_user):
                copied = visit(copied, _Pass(self.other_user, *self.passed))
            if not row.found or _same_but_name(copied, self.user, self.other_user):
                return updated  # no unique literal to change: a copy would be the same user
            updated = copied
            self.made.append(self.other_user)
        body = list(updated.body)
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == self.headers:
                copy = stmt.with_changes(name=cst.Name(self.other_headers)).visit(_Rename(self.user, self.other_user))
                body.insert(i + 1, copy.with_changes(leading_lines=stmt.leading_lines or [cst.EmptyLine(), cst.EmptyLine()]))
                self.made.append(self.other_headers)
                return updated.with_changes(body=body)
        return updated


class _Pass(cst.CSTTransformer):
    """In the fixture `fixture`, `keyword=value` passed to the first call of `callee`."""

    def __init__(self, fixture: str, callee: str, keyword: str, value: str) -> None:
        super().__init__()
        self.fixture, self.callee, self.keyword, self.value = fixture, callee, keyword, value
        self.inside, self.done = False, False
        self.position: int | None = None  # of the keyword among the parameters of a helper the module defines

    def visit_Module(self, node: cst.Module) -> None:
        helper = next((s for s in node.body if isinstance(s, cst.FunctionDef) and s.name.value == self.callee), None)
        names = [p.name.value for p in helper.params.params] if helper is not None else []
        self.position = names.index(self.keyword) if self.keyword in names else None

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.inside = node.name.value == self.fixture

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not self.inside or self.done or cst.Module([]).code_for_node(updated.func) != self.callee:
            return updated
        self.done = True
        given = [a for a in updated.args if a.keyword is None and not a.star]
        if self.position is not None and self.position < len(given):  # passed in place: changed there
            args = list(updated.args)
            args[self.position] = args[self.position].with_changes(value=cst.parse_expression(self.value))
            return updated.with_changes(args=args)
        return with_keyword(updated, self.keyword, self.value)


class _Rename(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.new) if updated.value == self.old else updated


def _same_but_name(module: cst.Module, name: str, other: str) -> bool:
    found = {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef) and s.name.value in (name, other)}
    return len(found) == 2 and found[other].body.deep_equals(found[name].body) and found[other].params.deep_equals(found[name].params)
