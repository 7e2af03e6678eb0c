"""Make a `--pagination cursor` keyset follow the `--sort` key the list was given.

Before (in the query function, and in the route handing the cursor back):
    select(Order).order_by(sort_column.desc() if sort.startswith("-") else sort_column, Order.id)
        .where(*cursor_pages.after_cursor(cursor, Order.id))
    next_cursor=cursor_pages.next_cursor(orders, limit, "id")
After:
    ....where(*cursor_pages.after_cursor(cursor, sort_column, Order.id, descending=sort.startswith("-")))
    next_cursor=cursor_pages.next_cursor(orders, limit, sort.lstrip("-"), "id")
"""

from __future__ import annotations

import ast
from dataclasses import replace

import libcst as cst

from codemods.errors import ConventionError
from codemods.list_site import ListSite
from codemods.paging_params import last_name
from codemods.parsing import parse_module
from codemods.query_order import COLUMN
from codemods.within_function import WithinFunction

AFTER, NEXT = "after_cursor", ("next_cursor", "with_next_cursor")


def can_follow(site: ListSite, keys: tuple[str, ...], spec) -> bool:
    """Whether the keyset is `--pagination cursor`'s (it can follow a sort); refused on a NULL-able key."""
    ours = any(
        isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == AFTER
        for c in ast.walk(site.query)
    )
    optional = [f.column_name for f in spec.fields if f.optional and f.column_name in keys]
    if ours and optional:
        raise ConventionError(
            f"--sort {optional[0]}: the field may be empty (NULL), and a cursor cannot page past "
            "NULLs without skipping rows; sort by a required field"
        )
    return ours


class KeysetFollowsSort(WithinFunction):
    """In `function`: the keyset `after_cursor(cursor, <key>)` takes the sort column first, in
    the sort's direction; `next_cursor(rows, limit, "<key>")` (or `with_next_cursor`) the sort
    key's value first. `changed` counts the calls."""

    def __init__(self, function: str, sort: str = "sort"):
        super().__init__(function)
        self.sort = sort
        self.changed = 0

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        name = last_name(updated.func) if self.inside else None
        args = list(updated.args)
        if name == AFTER and len(args) == 2:
            self.changed += 1
            keyword = cst.Arg(
                keyword=cst.Name("descending"),
                value=cst.parse_expression(f'{self.sort}.startswith("-")'),
                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
            )
            return updated.with_changes(args=[args[0], cst.Arg(cst.Name(COLUMN), comma=args[0].comma), args[1].with_changes(comma=args[0].comma), keyword])
        if name in NEXT and args and isinstance(args[-1].value, cst.SimpleString) and len(args) == 3 + (name != NEXT[0]):
            self.changed += 1
            key = cst.Arg(cst.parse_expression(f'{self.sort}.lstrip("-")'), comma=args[0].comma)
            return updated.with_changes(args=[*args[:-1], key, args[-1]])
        return updated


def follow_sort(edits: list, site: ListSite) -> None:
    """Make the keyset of the list at `site` follow its sort, in `edits` (its query and route)."""
    for at, function in {(site.data, site.function), (site.router, site.route.name)}:
        module = parse_module(edits[at].new).visit(KeysetFollowsSort(function))
        edits[at] = replace(edits[at], new=module.code)
