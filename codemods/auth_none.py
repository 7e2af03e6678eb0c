"""`--auth none`: the new routes without their auth dependencies (refused where a route reads
the signed-in user), and their tests without the ones expecting 401 or 403 and without credentials."""

from __future__ import annotations

import ast
from dataclasses import replace

import libcst as cst

from codemods.auth_drop_headers import DropHeaders
from codemods.auth_drop_overrides import DropOverrideFixtures
from codemods.auth_off import DropAuthDependencies
from codemods.auth_planned import (
    NewRoutes,
    drop_unused_imports,
    functions_named,
    new_tests,
    plain_names,
    tidied,
    top_names,
)
from codemods.clone.route_tests import headers_sent
from codemods.drop_definitions import DropDefinitions
from codemods.errors import ConventionError
from codemods.formatting import FormatStyle
from codemods.parsing import parse_module
from codemods.plan import FileEdit, Plan
from detectors.auth_uses import auth_uses, include_calls, include_uses, planned_module
from detectors.conventions import Conventions
from detectors.project import ProjectIndex, is_test_path, module_name


def without_auth(plan: Plan, found: list[NewRoutes], index: ProjectIndex, conv: Conventions) -> tuple[Plan, list[str]]:
    """The new routes without their auth dependencies, and their tests without credentials."""
    edits = list(plan.edits)
    fmt = FormatStyle.from_style(conv.style)
    _refuse_an_include_with_auth(edits, index)
    dropped: list[str] = []
    guards: set[str] = set()  # the dependencies taken off the routes
    pending: list[tuple[int, FileEdit, cst.Module]] = []  # routers whose imports wait for the tests
    for routes in found:
        edit = edits[routes.at]
        info = planned_module(index, edit.path, edit.new)
        shared = next(iter(auth_uses(index, info, set(), _owners(info.tree, routes.functions) - routes.routers)), None)
        if shared is not None:
            raise ConventionError(
                f"--auth none: the new routes are on {shared.owner} in {edit.path}, whose dependencies=[Depends({shared.name})] "
                "guard its other routes too; use --into for a router of their own, or --auth existing"
            )
        uses = auth_uses(index, info, set(routes.functions), set(routes.routers))
        read = next((u for u in uses if u.read), None)
        if read is not None:
            raise ConventionError(
                f"--auth none: {read.owner} in {edit.path} reads {read.name}, the signed-in user "
                "(owner scoping, created_by); the route cannot go without auth"
            )
        params: dict[str, set[str]] = {}
        listed: dict[str, set[str]] = {}
        for u in uses:
            (params if u.where == "param" else listed).setdefault(u.owner, set()).add(u.name)
        if not uses:
            continue
        transformer = DropAuthDependencies(params, listed)
        pending.append((routes.at, edit, parse_module(edit.new).visit(transformer)))
        dropped += transformer.dropped
        guards |= {u.name for u in uses}
    if not dropped:
        line = "auth none: the new routes ask for no credentials already"
        return replace(plan, explain=(*plan.explain, line)), [line]
    lines = [f"auth none: dropped {', '.join(dropped)}"]
    edits, more = _tests_without_credentials(edits, new_tests(tuple(edits)), conv, fmt, guards)
    for at, edit, module in pending:  # an import the tests still take from the router stays
        module = drop_unused_imports(module, edit.new, _imported_by_tests(edits, edit.path), edit.created)
        edits[at] = replace(edit, new=tidied(edit.new, module.code, fmt), why=(*edit.why, "auth none"))
    return replace(plan, edits=tuple(edits), explain=(*plan.explain, *lines, *more)), [*lines, *more]


def _owners(tree: ast.Module, functions: frozenset[str]) -> set[str]:
    """The objects the functions are routes of: `router` for `@router.get(...)`."""
    return {d.func.value.id for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name in functions
            for d in n.decorator_list if isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)
            and isinstance(d.func.value, ast.Name)}


def _refuse_an_include_with_auth(edits: list[FileEdit], index: ProjectIndex) -> None:
    """A router the plan includes with auth dependencies of its own (`include_router(orders.router,
    dependencies=[...])`) is a shape this pass does not take apart: refused."""
    for edit in edits:
        if edit.path.endswith(".py") and not is_test_path(edit.path) and "include_router" in edit.new:
            info = planned_module(index, edit.path, edit.new)
            use = next(iter(include_uses(index, info, include_calls(edit.old or ""))), None)
            if use is not None:
                raise ConventionError(
                    f"--auth none: {edit.path} includes {use.owner} with dependencies=[Depends({use.name})]; "
                    "this shape is not taken apart: drop them there by hand, or use --auth existing"
                )


def completed_without_credentials(plan: Plan, conv: Conventions) -> tuple[Plan, list[str]]:
    """A test module completed on a later run (its routes in place) gets its new tests without
    credentials where its tests already send none: the module an earlier `--auth none` wrote."""
    edits = list(plan.edits)
    bare = [(at, functions) for at, functions in new_tests(plan.edits)
            if edits[at].old is not None and headers_sent(edits[at].old) is None
            and not _refusal_tests(edits[at].old, top_names(edits[at].old))]
    if not bare:
        return plan, []
    edits, lines = _tests_without_credentials(edits, bare, conv, FormatStyle.from_style(conv.style))
    return replace(plan, edits=tuple(edits), explain=(*plan.explain, *lines)), lines


def _tests_without_credentials(
    edits: list[FileEdit], tests, conv: Conventions, fmt: FormatStyle, guards: set[str] = frozenset()
) -> tuple[list[FileEdit], list[str]]:
    """The new tests in `tests` ((edit index, functions) pairs) without those expecting 401 or 403,
    and the others sending no credentials nor lifting `guards` (taken off the routes)."""
    lines = []
    fixtures = set(conv.tests.auth_fixtures) | {f for _, f in conv.tests.fixture_for}
    for at, functions in tests:
        edit = edits[at]
        refusals = _refusal_tests(edit.new, functions)
        fixtures |= {headers_sent(edit.new)} - {None}
        module = parse_module(edit.new)
        if refusals:
            module = module.visit(DropDefinitions(refusals))
            lines.append(f"auth none: dropped the credentials tests {', '.join(sorted(refusals))} ({edit.path})")
        module = module.visit(DropHeaders(plain_names(functions - refusals), fixtures))
        module = module.visit(DropOverrideFixtures(guards))
        module = drop_unused_imports(module, edit.new, set(), edit.created)
        if module.code != edit.new:
            edits[at] = replace(edit, new=tidied(edit.new, module.code, fmt), why=(*edit.why, "auth none"))
    return edits, lines


def _refusal_tests(code: str, functions: set[str]) -> set[str]:
    """The tests among `functions` expecting a refusal of credentials: a comparison of a status
    code with 401 or 403 (`status.HTTP_401_UNAUTHORIZED`, `HTTPStatus.FORBIDDEN`)."""
    out = set()
    for node in functions_named(code, functions):
        if any(isinstance(n, ast.Compare) and _status_compare(n) for n in ast.walk(node)):
            out.add(next(f for f in functions if f.rsplit(".", 1)[-1] == node.name))
    return out


def _status_compare(compare: ast.Compare) -> bool:
    parts = [compare.left, *compare.comparators]
    reads_status = any(isinstance(n, ast.Attribute) and n.attr in ("status_code", "status") for p in parts for n in ast.walk(p))
    refusal = any(
        (isinstance(n, ast.Constant) and type(n.value) is int and n.value in (401, 403))
        or (isinstance(n, ast.Attribute) and n.attr.startswith(("HTTP_401", "HTTP_403", "UNAUTHORIZED", "FORBIDDEN")))
        for p in parts for n in ast.walk(p)
    )
    return reads_status and refusal


def _imported_by_tests(edits: list[FileEdit], path: str) -> set[str]:
    """Names test modules import from the module at `path` (a guard they lift): kept there."""
    dotted = module_name(path)
    return {a.asname or a.name for e in edits if is_test_path(e.path) and e.path.endswith(".py")
            for n in ast.walk(ast.parse(e.new)) if isinstance(n, ast.ImportFrom) and n.module == dotted
            for a in n.names}
