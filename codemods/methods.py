"""Which operations a new resource offers: `--methods crud | read-only | list,get,create`.

The plan is built with every operation the exemplar (or the templates) has; `leave_out` then
takes the others out of it, wherever they went:
1. routes: the new resource's route functions serving a left-out operation;
2. tests: test code requesting such a route (`client.patch(f"/orders/{id}")`), then test code
   using what went (a fixture, a helper);
3. what only the removed code used: a definition the new resource's code referred to before and
   no longer does (`update_order` in the data access, `OrderUpdate` in the schemas), repeated
   until nothing more goes. Data access the remaining tests use to make rows stays.
Import lines and `__all__` entries naming what went go with it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace

from codemods.check import fix_unused, pyflakes
from codemods.drop_cases import DropCases
from codemods.drop_definitions import DropDefinitions
from codemods.names import ResourceNames
from codemods.parsing import parse_module
from codemods.plan import FileEdit, Plan
from codemods.visit import visit
from detectors.project import is_test_path
from detectors.resources import op_of_route

VERBS = ("get", "post", "put", "patch", "delete")


def route_op(verb: str, path: str | None) -> str | None:
    """The operation of a route, counting another route (`POST /{id}/cancel`) as a read when it
    is a GET and as an update otherwise: it goes with what it does."""
    op = op_of_route(verb, path)
    if op is not None:
        return op
    return "get" if verb == "get" else "update"


@dataclass(frozen=True)
class LeftOut:
    """What `leave_out` took out of the plan, for the summary and --plan."""

    routes: tuple[str, ...]
    tests: tuple[str, ...]
    kept_for_tests: tuple[str, ...]  # data access of a left-out operation the tests still use
    other: tuple[str, ...]

    def describe(self, methods: tuple[str, ...]) -> list[str]:
        """Lines for stderr."""
        why = f"--methods {','.join(methods)}"
        lines = []
        for label, names in (("routes", self.routes), ("tests", self.tests), ("code only they used", self.other)):
            if names:
                lines.append(f"left out ({why}): {label}: {', '.join(names)}")
        if self.kept_for_tests:
            lines.append(f"kept: {', '.join(self.kept_for_tests)} (the tests make rows with it)")
        return lines


@dataclass
class _Def:
    path: str
    key: str  # `name` or `Class.method`
    node: ast.AST
    refs: frozenset[str]
    test: bool
    requests: frozenset[tuple[str, str]]  # (verb, collection|item) of the requests test code makes


def leave_out(
    edits: tuple[FileEdit, ...], methods: tuple[str, ...], names: ResourceNames
) -> tuple[tuple[FileEdit, ...], LeftOut]:
    """`edits` without the operations not in `methods` (see module docstring)."""
    defs, roots = _definitions(edits, names)
    gone: set[tuple[str, str]] = set()
    routes = []
    for d in defs:
        op = route_of(d.node)
        if op is not None and not d.test and route_op(*op) not in methods:
            gone.add((d.path, d.key))
            routes.append(d.key)
    if not gone:
        return edits, LeftOut((), (), (), ())
    unwanted = {(verb, shape) for verb in VERBS for shape in ("collection", "item") if _shape_op(verb, shape) not in methods}
    segments = _segments(names)

    def unwanted_case(strings: tuple[str, ...]) -> bool:
        verb = next((v.lower() for v in strings if v.lower() in VERBS), None)
        shapes = {url_shape(ast.Constant(v), segments, {}) for v in strings} - {None}
        if not shapes:  # ("patch", "/{id}"): a path the test appends to the resource's URL
            shapes = {_relative_shape(v) for v in strings if v.lower() not in VERBS} - {None}
        return verb is not None and any((verb, shape) in unwanted for shape in shapes)

    tests = []
    for d in defs:
        cases = _cases(d.node)
        if d.requests & unwanted or (cases and all(unwanted_case(c) for c in cases)) or _named_routes(d.node) & set(routes):
            gone.add((d.path, d.key))
            tests.append(d.key)
    _cascade_tests(defs, gone, tests)
    for d in defs:  # a test class whose every test went goes with them
        methods = [m for m in defs if m.path == d.path and m.key.startswith(f"{d.key}.")]
        if d.test and isinstance(d.node, ast.ClassDef) and methods and all((m.path, m.key) in gone for m in methods):
            gone.add((d.path, d.key))
    other, kept = _collect(defs, roots, gone)
    by_path: dict[str, set[str]] = {}
    for path, key in gone:
        by_path.setdefault(path, set()).add(key)
    # an import of what went goes too, unless a definition of that name stays (`get_order` is
    # both a route and the data access it calls)
    staying = {d.key for d in defs if (d.path, d.key) not in gone}
    imported = {key for _, key in gone if "." not in key} - staying
    out = []
    for edit in edits:
        if not edit.path.endswith(".py"):
            out.append(edit)
            continue
        new = _drop(edit, by_path.get(edit.path, set()), imported, unwanted_case)
        out.append(replace(edit, new=new) if new != edit.new else edit)
    return tuple(out), LeftOut(tuple(routes), tuple(tests), tuple(sorted(kept)), tuple(sorted(other)))


def _drop(edit: FileEdit, names: set[str], imported: set[str], unwanted_case) -> str:
    module = parse_module(edit.new)
    new = visit(module, DropDefinitions(names, imported))
    if is_test_path(edit.path):
        before = set(_keys(ast.parse(edit.old))) if edit.old is not None else set()
        tests = {key.rsplit(".", 1)[-1] for key in _keys(ast.parse(new.code))} - before
        new = visit(new, DropCases(tests, unwanted_case))
    new = new.code
    if new == edit.new:
        return new
    if not edit.path.endswith("__init__.py") and not pyflakes(edit.old or "", edit.path, "F401"):
        # imports only the removed code used (status codes, the update schema) go too
        new = fix_unused(new, edit.path)
    return new


def _shape_op(verb: str, shape: str) -> str | None:
    return op_of_route(verb, "/{id}" if shape == "item" else "")


def _definitions(edits: tuple[FileEdit, ...], names: ResourceNames) -> tuple[list[_Def], set[str]]:
    """The definitions the plan adds, and the names module-level code of the plan refers to."""
    defs: list[_Def] = []
    roots: set[str] = set()
    for edit in edits:
        if not edit.path.endswith(".py"):
            continue
        test = is_test_path(edit.path)
        tree = ast.parse(edit.new)
        before = set(_keys(ast.parse(edit.old))) if edit.old is not None else set()
        constants = _constants(tree)
        for key, node in _keys(tree).items():
            if key not in before:
                requests = frozenset(_requests(node, names, constants)) if test else frozenset()
                defs.append(_Def(edit.path, key, node, frozenset(_refs(node, test)), test, requests))
        definitions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)
        for stmt in tree.body:
            if not isinstance(stmt, definitions) and not _is_all(stmt):
                roots |= _refs(stmt, test)
    return defs, roots


def _keys(tree: ast.Module) -> dict[str, ast.AST]:
    out: dict[str, ast.AST] = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out[stmt.name] = stmt
        elif isinstance(stmt, ast.ClassDef):
            out[stmt.name] = stmt
            for inner in stmt.body:
                if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    out[f"{stmt.name}.{inner.name}"] = inner
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)) and not _is_all(stmt):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    out[t.id] = stmt
    return out


def _is_all(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in stmt.targets)


def _refs(node: ast.AST, test: bool) -> set[str]:
    """Names a node refers to: names, attributes, identifier strings (forward references) and,
    in test code, parameters (a pytest fixture is requested by its name)."""
    out = set()
    for n in _walk(node):
        if isinstance(n, ast.Name):
            out.add(n.id)
        elif isinstance(n, ast.Attribute):
            out.add(n.attr)
        elif isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.isidentifier():
            out.add(n.value)
        elif test and isinstance(n, ast.arg):
            out.add(n.arg)
    return out


def _walk(node: ast.AST):
    """ast.walk, but a class's methods are definitions of their own: what they use is theirs."""
    yield node
    for child in ast.iter_child_nodes(node):
        if isinstance(node, ast.ClassDef) and isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        yield from _walk(child)


def route_of(node: ast.AST) -> tuple[str, str] | None:
    """(verb, path) of a route function: `@router.patch("/{id}")`."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    for dec in node.decorator_list:
        if isinstance(dec, ast.Call) and isinstance(dec.func, ast.Attribute) and dec.func.attr in VERBS:
            path = dec.args[0] if dec.args else next((k.value for k in dec.keywords if k.arg == "path"), None)
            if isinstance(path, ast.Constant) and isinstance(path.value, str):
                return dec.func.attr, path.value
            return dec.func.attr, ""
    return None


def _constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level `NAME = "..."` assignments: test modules keep URLs in them."""
    return {
        stmt.targets[0].id: stmt.value
        for stmt in tree.body
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
    }


def _requests(node: ast.AST, names: ResourceNames, constants: dict[str, ast.expr]) -> set[tuple[str, str]]:
    """(verb, collection|item) of each request the code makes to the resource's URLs."""
    known = dict(constants)
    for n in _walk(node):  # a class: its own body; its methods are definitions of their own
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
            known[n.targets[0].id] = n.value
    segments = _segments(names)
    out = set()
    for n in _walk(node):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in VERBS and n.args:
            shape = url_shape(n.args[0], segments, known)
            if shape is not None:
                out.add((n.func.attr, shape))
    return out


def _named_routes(node: ast.AST) -> set[str]:
    """The routes a test reaches by name: `app.url_path_for("create_order", ...)`."""
    return {
        n.args[0].value
        for n in ast.walk(node)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr in ("url_path_for", "url_for")
        and n.args
        and isinstance(n.args[0], ast.Constant)
        and isinstance(n.args[0].value, str)
    }


def _relative_shape(path: str) -> str | None:
    """"item" for a path ending in a parameter (`/{id}`), "collection" for `` or `/`, else None."""
    if path in ("", "/"):
        return "collection"
    return "item" if re.fullmatch(r"/\{\w+\}/?", path) else None


def _segments(names: ResourceNames) -> set[str]:
    """How the resource's URLs may spell it."""
    return {names.plural_kebab, names.plural_snake, names.kebab, names.snake, names.plural_pascal.lower()}


def _cases(node: ast.AST) -> list[tuple[str, ...]]:
    """The string values of each case of a test's `parametrize` decorator."""
    out = []
    for dec in getattr(node, "decorator_list", ()):
        parametrize = isinstance(dec, ast.Call) and isinstance(dec.func, ast.Attribute) and dec.func.attr == "parametrize"
        if parametrize and len(dec.args) > 1 and isinstance(dec.args[1], (ast.List, ast.Tuple)):
            for case in dec.args[1].elts:
                items = case.elts if isinstance(case, (ast.Tuple, ast.List)) else [case]
                out.append(tuple(i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)))
    return out


def url_shape(node: ast.expr, segments: set[str], known: dict[str, ast.expr]) -> str | None:
    """"item" or "collection" for an expression spelling one of the resource's URLs, else None."""
    text = _url_text(node, known)
    if text is None:
        return None
    parts = [p for p in text.split("?")[0].split("/") if p]
    at = max((i for i, p in enumerate(parts) if p in segments or _route_of(p, segments)), default=None)
    if at is None:
        return None
    return "item" if at < len(parts) - 1 else "collection"


def _url_text(node: ast.expr, known: dict[str, ast.expr], depth: int = 0) -> str | None:
    """A URL expression as text, `{}` for each part it cannot resolve."""
    if depth > 5:
        return None
    if isinstance(node, ast.Name) and node.id in known:
        return _url_text(known[node.id], known, depth + 1)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_part(v, known, depth) for v in node.values)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("url_path_for", "url_for")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ):  # `app.url_path_for("list_orders")`: the route by name, an item where it takes path parameters
        return f"/@{node.args[0].value}" + ("/{}" if node.keywords else "")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _url_text(node.left, known, depth + 1), _url_text(node.right, known, depth + 1)
        return (left or "{}") + (right or "{}")
    return None


def _route_of(part: str, segments: set[str]) -> bool:
    """Whether a URL part standing for a route by name (`@list_orders`) is one of the resource's."""
    return part.startswith("@") and any(re.search(rf"(^|_){re.escape(s)}($|_)", part[1:]) for s in segments)


def _part(value: ast.expr, known: dict[str, ast.expr], depth: int) -> str:
    if isinstance(value, ast.Constant):
        return str(value.value)
    if isinstance(value, ast.FormattedValue) and isinstance(value.value, ast.Name) and value.value.id in known:
        return _url_text(value.value, known, depth + 1) or "{}"
    return "{}"


def _cascade_tests(defs: list[_Def], gone: set[tuple[str, str]], tests: list[str]) -> None:
    """Test code using a fixture or helper that went goes too."""
    changed = True
    while changed:
        changed = False
        names = {key.rsplit(".", 1)[-1] for _, key in gone}
        for d in defs:
            if d.test and (d.path, d.key) not in gone and d.refs & names and _is_test_case(d.key):
                gone.add((d.path, d.key))
                tests.append(d.key)
                changed = True


def _is_test_case(key: str) -> bool:
    return key.rsplit(".", 1)[-1].startswith("test")


def _collect(defs: list[_Def], roots: set[str], gone: set[tuple[str, str]]) -> tuple[set[str], set[str]]:
    """Drop what the removed code referred to and nothing left does. Also name what stays only
    because the remaining tests use it (a left-out operation's data access making their rows)."""

    def referrers(d: _Def, among: list[_Def]) -> list[_Def]:
        name = d.key.rsplit(".", 1)[-1]
        return [r for r in among if r is not d and name in r.refs]

    def is_gone(d: _Def) -> bool:  # a method goes with its class
        return (d.path, d.key) in gone or (d.path, d.key.split(".")[0]) in gone

    removed_at_start = [d for d in defs if is_gone(d)]
    other: set[str] = set()
    changed = True
    while changed:
        changed = False
        kept = [d for d in defs if not is_gone(d)]
        removed = [d for d in defs if is_gone(d)]
        for d in kept:
            if route_of(d.node) is not None or d.key.rsplit(".", 1)[-1] in roots or referrers(d, kept):
                continue  # a route is used by its decorator
            if referrers(d, removed):
                gone.add((d.path, d.key))
                other.add(d.key)
                changed = True
    kept = [d for d in defs if not is_gone(d)]
    for_tests = {
        d.key
        for d in kept
        if not d.test
        and route_of(d.node) is None
        and referrers(d, removed_at_start)
        and all(r.test for r in referrers(d, kept) or [d])
    }
    return other, for_tests


def with_methods(plan: Plan, methods: tuple[str, ...] | None, names: ResourceNames) -> tuple[Plan, list[str]]:
    """The plan without the operations `methods` leaves out, and the lines saying what went."""
    if methods is None:
        return plan, []
    edits, left = leave_out(plan.edits, methods, names)
    lines = left.describe(methods)
    emptied = [e.path for e in edits if e.created and _no_tests_left(e)]
    edits = tuple(e for e in edits if e.path not in emptied)
    lines += [f"not written: {path} (every test in it went)" for path in emptied]
    routes = tuple(r for r in plan.routes if route_op(*_verb_path(r)) in methods)
    return replace(plan, edits=edits, routes=routes, explain=(*plan.explain, *lines)), lines


def _no_tests_left(edit: FileEdit) -> bool:
    """A new test module (`test_*.py`) whose every test went."""
    if not (is_test_path(edit.path) and edit.path.rsplit("/", 1)[-1].startswith("test_")):
        return False
    tree = ast.parse(edit.new)
    return not any(
        (isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith("test"))
        or (isinstance(n, ast.ClassDef) and n.name.startswith("Test"))
        for n in tree.body
    )


def _verb_path(route: str) -> tuple[str, str]:
    """("get", "/orders/{id}") of a plan's route line, `GET /orders/{id}  (where)`."""
    verb, _, rest = route.partition(" ")
    return verb.lower(), rest.split("  (")[0].strip()
