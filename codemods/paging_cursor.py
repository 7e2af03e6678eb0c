"""The cursor helper module of `--pagination cursor`: written once beside the project's shared
helpers (or its routers), found again by later runs.

A cursor is the last row's keyset values as urlsafe base64 of JSON: opaque to clients, and a
cursor the API did not write is a 400, never a 500.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codemods.cache_place import _routers_parent, shared_package
from codemods.errors import ConventionError
from codemods.imports import Import
from detectors.project import ProjectIndex, is_test_path, module_name

STEM = "cursor_pages"
API = {"after_cursor", "next_cursor", "with_next_cursor"}
HEADER = "X-Next-Cursor"  # where a bare list's next cursor goes

HELPER = f'''"""Keyset pagination with opaque cursors: a cursor holds the last row's keyset values as
urlsafe base64 of JSON, so clients pass it back without depending on what it holds."""

from __future__ import annotations

import base64
import binascii
import datetime
import json

from fastapi import HTTPException, Response
from sqlalchemy import and_, or_

NEXT_CURSOR_HEADER = "{HEADER}"


def encode_cursor(values: list) -> str:
    """The cursor after a row whose keyset values are `values`."""
    return base64.urlsafe_b64encode(json.dumps(values, default=str).encode()).decode()


def _typed(column, value):
    """`value` read from a cursor as the column's Python type; ValueError when it is not one."""
    if not isinstance(value, (int, float, str)):
        raise ValueError(value)
    try:
        kind = column.type.python_type
    except NotImplementedError:  # a column type that does not say: compared as sent
        kind = object
    if (kind is bool) != isinstance(value, bool):
        raise ValueError(value)
    if kind is object or isinstance(value, kind):
        return value
    if kind in (datetime.datetime, datetime.date):
        return kind.fromisoformat(value)
    if kind is int:
        raise ValueError(value)
    return kind(value)


def after_cursor(cursor: str | None, *columns, descending: bool = False) -> list:
    """The condition keeping the rows after `cursor` in the order of `columns`, the first one
    descending when `descending`, the others (the tie-breakers) ascending; none on the first
    page. A cursor this API did not write is a 400."""
    if cursor is None:
        return []
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        if not isinstance(values, list) or len(values) != len(columns):
            raise ValueError(cursor)
        typed = [_typed(column, value) for column, value in zip(columns, values)]
    except (ValueError, TypeError, ArithmeticError, binascii.Error) as exc:  # Decimal's InvalidOperation
        raise HTTPException(status_code=400, detail="Malformed cursor") from exc
    # after (a, b): a beyond, or a equal and b beyond, and so on
    alternatives = []
    for at, (column, value) in enumerate(zip(columns, typed)):
        beyond = column < value if descending and at == 0 else column > value
        equal = [c == v for c, v in zip(columns[:at], typed[:at])]
        alternatives.append(and_(*equal, beyond))
    return [or_(*alternatives)]


def next_cursor(rows, limit: int, *names: str) -> str | None:
    """The cursor after the last of `rows`; None when they are the last page (fewer than `limit`)."""
    if not rows or len(rows) < limit:
        return None
    return encode_cursor([getattr(rows[-1], name) for name in names])


def with_next_cursor(response: Response, rows, limit: int, *names: str):
    """`rows`, with the next page's cursor in the {HEADER} header when there is a next page."""
    cursor = next_cursor(rows, limit, *names)
    if cursor is not None:
        response.headers[NEXT_CURSOR_HEADER] = cursor
    return rows
'''


@dataclass(frozen=True)
class CursorHelper:
    """The helper's path, how the router imports it, and its text when the run writes it."""

    path: str
    imported: Import
    text: str | None
    relative: bool = False  # the project imports its own modules relatively (`from . import crud`)

    def imported_into(self, path: str) -> Import:
        """How the module at `path` imports the helper: relatively where the project does."""
        here, there = path.split("/")[:-1], self.path.split("/")[:-1]
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        if not self.relative or not common:
            return self.imported
        return Import("." * (len(here) - common + 1) + ".".join(there[common:]), STEM)


def cursor_helper(index: ProjectIndex, router_path: str, planned: tuple[str, ...] = (), relative: bool = False) -> CursorHelper:
    """The project's cursor helper if it has one, else a new one beside its shared helpers."""
    for path in (*index.files, *planned):
        if path.rsplit("/", 1)[-1] == f"{STEM}.py" and not is_test_path(path):
            info = index.get(path)
            if path in planned:
                return CursorHelper(path, _import(path), None, relative)
            names = {s.name for s in info.tree.body if isinstance(s, ast.FunctionDef)} if info else set()
            if not API <= names:
                raise ConventionError(f"--pagination cursor: {path} exists and is not the cursor helper; rename it")
            return CursorHelper(path, _import(path), None, relative)
    directory = shared_package(index, router_path) or _routers_parent(index, router_path)
    path = f"{directory}/{STEM}.py" if directory else f"{STEM}.py"
    return CursorHelper(path, _import(path), HELPER, relative)


def _import(path: str) -> Import:
    package, _, stem = module_name(path).rpartition(".")
    return Import(package, stem) if package else Import(stem)
