"""`--pagination cursor | offset | page | none`: how the new resource's list pages.

Parsed once; then a pass over the planned code (like `--filter`/`--sort`) rewrites the list route
and the query it builds into the asked style, unless the exemplar already pages that way: the
route's paging parameters (SwapParams, SwapArguments where it passes them on, RenameNames for a
renamed size; QueryParams where it took none), and the query: its `.offset()`/`.limit()`
(PagingChain), a keyset taken out (DropKeyset, OffsetBeforeLimit), or paging added after its
last building call (PageAfterBuilders). A cursor's next value goes in the clone's envelope or a
header (paging_answer), through a helper module written once (paging_cursor); stale cloned tests
go (paging_stale_tests) and a test module proves the pages (clone/pagination_tests.py).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, replace

import libcst as cst

from codemods.check import fix_unused
from codemods.clone.field_code import optional_of
from codemods.clone.pagination_tests import write_pagination_tests
from codemods.context import first_party
from codemods.drop_definitions import DropDefinitions
from codemods.errors import ConventionError
from codemods.formatting import FormatStyle, format_code
from codemods.imports import Import, add_imports, used_imports
from codemods.list_site import ListSite, body_names, find_list_site, paging_of, planned_model
from codemods.option_values import PaginationChoice
from codemods.paging_answer import NEXT, cursor_out, hand_back
from codemods.paging_cursor import CursorHelper, cursor_helper
from codemods.paging_keyset import DropKeyset
from codemods.paging_params import NewParam, RenameNames, SwapArguments, SwapParams
from codemods.paging_query import OffsetBeforeLimit, PageAfterBuilders, PagingChain
from codemods.paging_stale_tests import drop_stale_tests, unread_params
from codemods.parsing import parse_module
from codemods.plan import FileEdit, Plan
from codemods.query_params import QueryParam, QueryParams
from codemods.spec import ResourceSpec
from detectors.conventions import Conventions
from detectors.pagination import LIMIT_NAMES
from detectors.pagination import STYLES as SPELLINGS
from detectors.project import ProjectIndex
from detectors.resources import find_footprints

DEFAULT_MAX = 100  # the bound of a page's size where the project shows none
BIG = "2**31 - 1"  # a page number or offset past it is a 422, not an overflow (see "Safety")


@dataclass(frozen=True)
class Paging:
    """How the rewritten list pages: style, page parameter, size parameter, default size, bound."""

    style: str
    page: str | None
    size: str | None
    default: int
    bound: int


def with_pagination(
    plan: Plan,
    choice: PaginationChoice | None,
    spec: ResourceSpec,
    index: ProjectIndex,
    conv: Conventions,
    key_type: str = "int",
) -> tuple[Plan, list[str]]:
    """The plan with the list paging as `choice` asks; and the lines saying what was done."""
    if choice is None:
        return plan, []
    flag = f"--pagination {choice.style}"
    edits = list(plan.edits)
    try:
        site = find_list_site(edits, spec)
    except ConventionError as exc:
        said = str(exc.args[0]) if exc.args else str(exc)
        raise ConventionError(said.replace("--filter/--sort", flag).replace("a filter there", "paging there")) from None
    if site is None:
        footprint = next((f for f in find_footprints(index) if f.model == spec.names.pascal), None)
        if footprint is not None:
            # a later run: the tests it merges in again must not send what the route no longer reads
            unread = unread_params(index, footprint)
            lines = [f"{flag}: {spec.names.pascal}'s list route is in place; left as it is"]
            lines += drop_stale_tests(edits, spec, unread, flag, added_only=True)
            return replace(plan, edits=tuple(edits)), lines
        raise ConventionError(f"{flag}: the new resource has no list endpoint (--methods leaves it out?)")
    found = paging_of(site.route, conv.pagination)
    current = found[0] if found else "none"
    if current == choice.style:
        return plan, [f"{flag}: {site.route.name} already pages that way, as its exemplar does; nothing to do"]
    old = _old_params(site, found, conv, flag, choice.style)
    if conv.pagination.dependency and conv.pagination.style == choice.style:
        raise ConventionError(
            f"{flag}: the project pages that way through {conv.pagination.dependency}; reusing it is "
            "not built yet, and a second way would duplicate it (pick a resource using it with --like)"
        )
    paging = _target(choice.style, site, old, conv)
    taken = body_names(site.route) | body_names(site.query)
    clash = [n for n in (paging.page, paging.size) if n and n not in old and n in taken]
    if clash:
        raise ConventionError(f"{flag}: {site.route.name} already uses the name {clash[0]}")
    key = _key(edits, spec, flag) if choice.style == "cursor" else None
    fmt = FormatStyle.from_style(conv.style)
    parties = first_party(index)
    relative = conv.style.imports == "relative"
    helper = cursor_helper(index, edits[site.router].path, tuple(e.path for e in edits), relative) if key else None
    if helper is not None:
        parties = parties | {helper.imported.module.split(".")[0]}
    lines = [_said(flag, site, old, paging)]
    if old:
        _rewrite_query(edits, site, old, paging, key, helper, fmt, parties, flag, conv.style.optional_style, current)
    else:
        _add_paging(edits, site, paging, key, helper, fmt, parties, flag, conv.style.optional_style)
    gone = cursor_out(edits, site, flag) if current == "cursor" else ()
    if gone:
        lines.append(f"{gone[0]} dropped from the list's answer: it hands back no cursor now")
    if choice.style == "cursor":
        lines.append(hand_back(edits, site, paging.size, key, helper, conv.style.optional_style, fmt, parties, flag))
        if helper.text is not None:
            edits.append(FileEdit(helper.path, None, format_code(helper.text, fmt), ("the cursor helper",)))
            lines.append(f"cursor helper written: {helper.path}")
        else:
            lines.append(f"cursor helper reused: {helper.path}")
    for at in {site.router, site.data}:
        edits[at] = replace(edits[at], why=(*edits[at].why, flag))
    for at, edit in enumerate(edits):
        if edit.created and flag in edit.why and edit.path.endswith(".py"):
            # a file of the plan's own takes the project's layout for the lines rewritten here
            edits[at] = replace(edit, new=format_code(edit.new, fmt))
    unread = tuple(n for n in old if n not in (paging.page, paging.size))
    lines += drop_stale_tests(edits, spec, unread, flag, gone=gone)
    test_edit, note = _tests(edits, site, paging, key, spec, index, conv, key_type, fmt)
    lines.append(note)
    if test_edit is not None:
        edits.append(test_edit)
    return replace(plan, edits=tuple(edits), explain=(*plan.explain, *lines)), lines


def _old_params(site: ListSite, found, conv: Conventions, flag: str, target: str) -> tuple[str, ...]:
    """The route's own (page, size) parameters: skip/limit over `.offset()`, or a keyset cursor
    and limit turned into offset or page numbers; none for a list of every row; refused for any
    other paging (not built)."""
    style = found[0] if found else "none"
    if style == "none":
        return ()  # every row today: paging is added
    names = {a.arg for a in [*site.route.args.args, *site.route.args.kwonlyargs]}
    known = found is not None and found[2] is not None and {found[1], found[2]} <= names
    if not known or style not in ("offset", "cursor") or (style == "cursor" and target == "none"):
        via = f" through {conv.pagination.dependency}" if found and conv.pagination.dependency else ""
        raise ConventionError(
            f"{flag}: {site.route.name} pages by {style}{via}; only a list taking its own offset and "
            "limit parameters, or a cursor turned into offset or page numbers, is rewritten so far "
            "(pick another resource with --like)"
        )
    paged = {
        c.func.attr for c in ast.walk(site.query)
        if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
    }
    if style == "offset" and "offset" not in paged or style == "cursor" and "limit" not in paged:
        raise ConventionError(f"{flag}: {site.function} does not page its query with .{style if style == 'offset' else 'limit'}(); left as it is")
    return found[1], found[2]


def _target(style: str, site: ListSite, old: tuple[str, ...], conv: Conventions) -> Paging:
    """The new parameters, spelled as the project spells that style where it has one."""
    if style == "none":
        return Paging(style, None, None, 0, 0)
    spelled = [n for n, _ in conv.pagination.params] if conv.pagination.style == style else []
    page = next((n for n in spelled if n in SPELLINGS[style]), {"cursor": "cursor", "page": "page", "offset": "skip"}[style])
    plain = "size" if style == "page" else (old[1] if old else "limit")
    size = next((n for n in spelled if n in LIMIT_NAMES), plain)
    bound = conv.pagination.max_limit or DEFAULT_MAX
    default = _default_size(site.route, old[1]) if old else None
    return Paging(style, page, size, min(default or bound, bound), bound)


def _default_size(route, name: str) -> int | None:
    """The default of the route's size parameter, when it is a number."""
    args = route.args
    defaults = dict(zip([a.arg for a in args.args][::-1], args.defaults[::-1]))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    value = defaults.get(name)
    if isinstance(value, ast.Call) and value.args:
        value = value.args[0]
    return value.value if isinstance(value, ast.Constant) and type(value.value) is int else None


def _key(edits, spec: ResourceSpec, flag: str) -> str:
    """The model's primary key column: the tie-breaker of a keyset."""
    planned = planned_model(edits, spec)
    for node in ast.walk(ast.parse(edits[planned.at].new)):
        if not (isinstance(node, ast.ClassDef) and node.name in planned.classes):
            continue
        for stmt in node.body:
            target = stmt.target if isinstance(stmt, ast.AnnAssign) else (stmt.targets[0] if isinstance(stmt, ast.Assign) else None)
            value = getattr(stmt, "value", None)
            keyed = isinstance(value, ast.Call) and any(
                k.arg == "primary_key" and isinstance(k.value, ast.Constant) and k.value.value is True
                for c in ast.walk(value) if isinstance(c, ast.Call) for k in c.keywords
            )
            if keyed and isinstance(target, ast.Name):
                return target.id
    raise ConventionError(f"{flag}: {spec.names.pascal} has no primary key column to break ties on")


def _said(flag: str, site: ListSite, old: tuple[str, ...], paging: Paging) -> str:
    if paging.style == "none":
        return f"{flag}: {site.route.name} returns every row ({', '.join(old)} dropped)"
    instead = f"instead of {', '.join(old)}" if old else "(it returned every row)"
    return (
        f"{flag}: {site.route.name} takes {paging.page} and {paging.size} "
        f"(default {paging.default}, at most {paging.bound}) {instead}"
    )


def _route_params(paging: Paging, optional_style: str) -> tuple[NewParam, ...]:
    if paging.style == "none":
        return ()
    first = {
        "cursor": (optional_of("str", optional_style)[0], "None"),
        "page": ("int", f"Query(1, ge=1, le={BIG})"),
        "offset": ("int", f"Query(0, ge=0, le={BIG})"),
    }[paging.style]
    size = f"Query({paging.default}, ge=1, le={paging.bound})"
    return NewParam(paging.page, *first), NewParam(paging.size, "int", size)


def _callee_params(paging: Paging, query, old: tuple[str, str], optional_style: str) -> tuple[NewParam, ...]:
    """The query function's new parameters, with defaults where its old ones had them."""
    if paging.style == "none":
        return ()
    args = query.args
    defaulted = {a.arg for a in args.args[len(args.args) - len(args.defaults):]}
    defaulted |= {a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None}
    first = {"cursor": (optional_of("str", optional_style)[0], "None"), "page": ("int", "1"), "offset": ("int", "0")}
    annotation, default = first[paging.style]
    return (
        NewParam(paging.page, annotation, default if old[0] in defaulted else None),
        NewParam(paging.size, "int", str(paging.default) if old[1] in defaulted else None),
    )


def _chain(paging: Paging, site: ListSite, key: str | None, helper: CursorHelper | None):
    """PagingChain's (offset, limit, order) for `paging`: what the query's `.offset()` and
    `.limit()` become, and the order a keyset needs."""
    if paging.style == "none":
        return ("", None, None)
    if paging.style == "cursor":
        column = f"{site.model}.{key}"
        # a legacy `session.query(...)` filters; a `select(...)` takes where
        legacy = any(
            isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "query"
            for c in ast.walk(site.query)
        )
        method = "filter" if legacy else "where"
        return (f".{method}(*{helper.imported.bound}.after_cursor({paging.page}, {column}))", paging.size, column)
    if paging.style == "page":
        return (f".offset(({paging.page} - 1) * {paging.size})", paging.size, None)
    return (f".offset({paging.page})", paging.size, None)


def _rewrite_query(edits, site: ListSite, old, paging: Paging, key, helper, fmt, parties, flag: str, optional: str, current: str) -> None:
    """The route's parameters, the call passing them on, and the query's paging, in `edits`."""
    optional_style = optional
    router = parse_module(edits[site.router].new)
    router = router.visit(SwapParams(site.route.name, old, _route_params(paging, optional_style)))
    if site.callee is not None:
        new = (paging.page, paging.size) if paging.page else ()
        passed = SwapArguments(site.route.name, site.callee, old, new)
        router = router.visit(passed)
        if not passed.swapped:
            raise ConventionError(f"{flag}: {site.route.name} does not pass {', '.join(old)} to {site.callee} by keyword")
    if paging.size and paging.size != old[1]:
        router = router.visit(RenameNames(site.route.name, {old[1]: paging.size}))
    wanted = [Import("fastapi", "Query"), *_optional_imports(optional_style)] if paging.page else []
    router = _imports_left_unused(edits[site.router].new, router)
    edits[site.router] = replace(edits[site.router], new=_imported(router, wanted, helper, fmt, parties, edits[site.router].path))
    data = parse_module(edits[site.data].new)
    if site.callee is not None:
        data = data.visit(SwapParams(site.function, old, _callee_params(paging, site.query, old, optional_style)))
    offset, limit, order = _chain(paging, site, key, helper)
    if current == "cursor":
        data = _keyset_out(data, site, old, offset, flag)
    else:
        chain = PagingChain(site.function, offset, limit, order)
        data = data.visit(chain)
        off_order = [o for o in chain.orders if o is not None and o != [order]]
        if paging.style == "cursor" and off_order:
            raise ConventionError(
                f"{flag}: {site.function} orders by {', '.join(off_order[0])}; a keyset on it is not built yet"
            )
    if paging.size and paging.size != old[1]:  # `limit + 1`, `rows[:limit]`: the size, renamed
        data = data.visit(RenameNames(site.function, {old[1]: paging.size}))
    more = _optional_imports(optional_style) if site.callee is not None and paging.page else []
    data = _imports_left_unused(edits[site.data].new, data)
    edits[site.data] = replace(edits[site.data], new=_imported(data, more, helper, fmt, parties, edits[site.data].path))
    for node in _functions(edits[site.data].new, site.function) + _functions(edits[site.router].new, site.route.name):
        left = {old[0], old[1] if paging.size != old[1] else ""} & body_names(node)
        if left:
            raise ConventionError(f"{flag}: {node.name} uses {', '.join(sorted(left))} beyond paging its query")


def _add_paging(edits, site: ListSite, paging: Paging, key, helper, fmt, parties, flag: str, optional: str) -> None:
    """Paging for a list of every row: the route's parameters, passed on to its data access,
    and the query paged after its last building call."""
    route = tuple(QueryParam(p.name, p.annotation, p.default) for p in _route_params(paging, optional))
    router = parse_module(edits[site.router].new).visit(QueryParams(site.route.name, route, site.callee))
    wanted = [Import("fastapi", "Query"), *_optional_imports(optional)]
    edits[site.router] = replace(edits[site.router], new=_imported(router, wanted, helper, fmt, parties, edits[site.router].path))
    data = parse_module(edits[site.data].new)
    if site.callee is not None:
        first = {"cursor": "None", "page": "1", "offset": "0"}[paging.style]
        passed = (
            QueryParam(paging.page, _route_params(paging, optional)[0].annotation if paging.style == "cursor" else "int", first),
            QueryParam(paging.size, "int", str(paging.default)),
        )
        data = data.visit(QueryParams(site.function, passed, None))
    offset, _, order = _chain(paging, site, key, helper)
    paged = PageAfterBuilders(site.function, site.model, f"{offset}.limit({paging.size})", order)
    data = data.visit(paged)
    if not paged.added:
        raise ConventionError(f"{flag}: {site.function} builds no query of {site.model} to page")
    if order and paged.order_seen not in (None, [order]):
        raise ConventionError(
            f"{flag}: {site.function} orders by {', '.join(paged.order_seen)}; a keyset on it is not built yet"
        )
    more = _optional_imports(optional) if site.callee is not None else []
    edits[site.data] = replace(edits[site.data], new=_imported(data, more, helper, fmt, parties, edits[site.data].path))


def _imports_left_unused(before: str, after: cst.Module) -> cst.Module:
    """`after` without the `from x import ...` names the rewrite left unused (`Query` of dropped
    parameters, `tuple_` of a dropped keyset); names unused before are the project's business."""
    def unused(tree: ast.Module) -> set[str]:
        imported = {
            a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names
        }
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        return imported - used - {"annotations", "*"}

    gone = unused(ast.parse(after.code)) - unused(ast.parse(before))
    return after.visit(DropDefinitions(set(), gone)) if gone else after


def _keyset_out(data: cst.Module, site: ListSite, old: tuple[str, str], offset: str, flag: str) -> cst.Module:
    """The query with its keyset on the cursor taken out and `offset` before its limit."""
    keyset = DropKeyset(site.function, old[0])
    data = data.visit(keyset)
    placed = OffsetBeforeLimit(site.function, offset)
    data = data.visit(placed)
    if not keyset.dropped or not placed.added:
        raise ConventionError(f"{flag}: {site.function} pages by {old[0]} in a way not rewritten yet; left as it is")
    return data


def _optional_imports(style: str) -> list[Import]:
    return list(optional_of("str", style)[1])


def _imported(module: cst.Module, wanted: list[Import], helper, fmt, parties, path: str) -> str:
    imports = [*wanted, *([helper.imported_into(path)] if helper is not None else [])]
    return add_imports(module, used_imports(sorted(imports), module.code), fmt, parties).code


def _functions(code: str, name: str) -> list:
    return [
        n for n in ast.walk(ast.parse(code))
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name
    ]


def _tests(edits, site: ListSite, paging: Paging, key, spec, index, conv, key_type, fmt):
    """A test module proving the pages, beside the resource's own tests."""
    cursor_key = NEXT if paging.style == "cursor" and f"{NEXT}=" in edits[site.router].new else None
    text, note, directory = write_pagination_tests(edits, site, paging, cursor_key, spec, index, conv, key_type)
    if text is None:
        return None, note
    path = f"{directory}/test_{spec.names.plural_snake}_pages.py"
    return FileEdit(path, None, format_code(fix_unused(text, path), fmt), ("tests of the pagination",)), note
