"""Rows the tests make with the resource's own helper belong to the user the tests sign in as.

OwnedRows gives the fixtures' rows their owner; a helper of the test suite (`create_order(db,
**overrides)` in tests/factories.py) is called from the tests, which pass it the owner as one more
keyword, the helper merging it into its row.

Before (`OwnedHelperRows(frozenset({"create_order"}), "owner_id", "user", frozenset({"test_read_order"}))`):
    def test_read_order(client, db, auth_headers):
        order = factories.create_order(db, total=Decimal("1"))
After:
    def test_read_order(client, db, auth_headers, user):
        order = factories.create_order(db, total=Decimal("1"), owner_id=user.id)
`owned` names the functions changed.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.make_row import with_fixtures, with_keyword
from codemods.clone.nesting.build import callee


class OwnedHelperRows(cst.CSTTransformer):
    """Calls of `helpers` in `functions` pass `key=user.id`; each such function asks for `user`."""

    def __init__(self, helpers: frozenset[str], key: str, user: str, functions: frozenset[str]) -> None:
        super().__init__()
        self.helpers, self.key, self.user, self.functions = helpers, key, user, functions
        self.owned: list[str] = []
        self._top: str | None = None
        self._passed = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if self._top is None:
            if node.name.value not in self.functions or node.name.value in self.helpers:
                return False  # libcst still calls leave_FunctionDef
            self._top, self._passed = node.name.value, False
        return True

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if self._top is None or callee(updated) not in self.helpers:
            return updated
        if any(a.keyword is not None and a.keyword.value == self.key for a in updated.args):
            return updated
        self._passed = True
        return with_keyword(updated, self.key, f"{self.user}.id")

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if self._top != original.name.value:
            return updated
        self._top = None
        if not self._passed:
            return updated
        self.owned.append(original.name.value)
        return with_fixtures(updated, [self.user])
