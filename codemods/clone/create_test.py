"""Find the cloned create test: the test that posts a literal payload and reads the response.

Read-only; the field-kind passes (computed_tests.py, union_cases.py) edit what it finds.

    def test_create_order(client, auth_headers):
        payload = {"name": "Games", "qty": 3}             <- payload (named `payload`)
        response = client.post("/orders", json=payload)   <- post (response named `response`)
        assert response.status_code == 201                <- status
        body = response.json()                            <- body (named `body`)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst


@dataclass(frozen=True)
class CreateTest:
    """Where in one test function the payload, the post, its status check and the body are."""

    function: cst.FunctionDef
    # the literal payload holding every wanted key; with none wanted, also a call of the module's
    # helper building one from keywords (`payload = order_payload()`, the helper taking `**overrides`)
    payload: cst.Dict | cst.Call
    payload_name: str | None  # the name it is bound to, if any
    response: str  # the name the post's response is bound to
    status_at: int  # index in the body of the statement checking the response's status
    body_name: str | None  # the name `response.json()` is bound to, if any
    last_body_read: int | None  # index of the last assert reading the body (else its assignment)


# a status check expecting a client's or the server's error: `== 422`, `status.HTTP_404_NOT_FOUND`
_FAILURE = re.compile(r"(?<![\w.])[45]\d\d\b|HTTP_[45]\d\d")


def expects_failure(check: str) -> bool:
    """Whether a status check (as code) expects a client's or the server's error."""
    return _FAILURE.search(check) is not None


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def dict_keys(node: cst.Dict) -> dict[str, cst.BaseExpression]:
    return {
        e.key.evaluated_value: e.value
        for e in node.elements
        if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
    }


def find_create_test(module: cst.Module, keys: set[str]) -> CreateTest | None:
    """The first top-level `test*` function posting a dict literal with all `keys` (with none,
    or a payload its helper builds from keywords) and expecting it to succeed."""
    builders = frozenset(
        s.name.value for s in module.body if isinstance(s, cst.FunctionDef) and isinstance(s.params.star_kwarg, cst.Param)
    ) if not keys else frozenset()
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value.startswith("test"):
            found = _in_function(stmt, keys, builders)
            if found is not None:
                return found
    return None


def _assigned(stmt: cst.CSTNode) -> tuple[str, cst.BaseExpression] | None:
    """`name = value`, alone on its line."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    assign = stmt.body[0]
    if isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name):
        return assign.targets[0].target.value, assign.value
    return None


def _posted(value: cst.BaseExpression) -> cst.Call | None:
    """`client.post(...)` or `await client.post(...)`."""
    if isinstance(value, cst.Await):
        value = value.expression
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "post":
        return value
    return None


def _in_function(func: cst.FunctionDef, keys: set[str], builders: frozenset[str]) -> CreateTest | None:
    if not isinstance(func.body, cst.IndentedBlock):
        return None
    body = list(func.body.body)
    dicts: dict[str, cst.Dict | cst.Call] = {}
    payload = payload_name = response = status_at = body_name = last = None
    for i, stmt in enumerate(body):
        assigned = _assigned(stmt)
        if assigned and isinstance(assigned[1], cst.Dict) and keys <= set(dict_keys(assigned[1])):
            dicts[assigned[0]] = assigned[1]
        elif assigned and isinstance(assigned[1], cst.Call) and isinstance(assigned[1].func, cst.Name) and assigned[1].func.value in builders:
            dicts[assigned[0]] = assigned[1]
        call = _posted(assigned[1]) if assigned and response is None else None
        if call is not None:
            sent = next(
                (a.value for a in call.args if a.keyword and a.keyword.value == "json"), None
            )
            if isinstance(sent, cst.Name) and sent.value in dicts:
                payload, payload_name, response = dicts[sent.value], sent.value, assigned[0]
            elif isinstance(sent, cst.Dict) and keys <= set(dict_keys(sent)):
                payload, response = sent, assigned[0]
            continue
        if response is None:
            continue
        text = _code(stmt)
        if status_at is None and f"{response}.status_code" in text:
            if expects_failure(text):
                return None  # a test of a refused payload (`json={}` and a 422) creates nothing
            status_at = i
        elif assigned and body_name is None and f"{response}.json()" in _code(assigned[1]):
            body_name, last = assigned[0], i
        elif (
            body_name
            and isinstance(stmt, cst.SimpleStatementLine)
            and isinstance(stmt.body[0], cst.Assert)
            and f"{body_name}[" in text
        ):
            last = i
    if payload is None or status_at is None:
        return None
    return CreateTest(func, payload, payload_name, response, status_at, body_name, last)
