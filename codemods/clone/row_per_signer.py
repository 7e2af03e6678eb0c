"""A request sent as another user points at a row that user made.

MakeRowFirst gives each test one row of the key's target, made as its tests make one: with the
signed-in user's headers or the user itself (`create_project(client, auth_headers)`). Where the
target's rows are each user's own (the create route looks the key up among the signed-in user's
rows: key_lookups.py), a request of the test sent as another user (`headers=other_auth_headers`)
must point at a row of that user's, as the project's own tests do it.

Before (`RowPerSigner("project", signers={"auth_headers": "user", "other_auth_headers": "other_user"}, ...)`):
    async def test_same_title_for_different_owners(client, auth_headers, other_auth_headers):
        project = await create_project(client, auth_headers)
        await create_task(client, auth_headers, project_id=project["id"])
        response = await client.post("/tasks", json={"project_id": project["id"]}, headers=other_auth_headers)
After:
    async def test_same_title_for_different_owners(client, auth_headers, other_auth_headers):
        project = await create_project(client, auth_headers)
        await create_task(client, auth_headers, project_id=project["id"])
        other_project = await create_project(client, other_auth_headers)
        response = await client.post("/tasks", json={"project_id": other_project["id"]}, headers=other_auth_headers)
A statement signing in as neither, or as both, keeps the row the test made first; where no
statement is left that reads it, that row is not made.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.make_row import with_fixtures
from codemods.names_read import names_read


class RowPerSigner(cst.CSTTransformer):
    """See the module docstring. `signers`: each headers fixture -> the user fixture it signs
    in; `functions`: the tests to look at."""

    def __init__(self, variable: str, signers: dict[str, str], functions: frozenset[str]) -> None:
        super().__init__()
        self.variable, self.functions = variable, functions
        self.headers = dict(signers)
        self.users = {user: fixture for fixture, user in signers.items()}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # tests are top-level

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if updated.name.value not in self.functions or not updated.name.value.startswith("test"):
            return updated
        body = list(updated.body.body)
        first = next((i for i, s in enumerate(body) if self._made(s) is not None), None)
        if first is None:
            return updated
        call = self._made(body[first])
        assert call is not None
        signer = sorted({n for a in call.args for n in names_read(a.value) if self._kind(n)})
        if len(signer) != 1:
            return updated
        mine = signer[0]
        rows = {mine: self.variable}
        taken = names_read(updated)
        out, asked = body[: first + 1], []
        for stmt in body[first + 1:]:
            other = self._other_signer(stmt, mine) if self.variable in names_read(stmt) else None
            if other is not None:
                if other not in rows:
                    rows[other] = _fresh(_named(self.variable, mine, other), taken)
                    out.append(_made_as(body[first], call, mine, other, rows[other]))
                    asked.append(other)
                stmt = stmt.visit(_Renamed(self.variable, rows[other]))
            out.append(stmt)
        if len(rows) == 1:
            return updated
        if not any(self.variable in names_read(s) for s in out[first + 1:]):
            del out[first]  # every request signs in as another: the first row is nobody's
        return with_fixtures(updated.with_changes(body=updated.body.with_changes(body=out)), asked)

    def _kind(self, name: str) -> str | None:
        return "headers" if name in self.headers else "user" if name in self.users else None

    def _made(self, stmt: cst.BaseStatement) -> cst.Call | None:
        """The call of `variable = [await] maker(...)`."""
        if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Assign)):
            return None
        assign = stmt.body[0]
        if len(assign.targets) != 1 or not (isinstance(assign.targets[0].target, cst.Name) and assign.targets[0].target.value == self.variable):
            return None
        value = assign.value.expression if isinstance(assign.value, cst.Await) else assign.value
        return value if isinstance(value, cst.Call) else None

    def _other_signer(self, stmt: cst.BaseStatement, mine: str) -> str | None:
        """The fixture of `mine`'s kind the statement signs in as instead of `mine` (through the
        other kind's fixture of the same user where it names that), or None."""
        names = names_read(stmt)
        kind = self._kind(mine)
        same = self.headers if kind == "headers" else self.users
        mine_too = {mine, same[mine]}
        if names & mine_too:
            return None
        found = {n if n in same else self.users.get(n) if kind == "headers" else self.headers.get(n) for n in names if self._kind(n)}
        found.discard(None)
        return found.pop() if len(found) == 1 else None


class _Renamed(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return False  # `project.id`: only the object is renamed (see leave_Attribute)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(value=updated.value.visit(self))

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.new) if updated.value == self.old else updated


def _made_as(line: cst.BaseStatement, call: cst.Call, mine: str, other: str, variable: str) -> cst.BaseStatement:
    """The statement making the row, as `other` and into `variable`."""
    made = line.deep_replace(call, call.with_changes(args=[a.visit(_Renamed(mine, other)) for a in call.args]))
    assert isinstance(made, cst.SimpleStatementLine)
    assign = made.body[0]
    assert isinstance(assign, cst.Assign)
    return made.with_changes(body=[assign.with_changes(targets=[assign.targets[0].with_changes(target=cst.Name(variable))])], leading_lines=())


def _named(variable: str, mine: str, other: str) -> str:
    """`other_project` for the row `other_auth_headers` makes where `auth_headers` made `project`."""
    prefix = other.replace(mine, "", 1) if mine in other else f"{other}_"
    return f"{prefix.strip('_')}_{variable}" if prefix.strip("_") else f"{variable}_2"


def _fresh(name: str, taken: set[str]) -> str:
    out, n = name, 2
    while out in taken:
        out, n = f"{name}_{n}", n + 1
    taken.add(out)
    return out


__all__ = ["RowPerSigner"]
