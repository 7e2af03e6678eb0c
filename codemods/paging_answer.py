"""What a list hands back about its pages once `--pagination` changed them: the next cursor
in the clone's envelope (EnvelopeField, EnvelopeKeyword) or in a header beside a bare list
(ReturnThrough); and, for a list that no longer pages by cursor, the envelope's cursor field
taken out (DropEnvelopeField, DropKeyword)."""

from __future__ import annotations

import ast
from dataclasses import replace

from codemods.clone.field_code import optional_of
from codemods.errors import ConventionError
from codemods.imports import Import, add_imports
from codemods.list_site import ListSite, body_names
from codemods.paging_cursor import HEADER
from codemods.paging_envelope import DropEnvelopeField, EnvelopeField
from codemods.paging_response import DropKeyword, EnvelopeKeyword, ReturnThrough
from codemods.parsing import parse_module
from detectors.project import is_test_path

NEXT = "next_cursor"  # the envelope field carrying the next cursor


def cursor_out(edits, site: ListSite, flag: str) -> tuple[str, ...]:
    """Take the cursor field the list no longer hands back out of its envelope; the field, if any."""
    shown = _response_model(site.route)
    envelope = shown.split("[")[0].split(".")[-1] if shown else None
    at = _new_class(edits, envelope) if envelope else None
    if at is None:
        return ()
    node = next(n for n in ast.parse(edits[at].new).body if isinstance(n, ast.ClassDef) and n.name == envelope)
    # the cursor is the optional field that is neither the rows nor a flag (`has_more`)
    cursors = [
        s.target.id for s in node.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
        and _optional_scalar(ast.unparse(s.annotation))
    ]
    if len(cursors) != 1:
        return ()
    field = DropEnvelopeField(envelope, cursors[0])
    edits[at] = replace(edits[at], new=parse_module(edits[at].new).visit(field).code, why=(*edits[at].why, flag))
    keyword = DropKeyword(site.route.name, envelope, cursors[0])
    edits[site.router] = replace(edits[site.router], new=parse_module(edits[site.router].new).visit(keyword).code)
    return (cursors[0],)


def _optional_scalar(annotation: str) -> bool:
    optional = "None" in annotation or "Optional" in annotation
    return optional and "bool" not in annotation and "list" not in annotation.lower()


def _new_class(edits, name: str) -> int | None:
    """The edit declaring the class `name` the plan adds, if any."""
    for i, edit in enumerate(edits):
        if edit.path.endswith(".py") and not is_test_path(edit.path):
            before = {n.name for n in ast.parse(edit.old).body if isinstance(n, ast.ClassDef)} if edit.old else set()
            if any(isinstance(n, ast.ClassDef) and n.name == name for n in ast.parse(edit.new).body) and name not in before:
                return i
    return None


def hand_back(edits, site: ListSite, size: str, key: str, helper, optional_style: str, fmt, parties, flag: str) -> str:
    """The next cursor in the response: a field of the clone's envelope, or a header beside a bare list."""
    shown = _response_model(site.route)
    bare = shown is None or shown.split("[")[0].split(".")[-1] in ("list", "List", "Sequence")
    router = parse_module(edits[site.router].new)
    if bare:
        taken = body_names(site.route) - {"response"}
        if "response" in taken:
            raise ConventionError(f"{flag}: {site.route.name} already uses the name response")
        through = f'{helper.imported.bound}.with_next_cursor(response, _rows, {size}, "{key}")'
        wrapped = ReturnThrough(site.route.name, through)
        router = router.visit(wrapped)
        if not wrapped.wrapped:
            raise ConventionError(f"{flag}: {site.route.name} returns nothing to page")
        edits[site.router] = replace(
            edits[site.router], new=add_imports(router, [Import("fastapi", "Response"), helper.imported_into(edits[site.router].path)], fmt, parties).code
        )
        return f"the next cursor: the {HEADER} header of {site.route.name}'s answer (absent on the last page)"
    envelope = shown.split("[")[0].split(".")[-1]
    at, rows = _envelope(edits, envelope, flag)
    annotation, more = optional_of("str", optional_style)
    field = EnvelopeField(envelope, NEXT, annotation, "None")
    module = parse_module(edits[at].new).visit(field)
    edits[at] = replace(edits[at], new=add_imports(module, list(more), fmt, parties).code, why=(*edits[at].why, flag))
    value = f'{helper.imported.bound}.next_cursor(_rows, {size}, "{key}")'
    keyword = EnvelopeKeyword(site.route.name, envelope, NEXT, value, rows)
    router = parse_module(edits[site.router].new).visit(keyword)
    if not keyword.added:
        raise ConventionError(f"{flag}: {site.route.name} does not build its {envelope} answer with {rows}=")
    edits[site.router] = replace(edits[site.router], new=add_imports(router, [helper.imported_into(edits[site.router].path)], fmt, parties).code)
    return f"the next cursor: {envelope}.{NEXT} (None on the last page)"


def _response_model(route) -> str | None:
    for d in route.decorator_list:
        for kw in getattr(d, "keywords", ()):
            if kw.arg == "response_model":
                return ast.unparse(kw.value)
    return ast.unparse(route.returns) if route.returns is not None else None


def _envelope(edits, name: str, flag: str) -> tuple[int, str]:
    """The edit declaring the new envelope class `name`, and its field holding the rows."""
    for i, edit in enumerate(edits):
        if not edit.path.endswith(".py") or is_test_path(edit.path):
            continue
        before = {n.name for n in ast.parse(edit.old).body if isinstance(n, ast.ClassDef)} if edit.old else set()
        for node in ast.parse(edit.new).body:
            if isinstance(node, ast.ClassDef) and node.name == name and name not in before:
                rows = next(
                    (
                        s.target.id for s in node.body
                        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                        and ast.unparse(s.annotation).split("[")[0].split(".")[-1] in ("list", "List", "Sequence")
                    ),
                    None,
                )
                if rows is None:
                    raise ConventionError(f"{flag}: {name} has no list field holding the rows")
                return i, rows
    raise ConventionError(f"{flag}: the list answers {name}, which the new resource shares with others; its cursor has nowhere to go")
