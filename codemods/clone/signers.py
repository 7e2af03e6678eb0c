"""Who the resource's tests sign in as, changed with its access rule.

`SwapSigner("auth_headers", "admin_headers")`: the tests that expect to get through send the
headers of a user with the role now required (tests expecting 401 or 403 send the wrong user on
purpose and keep theirs).
Before:
    async def test_get_order(client, auth_headers, order):
        response = await client.get(f"/orders/{order.id}", headers=auth_headers)
After:
    async def test_get_order(client, admin_headers, order):
        response = await client.get(f"/orders/{order.id}", headers=admin_headers)

A test taking both fixtures keeps one. `DropRefusals()`: the tests expecting 403 go, once the
guard they tested is gone or required of every route (the access tests prove it there).
`DropTwoSigners(fixtures)`: the tests signing in as two users go, once an owner rule is added.
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods.statuses import asserted_statuses

_REFUSALS = {401, 403}


def _asserts(node: cst.FunctionDef, statuses: set[int]) -> bool:
    tree = ast.parse(cst.Module([]).code_for_node(node.with_changes(decorators=[])).strip())
    return bool(asserted_statuses(tree) & statuses)


class SwapSigner(cst.CSTTransformer):
    """The fixture `old` -> `new` in the test functions that expect no refusal."""

    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new
        self.swapped: list[str] = []
        self._inside = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if self._inside or not node.name.value.startswith("test") or _asserts(node, _REFUSALS):
            return False
        if not any(p.name.value == self.old for p in (*node.params.params, *node.params.kwonly_params)):
            return False
        self._inside += 1
        return True

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if self._inside and original.name.value.startswith("test"):
            self._inside -= 1
            params = list(updated.params.params)
            named = [p.name.value for p in params]
            if named.count(self.new) > 1:  # it took both: the one left signs in for both
                at = len(named) - 1 - named[::-1].index(self.new)
                if at == len(params) - 1 and at > 0:
                    params[at - 1] = params[at - 1].with_changes(comma=params[at].comma)
                del params[at]
                updated = updated.with_changes(params=updated.params.with_changes(params=params))
            if not original.deep_equals(updated):
                self.swapped.append(updated.name.value)
        return updated

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.new) if self._inside and updated.value == self.old else updated


class DropRefusals(cst.CSTTransformer):
    """Top-level test functions asserting a 403 are removed; `dropped` names them."""

    def __init__(self, statuses: frozenset[int] = frozenset({403}), among: frozenset[str] | None = None) -> None:
        super().__init__()
        self.statuses, self.among = set(statuses), among  # among: only these tests (None: all)
        self.dropped: list[str] = []

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef | cst.RemovalSentinel:
        name = updated.name.value
        if name.startswith("test") and (self.among is None or name in self.among) and _asserts(updated, self.statuses):
            self.dropped.append(updated.name.value)
            return cst.RemoveFromParent()
        return updated


class DropTwoSigners(cst.CSTTransformer):
    """Top-level tests signing in as two of `fixtures` (a user makes a row, another acts on it)
    are removed: an owner rule now decides what the second may do, and the access tests prove it."""

    def __init__(self, fixtures: frozenset[str]) -> None:
        super().__init__()
        self.fixtures = fixtures
        self.dropped: list[str] = []

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef | cst.RemovalSentinel:
        taken = {p.name.value for p in (*updated.params.params, *updated.params.kwonly_params)}
        if updated.name.value.startswith("test") and len(taken & self.fixtures) > 1:
            self.dropped.append(updated.name.value)
            return cst.RemoveFromParent()
        return updated
