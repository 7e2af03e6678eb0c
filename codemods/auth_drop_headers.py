"""Stop tests sending credentials the routes no longer ask for: `headers=FIXTURE` goes from the
calls of the named test functions, and the fixture from their parameters once nothing reads it.

Before (functions={"test_get_order"}, fixtures={"auth_headers"}):
    async def test_get_order(client, auth_headers, order):
        response = await client.get(f"/orders/{order.id}", headers=auth_headers)
After:
    async def test_get_order(client, order):
        response = await client.get(f"/orders/{order.id}")
"""

from __future__ import annotations

import libcst as cst

from codemods.auth_off import recomma


class DropHeaders(cst.CSTTransformer):
    """Drop `headers=` arguments naming one of `fixtures`, then the unused fixture parameters."""

    def __init__(self, functions: set[str], fixtures: set[str]):
        super().__init__()
        self.functions, self.fixtures = functions, fixtures
        self._inside: list[str] = []
        self.changed: set[str] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._inside.append(node.name.value)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not self._inside or self._inside[0] not in self.functions:
            return updated
        kept = [a for a in updated.args if not (
            a.keyword is not None and a.keyword.value == "headers"
            and isinstance(a.value, cst.Name) and a.value.value in self.fixtures)]
        if len(kept) == len(updated.args):
            return updated
        self.changed.add(self._inside[0])
        return updated.with_changes(args=recomma(updated.args, kept))

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self._inside.pop()
        name = updated.name.value
        if self._inside or name not in self.changed:
            return updated
        used = _names(updated.body)
        params = updated.params.params
        kept = [p for p in params if p.name.value not in self.fixtures or p.name.value in used]
        return updated.with_changes(params=updated.params.with_changes(params=recomma(params, kept)))


def _names(node: cst.CSTNode) -> set[str]:
    found: set[str] = set()

    class _Collect(cst.CSTVisitor):
        def visit_Name(self, n: cst.Name) -> None:
            found.add(n.value)

    node.visit(_Collect())
    return found
