"""Paging inputs of the list operation, by role: cursor, offset, page or none."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codemods.context import ResourceContext
from detectors._ast import annotation_names


@dataclass(frozen=True)
class Pagination:
    """The list operation's paging inputs, by role (cursor/offset/page/none)."""

    style: str
    names: tuple[
        str, ...
    ]  # parameter names in order: (cursor, limit) / (skip, limit) / (page, size)
    dependency_param: str | None = None  # `pagination: PageParams = Depends()`: its parameter name
    cursor_is_str: bool = False  # next_cursor is sent as a string

    def expr(self, name: str) -> str:
        return f"{self.dependency_param}.{name}" if self.dependency_param else name


def pagination_of(ctx: ResourceContext) -> Pagination:
    p = ctx.conv.pagination
    names = tuple(n for n, _ in p.params)
    if p.style == "none" or not names:
        return Pagination("none", ())
    dep_param = None
    if p.dependency:
        dep_param = _dependency_param_name(ctx, p.dependency) or "pagination"
    return Pagination(p.style, names, dep_param, _next_cursor_is_str(ctx))


def _dependency_param_name(ctx: ResourceContext, dependency: str) -> str | None:
    for e in ctx.index.endpoints():
        for arg in e.func.args.args + e.func.args.kwonlyargs:
            if arg.annotation is not None and dependency in set(annotation_names(arg.annotation)):
                return arg.arg
    return None


def _next_cursor_is_str(ctx: ResourceContext) -> bool:
    for info in ctx.index.relevant:
        for node in info.nodes(ast.AnnAssign):
            if isinstance(node.target, ast.Name) and node.target.id in (
                "next_cursor",
                "cursor",
                "next",
            ):
                return "str" in set(annotation_names(node.annotation))
    return False
