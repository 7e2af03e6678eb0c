"""A request under another user's parent expects what the parent's lookup answers that user.

Where the parent's lookup keeps to the signed-in user's rows (owned_parent.py), every nested
route refuses a user asking under another user's parent before its own rule is reached (a list
leaving their rows out, a 403 for another user's row). A test making its parent with one user's
credentials and requesting under it with another's (a cross-user test cloned from the
exemplar's) expects that refusal instead: its status assertion says the lookup's status, and
what it reads of the answer's body goes, with the locals and private helpers only that read.

Before (`OthersParentAnswers("new_customer", 404)`):
    async def test_other_user_does_not_list_reviews(client, auth_headers, other_auth_headers):
        customer_id = await new_customer(client, auth_headers)
        created = await client.post(app.url_path_for("create_review", customer_id=str(customer_id)), headers=auth_headers)
        key = created.json()["id"]
        response = await client.get(app.url_path_for("list_reviews", customer_id=str(customer_id)), headers=other_auth_headers)
        assert response.status_code == 200, response.text
        assert key not in _ids(response.json())
After:
        customer_id = await new_customer(client, auth_headers)
        created = await client.post(app.url_path_for("create_review", customer_id=str(customer_id)), headers=auth_headers)
        response = await client.get(app.url_path_for("list_reviews", customer_id=str(customer_id)), headers=other_auth_headers)
        assert response.status_code == 404, response.text
`undecided` names the tests needing a status the lookup's own code does not say.
"""

from __future__ import annotations

import http
import re

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.nodes import find_names, named_assign, only_statement

_VERBS = frozenset({"get", "post", "put", "patch", "delete"})
_READ = frozenset({"status_code", "text"})  # what a refused answer still has to read


class OthersParentAnswers(cst.CSTTransformer):
    """See the module docstring: tests making their parent with `maker`; `status` the lookup's
    answer to another user (None: not said by its code)."""

    def __init__(self, maker: str, status: int | None) -> None:
        super().__init__()
        self.maker, self.status = maker, status
        self.undecided: list[str] = []
        self.rewritten: list[str] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # tests are top-level

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        body = list(updated.body.body)
        made = next((found for s in body if (found := self._made(s)) is not None), None)
        if made is None:
            return updated
        variable, owners = made
        foreign: set[str] = set()  # answers to another user's requests
        gone: set[str] = set()  # locals read from those answers' bodies, dropped with them
        kept: list[cst.BaseStatement] = []
        for stmt in body:
            assigned = named_assign(stmt)
            if assigned is not None:
                foreign.discard(assigned[0])
                gone.discard(assigned[0])
            if sent_by_other(stmt, variable, owners):
                if assigned is not None:
                    foreign.add(assigned[0])
                kept.append(stmt)
                continue
            expected = _status_assert(stmt, foreign)
            if expected is not None:
                if self.status is None:
                    self.undecided.append(updated.name.value)
                    return updated
                kept.append(_expecting(stmt, expected, self.status))
                continue
            if foreign | gone and _reads_answer(stmt, foreign, gone):
                if assigned is not None:
                    gone.add(assigned[0])
                continue
            kept.append(stmt)
        if kept == body:
            return updated
        self.rewritten.append(updated.name.value)
        kept = _without_unread(kept, body)
        return updated.with_changes(body=updated.body.with_changes(body=kept))

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        if not self.rewritten:
            return updated
        private = [
            s.name.value
            for s in original.body
            if isinstance(s, cst.FunctionDef) and s.name.value.startswith("_")
        ]
        unread = {n for n in private if not _only_itself(original, n) and _only_itself(updated, n)}
        body = [
            s
            for s in updated.body
            if not (isinstance(s, cst.FunctionDef) and s.name.value in unread)
        ]
        return updated.with_changes(body=body)

    def _made(self, stmt: cst.BaseStatement) -> tuple[str, set[str]] | None:
        """(variable, the code of each argument) of `variable = [await] maker(client, headers)`."""
        assigned = named_assign(stmt)
        if assigned is None:
            return None
        call = _awaited(assigned[1].value)
        if not (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Name)
            and call.func.value == self.maker
        ):
            return None
        return assigned[0], {_code(a.value) for a in call.args}


def sent_by_other(stmt: cst.BaseStatement, variable: str, owners: set[str]) -> bool:
    """Whether the line keeps the answer to a request under the parent (its URL reads `variable`)
    sent with credentials the parent was not made with (`owners`, the code of the arguments
    making it; fewer than two: the client alone, the parent is nobody's)."""
    if len(owners) < 2:
        return False
    assigned = named_assign(stmt)
    call = _awaited(assigned[1].value) if assigned is not None else None
    if not (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value in _VERBS
        and call.args
        and any(n.value == variable for n in find_names(call.args[0].value))
    ):
        return False
    headers = next((a.value for a in call.args if a.keyword and a.keyword.value == "headers"), None)
    return headers is not None and _code(headers) not in owners


def _status_assert(stmt: cst.BaseStatement, foreign: set[str]) -> cst.Comparison | None:
    """`assert response.status_code == 200[, ...]`, of an answer in `foreign`."""
    small = only_statement(stmt)
    test = small.test if isinstance(small, cst.Assert) else None
    if (
        isinstance(test, cst.Comparison)
        and len(test.comparisons) == 1
        and m.matches(test.left, m.Attribute(value=m.Name(), attr=m.Name("status_code")))
        and isinstance(test.left, cst.Attribute)
        and isinstance(test.left.value, cst.Name)
        and test.left.value.value in foreign
    ):
        return test
    return None


def _expecting(stmt: cst.BaseStatement, test: cst.Comparison, status: int) -> cst.BaseStatement:
    """The assertion comparing with `status`, spelled as it spelled its own (`status.HTTP_..`)."""
    target = test.comparisons[0].comparator
    written = cst.Module([]).code_for_node(target)
    prefix = re.match(r"(.*\.)HTTP_\d{3}_", written)
    spelled = (
        f"{prefix.group(1)}HTTP_{status}_{http.HTTPStatus(status).name}" if prefix else str(status)
    )
    comparison = test.comparisons[0].with_changes(
        operator=cst.Equal(), comparator=cst.parse_expression(spelled)
    )
    assert isinstance(stmt, cst.SimpleStatementLine)
    small = stmt.body[0]
    assert isinstance(small, cst.Assert)
    new = stmt.with_changes(
        body=[small.with_changes(test=test.with_changes(comparisons=[comparison]))]
    )
    return stmt if _code(new) == _code(stmt) else new  # expecting it already


def _reads_answer(stmt: cst.BaseStatement, foreign: set[str], gone: set[str]) -> bool:
    """Whether the line reads a refused answer's body (anything but its status and text), or a
    local read from one."""
    names = [n.value for n in find_names(stmt)]
    if any(n in gone for n in names):
        return True
    plain = sum(1 for n in names if n in foreign)
    allowed = sum(
        1
        for a in m.findall(stmt, m.Attribute(value=m.Name(), attr=m.Name()))
        if isinstance(a, cst.Attribute)
        and isinstance(a.value, cst.Name)
        and a.value.value in foreign
        and a.attr.value in _READ
    )
    return plain > allowed


def _without_unread(kept: list[cst.BaseStatement], body: list[cst.BaseStatement]):
    """`kept` without the plain assignments (no await) whose every reader was dropped."""
    out = []
    for stmt in kept:
        assigned = named_assign(stmt)
        if assigned is not None and not m.findall(assigned[1].value, m.Await()):
            name = assigned[0]
            if _reads(body, name) and not _reads(kept, name):
                continue
        out.append(stmt)
    return out


def _reads(statements: list[cst.BaseStatement], name: str) -> int:
    """How many times `statements` read `name` (assigning it aside)."""
    count = 0
    for stmt in statements:
        assigned = named_assign(stmt)
        count += sum(1 for n in find_names(stmt) if n.value == name)
        count -= 1 if assigned is not None and assigned[0] == name else 0
    return count


def _only_itself(module: cst.Module, name: str) -> bool:
    """Whether the module's function `name` is named nowhere but in its own definition."""
    definition = next(
        s for s in module.body if isinstance(s, cst.FunctionDef) and s.name.value == name
    )
    return _uses(module, name) == _uses(definition, name)


def _uses(node: cst.CSTNode, name: str) -> int:
    return sum(1 for n in find_names(node) if n.value == name)


def _awaited(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.expression if isinstance(node, cst.Await) else node


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)
