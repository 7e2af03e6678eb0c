"""Tests of the clone expecting a row without a parent go: nested, every row has one.

Where the exemplar pointed at the parent through an optional key (`warehouse_id`, set to null
when its warehouse goes), its tests of that are cloned; nested, the key is required and the row
goes with its parent, so such a test can only fail.

Before (`DropNullParentTests("warehouse_id", {"test_unassigns", "test_get"})`):
    def test_unassigns(client, warehouse):
        client.delete(f"/warehouses/{warehouse['id']}")
        assert client.get(...).json()["data"]["warehouse_id"] is None

    def test_get(client): ...
After:
    def test_get(client): ...
A test asserting `<row>["warehouse_id"] is None` or `<row>.warehouse_id is None` goes, a method
of a test class as well; `dropped` names them.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m


class DropNullParentTests(cst.CSTTransformer):
    """The named tests asserting the key is None, removed (see the module docstring)."""

    def __init__(self, key: str, functions: frozenset[str]) -> None:
        super().__init__()
        self.key, self.functions = key, functions
        self.dropped: list[str] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # a test's own functions are no tests

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef | cst.RemovalSentinel:
        if updated.name.value not in self.functions or not any(
            self._null_key(a.test)
            for a in m.findall(updated, m.Assert())
            if isinstance(a, cst.Assert)
        ):
            return updated
        self.dropped.append(updated.name.value)
        return cst.RemoveFromParent()

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if not updated.body.body:  # every test of the class went
            return updated.with_changes(
                body=updated.body.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
            )
        return updated.with_changes(
            body=updated.body.with_changes(body=_first(original.body.body, updated.body.body))
        )

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        return updated.with_changes(body=_first(original.body, updated.body))

    def _null_key(self, test: cst.BaseExpression) -> bool:
        key = m.Subscript(
            slice=[m.SubscriptElement(m.Index(m.SimpleString(m.MatchIfTrue(self._names_key))))]
        ) | m.Attribute(attr=m.Name(self.key))
        return m.matches(test, m.Comparison(key, [m.ComparisonTarget(m.Is(), m.Name("None"))]))

    def _names_key(self, quoted: str) -> bool:
        return quoted[1:-1] == self.key


def _first(before, after) -> list:
    """`after`, whose first statement, where the first of `before` went, loses its blank lines."""
    out = list(after)
    named = bool(out) and bool(before) and getattr(before[0], "name", None) is not None
    if named and getattr(getattr(out[0], "name", None), "value", None) != before[0].name.value:
        out[0] = out[0].with_changes(leading_lines=[])
    return out
