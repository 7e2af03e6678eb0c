"""Make tests send credentials: each request of the named test functions through the client
fixture gets `headers=FIXTURE` (and the test the fixture); a helper making requests with a
client it is given gets a `headers=None` parameter it passes on, and its callers pass the fixture.

Before (tests={"test_read_order"}, helpers={"create_order"}, client="client", fixture="auth_headers"):
    def create_order(client):
        return client.post("/orders/", json={"total": "1.00"}).json()
    def test_read_order(client):
        order = create_order(client)
        response = client.get(f"/orders/{order['id']}")
After:
    def create_order(client, headers=None):
        return client.post("/orders/", json={"total": "1.00"}, headers=headers).json()
    def test_read_order(client, auth_headers):
        order = create_order(client, headers=auth_headers)
        response = client.get(f"/orders/{order['id']}", headers=auth_headers)
"""

from __future__ import annotations

import libcst as cst

from codemods.function_params import appended, with_param

VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request"})


class SendHeaders(cst.CSTTransformer):
    """Add `headers=` to the client's requests in `tests` and `helpers` (see module docstring)."""

    def __init__(self, tests: set[str], helpers: set[str], client: str, fixture: str):
        super().__init__()
        self.tests, self.helpers, self.client, self.fixture = tests, helpers, client, fixture
        self._inside: list[str] = []
        self._sent = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._inside.append(node.name.value)
        if len(self._inside) == 1:
            self._sent = False

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        outer = self._inside[0] if self._inside else None
        if outer not in self.tests and outer not in self.helpers:
            return updated
        value = "headers" if outer in self.helpers else self.fixture
        func = updated.func
        request = (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)
                   and func.value.value == self.client and func.attr.value in VERBS)
        helper = outer in self.tests and isinstance(func, cst.Name) and func.value in self.helpers
        if not (request or helper) or any(a.keyword is not None and a.keyword.value == "headers" for a in updated.args):
            return updated
        self._sent = True
        arg = cst.Arg(cst.Name(value), keyword=cst.Name("headers"),
                      equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
        return updated.with_changes(args=appended(list(updated.args), arg))

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self._inside.pop()
        name = updated.name.value
        if self._inside or not self._sent:
            return updated
        if name in self.helpers:
            return with_param(updated, "headers", None, "None")
        if any(p.name.value == self.fixture for p in updated.params.params):
            return updated
        param = cst.Param(cst.Name(self.fixture))
        if updated.params.params and updated.params.params[-1].default is not None:
            return updated  # a test's parameters are fixtures; one with a default is not ours to follow
        return updated.with_changes(params=updated.params.with_changes(params=appended(list(updated.params.params), param)))
