"""`--cache none | headers[:max_age] | memory[:ttl] | redis[:ttl]` for the new resource.

Parsed once, then a pass over the planned router (like `--action`): headers give the router a
route class answering GETs with Cache-Control and an ETag (RouteClassArgument); memory and
redis read the get and list routes through a cache (CachedReads) and make every write forget
what it changed (ForgetOnWrite). The helper module is written once, where the project keeps its
shared helpers (cache_place), and found again by later runs. Tests for the project's suite
prove it (clone/cache_tests.py).
"""

from __future__ import annotations

import ast
import subprocess
from dataclasses import replace

import libcst as cst

from codemods.append_statements import append_statements
from codemods.cache_place import HelperModule, helper_module
from codemods.cache_reads import CachedRead, CachedReads
from codemods.cache_router_class import RouteClassArgument
from codemods.cache_writes import ForgetOnWrite
from codemods.check import fix_unused
from codemods.clone.cache_tests import (
    fresh_cache_fixture,
    signed_in_as_own_tests,
    write_cache_tests,
)
from codemods.clone.route_tests import Route, headers_sent, routes_of
from codemods.context import first_party
from codemods.errors import ConventionError
from codemods.formatting import FormatStyle, format_code
from codemods.imports import Import, add_imports
from codemods.methods import route_of
from codemods.option_values import CacheChoice
from codemods.parsing import parse_module
from codemods.plan import FileEdit, Plan
from codemods.spec import ResourceSpec
from codemods.verify import project_python
from detectors.conventions import Conventions
from detectors.project import ProjectIndex, is_test_path
from detectors.resources import app_instance


def with_cache(
    plan: Plan, choice: CacheChoice | None, spec: ResourceSpec, index: ProjectIndex, conv: Conventions, key_type: str = "int"
) -> tuple[Plan, list[str]]:
    """The plan with the new resource's routes cached as `choice` asks, the helper module and
    the tests; and the lines saying what was done. Nothing when the routes are not new."""
    if choice is None or choice.kind == "none":
        return plan, []
    found = _new_routes(plan.edits, conv)
    if found is None:
        return plan, []  # the routes are in place already: a second run changes nothing
    at, routes, tree = found
    edits = list(plan.edits)
    router = edits[at]
    if choice.kind == "redis":
        _refuse_without_redis(index)
    is_async = any(isinstance(n, ast.AsyncFunctionDef) and n.name in {r.function for r in routes} for n in tree.body)
    helper = helper_module(index, router.path, choice.kind, is_async, conv.style.optional_style)
    fmt = FormatStyle.from_style(conv.style)
    module = parse_module(router.new)
    ours = first_party(index) | {helper.imported.module.split(".")[0]}  # the helper may be new at the root
    lines = [f"cache {choice.kind} ({choice.seconds}s): {', '.join(r.function for r in routes if r.method == 'get')}"]
    if choice.kind == "headers":
        module = _headers(module, tree, routes, helper, choice, router.path)
    else:
        module, uncached = _through_cache(module, tree, routes, helper, choice, spec, conv, is_async, fmt)
        lines += [f"not cached: {name} declares no response model to keep its answer as" for name in uncached]
    module = add_imports(module, [helper.imported], fmt, ours)
    edits[at] = replace(router, new=module.code, why=(*router.why, f"cache {choice.kind}"))
    if helper.text is not None:
        edits.append(FileEdit(helper.path, None, format_code(helper.text, fmt), (f"the {choice.kind} cache helper",)))
        lines.append(f"cache helper written: {helper.path}")
    else:
        lines.append(f"cache helper reused: {helper.path}")
    fixture = None if choice.kind == "headers" else fresh_cache_fixture(choice.kind, helper.imported)
    own = [i for i, e in enumerate(edits) if e.created and is_test_path(e.path) and spec.names.plural_snake in e.path]
    if fixture is not None:
        # a module the project shares with other resources gets the memory one only: the
        # Redis one would skip every test of the module where no server answers
        shared = _sharing_tests(edits, spec) if choice.kind == "memory" else []
        for i in (*own, *shared):
            edits[i] = _with_fixture(edits[i], fixture, fmt, ours)
    test_edit, note = _tests(edits, own, router.path, routes, choice, spec, index, conv, key_type, fixture, fmt)
    lines.append(note)
    if test_edit is not None:
        edits.append(test_edit)
    return replace(plan, edits=tuple(edits), explain=(*plan.explain, *lines)), lines


def _sharing_tests(edits, spec: ResourceSpec) -> list[int]:
    """Test modules of the project the plan adds tests of the resource to (`tests/test_main.py`)."""
    out = []
    for i, e in enumerate(edits):
        if e.created or not is_test_path(e.path) or e.path.endswith("conftest.py"):
            continue
        before = {getattr(n, "name", None) for n in ast.parse(e.old or "").body}
        if any(getattr(n, "name", None) not in before and spec.names.snake in getattr(n, "name", "")
               for n in ast.parse(e.new).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            out.append(i)
    return out


def _new_routes(edits, conv: Conventions) -> tuple[int, list[Route], ast.Module] | None:
    """The edit holding the resource's new routes, those routes (actions included) and its tree."""
    for i, edit in enumerate(edits):
        if not edit.path.endswith(".py") or is_test_path(edit.path):
            continue
        before = {getattr(s, "name", None) for s in ast.parse(edit.old).body} if edit.old else set()
        tree = ast.parse(edit.new)
        new = {n.name for n in tree.body if route_of(n) is not None and n.name not in before}
        if not new:
            continue
        crud = [r for r in routes_of(edit.new, conv.auth.dependency, conv.auth.param) if r.function in new]
        others = frozenset(new - {r.function for r in crud})
        actions = [r for r in routes_of(edit.new, conv.auth.dependency, conv.auth.param, others) if r.function in others]
        return i, [*crud, *actions], tree
    return None


def _headers(module, tree, routes, helper: HelperModule, choice: CacheChoice, path: str) -> cst.Module:
    """The router module with its APIRouter given the ETag route class; refused for routes on the app."""
    decorated = {_decorator_owner(n) for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name in {r.function for r in routes}}
    owner = next(iter(decorated - {None}), None)
    assigned = next((s.value for s in tree.body if isinstance(s, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == owner for t in s.targets)), None)
    if not (isinstance(assigned, ast.Call) and ast.unparse(assigned.func).split(".")[-1] == "APIRouter"):
        raise ConventionError(
            f"--cache headers: the routes in {path} are on {owner or 'an object'} rather than an APIRouter of their own; "
            "use memory or redis"
        )
    transformer = RouteClassArgument(owner, f"{helper.imported.bound}.cached_route({choice.seconds})")
    module = module.visit(transformer)
    if not transformer.added and f"{helper.imported.bound}.cached_route(" not in module.code:
        # the project's own route class: ours cannot replace it without losing what it does
        raise ConventionError(f"--cache headers: {owner} in {path} already has a route_class of the project's; use memory or redis")
    return module


def _decorator_owner(node) -> str | None:
    """`router` for a function decorated `@router.get(...)`."""
    for d in node.decorator_list:
        if isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and isinstance(d.func.value, ast.Name):
            return d.func.value.id
    return None


def _through_cache(module, tree, routes, helper: HelperModule, choice, spec: ResourceSpec, conv, is_async, fmt):
    """The router with its reads through the cache and its writes forgetting; and the reads left
    uncached (no response model to serialize their answer with)."""
    nodes = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    reads, writes, uncached = [], {}, []
    for r in routes:
        node = nodes[r.function]
        if r.method == "get" and r.op in ("get", "list"):
            model = _response_model(node)
            if model is not None:
                reads.append(CachedRead(r.function, r.param, model, _user_params(node, r, conv)))
            else:
                uncached.append(r.function)
        elif r.method != "get":
            writes[r.function] = r.param
    awaited = choice.kind == "redis" and is_async
    quote = "'" if fmt.quotes == "single" else '"'
    resource = f"{quote}{spec.names.plural_snake}{quote}"  # the key's prefix, as the module writes strings
    reads_done = CachedReads(tuple(reads), helper.imported.bound, resource, choice.seconds, awaited)
    module = module.visit(reads_done)
    writes_done = ForgetOnWrite(writes, helper.imported.bound, resource, awaited)
    module = module.visit(writes_done)
    if reads_done.done or writes_done.requested:  # a route given a `request: Request` parameter
        module = add_imports(module, [Import("fastapi", "Request")], fmt, frozenset())
    return module, uncached


def _response_model(node) -> str | None:
    """The code of the route's response model: `response_model=`, else the return annotation."""
    for d in node.decorator_list:
        for kw in getattr(d, "keywords", ()):
            if kw.arg == "response_model":
                return ast.unparse(kw.value)
    return ast.unparse(node.returns) if node.returns is not None else None


def _user_params(node, route: Route, conv: Conventions) -> tuple[str, ...]:
    """The parameters holding the signed-in user (their id goes into the cache key)."""
    args = [*node.args.args, *node.args.kwonlyargs]
    defaults = dict(zip([a.arg for a in node.args.args][::-1], node.args.defaults[::-1]))
    defaults.update({a.arg: d for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults) if d})
    out = []
    for a in args:
        used = [n for n in (defaults.get(a.arg), a.annotation) if n is not None]
        depends = {
            ast.unparse(c.args[0]).split(".")[-1] if not isinstance(c.args[0], ast.Call) else ast.unparse(c.args[0])
            for n in used for c in ast.walk(n)
            if isinstance(c, ast.Call) and ast.unparse(c.func).split(".")[-1] == "Depends" and c.args
        }
        if depends & set(route.users) or (a.arg == conv.auth.param and route.users):
            out.append(a.arg)
    return tuple(out)


def _refuse_without_redis(index: ProjectIndex) -> None:
    python = project_python(index.root)
    probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('redis') is None)"
    if subprocess.run([python, "-c", probe], check=False, capture_output=True, timeout=60).returncode != 0:
        raise ConventionError(
            f"--cache redis: the project's environment ({python}) has no redis package; install redis-py, or use --cache memory"
        )


def _with_fixture(edit: FileEdit, fixture: tuple[str, list[Import]], fmt: FormatStyle, ours: frozenset[str]) -> FileEdit:
    code, imports = fixture
    module, _ = append_statements(parse_module(edit.new), code)
    module = add_imports(module, imports, fmt, ours)
    return replace(edit, new=module.code)


def _tests(edits, own, router_path, routes, choice, spec, index, conv, key_type, fixture, fmt):
    directory = edits[own[0]].path.rsplit("/", 1)[0] if own else (conv.tests.module_directory or conv.tests.directory)
    if directory is None:
        return None, "no tests for the cache: the project has no test directory"
    app = app_instance(index, conv.app.factory) if conv.app.factory else (
        (conv.app.module, conv.app.variable) if conv.app.module and conv.app.variable else None
    )
    by_op = {}
    for r in routes:
        by_op.setdefault(r.op, r)
    own_text = next((edits[i].new for i in own), "")
    tests = signed_in_as_own_tests(conv.tests, routes, own_text)
    envelope = conv.response.keys[0] if conv.response.wrapper == "envelope" and conv.response.keys else None
    text, note = write_cache_tests(
        choice.kind, choice.seconds, by_op, spec.names, spec.fields, app, tests, key_type, envelope,
        headers_sent(own_text), fixture,
    )
    if text is None:
        return None, note
    path = f"{directory}/test_{spec.names.plural_snake}_cache.py"
    if any(e.path == path for e in edits):
        return None, f"tests of the cache: {path}, cloned with the exemplar's"
    return FileEdit(path, None, format_code(fix_unused(text, path), fmt), (f"tests of the {choice.kind} cache",)), note

