"""Nested route paths, where routes spell their full paths and no prefix names the resource.

Before:  @router.get("/review/{id}")
After (`NestRoutePaths("/{username}/post/{post_id}")`):
         @router.get("/{username}/post/{post_id}/review/{id}")
The parent's own item path, its key renamed, goes before each route's path; a path already
under it is left alone. `done` says whether any route was nested.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.nesting.routes import VERBS


class NestRoutePaths(cst.CSTTransformer):
    """Each route decorator's path string, under `nested`."""

    def __init__(self, nested: str) -> None:
        super().__init__()
        self.nested = "/" + nested.strip("/")
        self.done = False

    def leave_Decorator(self, original: cst.Decorator, updated: cst.Decorator) -> cst.Decorator:
        call = updated.decorator
        if not (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value in VERBS
            and call.args
            and call.args[0].keyword is None
            and isinstance(call.args[0].value, cst.SimpleString)
        ):
            return updated
        string = call.args[0].value
        path = string.evaluated_value
        if not isinstance(path, str) or path.startswith(self.nested):
            return updated
        self.done = True
        new = (
            f"{string.prefix}{string.quote}{self.nested}{path if path != '/' else ''}{string.quote}"
        )
        first = call.args[0].with_changes(value=string.with_changes(value=new))
        return updated.with_changes(decorator=call.with_changes(args=[first, *call.args[1:]]))


def nested_item_path(path: str, param: str, key: str) -> str:
    """The parent's item path with its row parameter named as the key:
    `/{username}/post/{id}` -> `/{username}/post/{post_id}`."""
    head, _, tail = path.rpartition("{" + param)
    return f"{head}{{{key}}}{tail.split('}', 1)[1]}"
