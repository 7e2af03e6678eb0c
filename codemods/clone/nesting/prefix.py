"""Nested prefix: the clone's router is mounted under one row of the parent.

Before:  router = APIRouter(prefix="/reviews", tags=["reviews"])
After:   router = APIRouter(prefix="/items/{item_id}/reviews", tags=["reviews"])
Any `prefix=` string ending in the clone's segment is rewritten (on `APIRouter(...)` or on
`include_router(...)`, wherever the project sets it); `done` says whether one was.
"""

from __future__ import annotations

import libcst as cst


class NestPrefix(cst.CSTTransformer):
    """`prefix="/v1/reviews"` -> `prefix="/v1/items/{item_id}/reviews"`."""

    def __init__(self, segment: str, nested: str) -> None:
        super().__init__()
        self.segment = "/" + segment.strip("/")
        self.nested = "/" + nested.strip("/")
        self.done = False

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        if not (
            updated.keyword
            and updated.keyword.value == "prefix"
            and isinstance(updated.value, cst.SimpleString)
        ):
            return updated
        value = updated.value.evaluated_value
        if (
            not isinstance(value, str)
            or not value.rstrip("/").endswith(self.segment)
            or self.nested in value
        ):
            return updated
        self.done = True
        head = value.rstrip("/")[: -len(self.segment)]
        tail = value[len(head) :]
        quote = updated.value.quote
        new = f"{updated.value.prefix}{quote}{head}{self.nested}{tail}{quote}"
        return updated.with_changes(value=updated.value.with_changes(value=new))
