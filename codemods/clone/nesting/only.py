"""Nesting the clone's code alone, where it shares a module with the project's own.

Before (`main.py` holding every resource; the plan added `Review` and its routes):
    @app.get("/authors/{author_id}")
    def read_author(author_id: int, db: Session = Depends(get_db)): ...
    @app.get("/reviews/{review_id}")
    def read_review(review_id: int, db: Session = Depends(get_db)): ...
After (`module.visit(OnlyDefinitions(NestRoutes(...), {"read_review"}))`):
    @app.get("/authors/{author_id}")
    def read_author(author_id: int, db: Session = Depends(get_db)): ...
    def read_review(author_id: int, review_id: int, db: Session = Depends(get_db)): ...
`OnlyDefinitions` runs any transformer over the top-level statements defining the given names
and keeps every other statement as it was: the transformer never sees one (so counts nothing of
it: routes it could not scope, fields it dropped) nor rewrites it; its `leave_Module` gets the
module made of the clone's statements alone. What that returns goes back in their place: a
statement defining one of their names takes its place, one it adds goes after the statement
before it (before the clone's first, where it leads). `added_definitions` names the clone's
statements: those the plan's edit added, told by the names they define.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

import libcst as cst

from detectors.resources import top_level_names


class OnlyDefinitions(cst.CSTTransformer):
    """`inner`, over the module's top-level statements defining names in `names` only."""

    def __init__(self, inner: cst.CSTTransformer, names: Iterable[str]) -> None:
        super().__init__()
        self.inner = inner
        self.names = frozenset(names)
        self._kept: dict[int, cst.BaseStatement] = {}

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Module):
            self._kept = {id(s): s for s in node.body if not self._ours(s)}
        elif id(node) in self._kept:
            return False  # the project's own statement: the transformer never sees it
        return self.inner.on_visit(node)

    def on_leave(
        self, original_node: cst.CSTNode, updated_node: cst.CSTNode
    ) -> cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel[cst.CSTNode]:
        if id(original_node) in self._kept:
            return updated_node  # not visited, so the statement itself
        if not isinstance(updated_node, cst.Module):
            return self.inner.on_leave(original_node, updated_node)
        visible = [s for s in updated_node.body if id(s) not in self._kept]
        left = self.inner.on_leave(original_node, updated_node.with_changes(body=visible))
        if not isinstance(left, cst.Module):
            return left
        return left.with_changes(body=self._merged(list(updated_node.body), list(left.body)))

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        if id(node) not in self._kept:
            self.inner.on_visit_attribute(node, attribute)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        if id(original_node) not in self._kept:
            self.inner.on_leave_attribute(original_node, attribute)

    def _ours(self, stmt: cst.BaseStatement) -> bool:
        bound = defined_names(stmt)
        return bool(bound) and bound <= self.names

    def _merged(
        self, slots: list[cst.BaseStatement], clone: list[cst.BaseStatement]
    ) -> list[cst.BaseStatement]:
        """The module's statements, `slots`, with the clone's replaced by what its `leave_Module`
        gave, `clone` (see the module docstring)."""
        at: dict[int, int] = {}  # a clone statement (by identity), or a name it defines -> slot
        by_name: dict[str, int] = {}
        for i, stmt in enumerate(slots):
            if id(stmt) not in self._kept:
                at[id(stmt)] = i
                by_name |= {name: i for name in defined_names(stmt)}
        placed: dict[int, list[cst.BaseStatement]] = {i: [] for i in at.values()}
        leading: list[cst.BaseStatement] = []
        anchor: int | None = None
        for stmt in clone:
            slot = at.get(id(stmt))
            if slot is None:
                slot = next((by_name[n] for n in defined_names(stmt) if n in by_name), None)
            if slot is not None:
                anchor = slot
                placed[slot].append(stmt)
            elif anchor is None:
                leading.append(stmt)
            else:
                placed[anchor].append(stmt)
        first = min(placed, default=len(slots))
        out: list[cst.BaseStatement] = []
        for i, stmt in enumerate(slots):
            if i == first:
                out += leading
            out += [stmt] if id(stmt) in self._kept else placed[i]
        return out if first < len(slots) else [*out, *leading]


def defined_names(stmt: cst.BaseStatement) -> frozenset[str]:
    """The names a top-level statement defines: a function's or class's, an assignment's targets."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return frozenset({stmt.name.value})
    out: set[str] = set()
    if isinstance(stmt, cst.SimpleStatementLine):
        for small in stmt.body:
            if isinstance(small, cst.Assign):
                out |= {t.target.value for t in small.targets if isinstance(t.target, cst.Name)}
            elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                out.add(small.target.value)
    return frozenset(out)


def added_definitions(new: str, old: str | None) -> frozenset[str]:
    """The names the top-level statements of `new` define that `old` did not (all, without
    `old`): the clone's definitions in a module it shares with the project's own."""
    before = _bound(old) if old is not None else set()
    return frozenset(_bound(new) - before)


def _bound(text: str) -> set[str]:
    return {name for node in ast.parse(text).body for name in top_level_names(node)}
