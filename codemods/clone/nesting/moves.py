"""Cloned tests moving a row to another parent, or filtering a list by one, go when nesting.

An exemplar already pointing at the parent has tests sending the key outside a create: an update
moving the row (`json={"project_id": other["id"]}`) or a list filtered by it
(`params={"project_id": first["id"]}`). Nested, the key is the path's: a row stays under its
parent and a list is its parent's, so those tests test nothing the routes still do.

Before (`DropParentMoves("project_id", {"test_update_review", "test_get_review"})`):
    async def test_update_review(client, auth_headers):
        response = await client.patch(f"/reviews/{review['id']}", json={"project_id": other["id"]})
    async def test_get_review(client, auth_headers):
        response = await client.get(f"/reviews/{review['id']}")
After:
    async def test_get_review(client, auth_headers):
        response = await client.get(f"/reviews/{review['id']}")
A create (`post`) sending the key stays: NestTestUrls requests it under the parent it names.
`dropped` names the tests that went.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.nodes import find_calls

# requests that do not create: a key they send moves a row, or filters a list
_NOT_CREATING = frozenset({"get", "put", "patch", "delete"})


class DropParentMoves(cst.CSTTransformer):
    """The top-level tests among `functions` sending `key` in a request other than a create, dropped."""

    def __init__(self, key: str, functions: frozenset[str]) -> None:
        super().__init__()
        self.key, self.functions = key, functions
        self.dropped: list[str] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # tests are top-level

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef | cst.RemovalSentinel:
        name = original.name.value
        if name.startswith("test") and name in self.functions and self._moves(original):
            self.dropped.append(name)
            return cst.RemoveFromParent()
        return updated

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body = list(updated.body)
        first = original.body[0] if original.body else None
        if body and body[0] is not first and isinstance(first, cst.FunctionDef):
            # the module's first statement went: the next one starts the module as it did
            body[0] = body[0].with_changes(leading_lines=first.leading_lines)
            return updated.with_changes(body=body)
        return updated

    def _moves(self, test: cst.FunctionDef) -> bool:
        request = m.Call(func=m.Attribute(attr=m.Name(m.MatchIfTrue(lambda v: v in _NOT_CREATING))))
        for call in find_calls(test, request):
            for arg in call.args:
                if isinstance(arg.value, cst.Dict) and any(
                    isinstance(e, cst.DictElement)
                    and isinstance(e.key, cst.SimpleString)
                    and e.key.evaluated_value == self.key
                    for e in arg.value.elements
                ):
                    return True
        return False
