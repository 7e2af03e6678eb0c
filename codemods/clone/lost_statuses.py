"""Tests of an answer the clone no longer gives go.

When code tied to a dropped field held the only `raise HTTPException(403)` of the exemplar's
routes (an owner check, and the new model has no owner), the clone never answers 403, so the
cloned tests asserting 403 test something that is not there. Statuses the clone still raises,
and those raised by dependencies rather than route bodies, are left alone.

Before (exemplar raises 404 and 403, the clone only 404):
    def test_read_tag_not_enough_permissions(client): assert client.get(...).status_code == 403
    def test_read_tag_not_found(client): assert client.get(...).status_code == 404
After:
    def test_read_tag_not_found(client): assert client.get(...).status_code == 404
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from codemods.statuses import asserted_statuses, raised_statuses


def lost_statuses(exemplar_routes: Iterable[ast.AST], clone_routes: Iterable[ast.AST]) -> set[int]:
    """Statuses the exemplar's route bodies raise and the clone's do not."""
    before = set().union(*(raised_statuses(r) for r in exemplar_routes))
    after = set().union(*(raised_statuses(r) for r in clone_routes))
    return before - after


def tests_asserting(code: str, statuses: set[int], keep: set[str]) -> dict[str, int]:
    """Test functions of `code` (those not in `keep`) asserting one of `statuses`: name -> status."""
    out = {}
    for stmt in ast.parse(code).body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name.startswith("test") and stmt.name not in keep:
            hit = asserted_statuses(stmt) & statuses
            if hit:
                out[stmt.name] = min(hit)
    return out
