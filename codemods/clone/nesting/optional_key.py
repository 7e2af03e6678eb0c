"""A route filtering by the parent's key as an optional query parameter takes it from the path.

An exemplar already pointing at the parent may list its rows of one parent on request
(`GET /notes?project_id=...`). Nested, the key is the path's and always given: the optional
parameter goes, NestRoutes puts the path's in its place, and the data access it was passed to
filters by it as before.

Before (`DropOptionalKey("project_id")`):
    @router.get("")
    async def list_reviews(project_id: uuid.UUID | None = None, cursor: str | None = None, repo=...):
        return await repo.list_for_owner(cursor=cursor, project_id=project_id)
After:
    @router.get("")
    async def list_reviews(cursor: str | None = None, repo=...):
        return await repo.list_for_owner(cursor=cursor, project_id=project_id)
A parameter defaulting to anything but `None` (`Query(None)` counts as `None`) is no optional
filter and stays. `dropped` names the routes that lost it.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.routes import _route


def _none() -> m.OneOf:
    """`None`, `Query(None)`, `Query(default=None)`: a default of no value."""
    return (
        m.Name("None")
        | m.Call(args=[m.Arg(m.Name("None"), keyword=None), m.ZeroOrMore()])
        | m.Call(args=[m.ZeroOrMore(), m.Arg(m.Name("None"), keyword=m.Name("default")), m.ZeroOrMore()])
    )


class DropOptionalKey(cst.CSTTransformer):
    """The optional parameter `key` out of each top-level route function."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.dropped: list[str] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # routes are top-level

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        if _route(updated) is None:
            return updated
        params = updated.params
        changes = {}
        for field in ("params", "kwonly_params"):
            listed = list(getattr(params, field))
            kept = [
                p
                for p in listed
                if not (
                    p.name.value == self.key
                    and p.default is not None
                    and m.matches(p.default, _none())
                )
            ]
            if len(kept) < len(listed):
                if kept and listed[-1] not in kept:  # the last one went: its comma layout stays
                    kept[-1] = kept[-1].with_changes(comma=listed[-1].comma)
                changes[field] = kept
        if not changes:
            return updated
        self.dropped.append(updated.name.value)
        return updated.with_changes(params=params.with_changes(**changes))
