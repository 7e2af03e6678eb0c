"""How the project's tests make one row of a resource with their own helper, read from the tests.

A maker is a function of the test suite, neither test nor fixture, that returns a row it made:
through the model's constructor (`models.Customer(**fields)`), annotated to return the model
(`create_random_customer(db) -> Customer`, made through the crud layer), or posted to the
resource's create route (`client.post("/customers", ...)`, returning the answer's JSON). A
fixture giving such a function (`customer_factory`) is one too. How to call it is read from a
test calling it: its callee as written, the fixtures passed to it, whether it is awaited.

    def test_read_customer(client, db):
        customer = factories.create_customer(db, name="Ann")
gives RowMaker(callee="factories.create_customer", args=("db",), ...), imported as
`from tests import factories`. What that test passes by keyword out of its own fixtures
(`owner_id=user.id`, not `name="Ann"`) is kept apart (`RowMaker.keywords`): a row the routes
find only among the signed-in user's is made that way.
"""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass

from codemods.clone.nesting.parent import is_fixture
from codemods.imports import Import, imports_binding
from detectors.project import ModuleInfo, ProjectIndex, is_test_path
from detectors.resources import Footprint
from detectors.test_setup import module_clients

_Function = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Keyword:
    """A keyword argument a test passes the maker, its value read off the test's fixtures."""

    name: str  # `owner_id`
    code: str  # `user.id`
    fixtures: tuple[str, ...]  # the fixtures it reads: ("user",)

    def __str__(self) -> str:
        return f"{self.name}={self.code}"


@dataclass(frozen=True)
class RowMaker:
    """A helper making one row, as the project's tests call it."""

    callee: str  # as the calling tests spell it: `factories.create_customer`, `customer_factory`
    function: str  # the definition's name
    path: str  # the module defining it
    args: tuple[str, ...]  # the fixtures a test passes it, in order: ("db",)
    params: tuple[str, ...]  # the parameters receiving them: a helper calling it passes its own
    awaited: bool
    value: str  # the key of the row it returns, on `{}`: "{}.id", '{}["id"]'
    fixture: bool = False  # the callee is a fixture giving the maker
    imports: tuple[Import, ...] = ()  # what a module calling it imports
    copied: bool = False  # defined in a test module or a conftest, which nothing imports
    keywords: tuple[Keyword, ...] = ()  # what the test passes by keyword out of its fixtures
    # those of `args` the test module binds at its top level, no fixtures: a client it builds
    # there (`client = TestClient(app)`), which a module calling the maker binds the same way
    shared: tuple[str, ...] = ()

    def call(self, defined_here: bool) -> str:
        """The call as code, in a module defining the maker (bare name) or not."""
        callee = self.function if defined_here else self.callee
        return f"{'await ' if self.awaited else ''}{callee}({', '.join(self.args)})"


def row_maker(index: ProjectIndex, fp: Footprint) -> RowMaker | None:
    """The helper the tests make one row of `fp` with, as they call it; None without one."""
    places = sorted(dict.fromkeys(p for p in [*(u.path for u in fp.units), *fp.files] if is_test_path(p)))
    segments = {f"/{fp.names.plural_kebab}", f"/{fp.names.plural_snake}"}
    for path in places:
        module = index.get(path)
        for node in module.tree.body if module is not None else ():
            if not isinstance(node, _Function) or node.name.startswith("test"):
                continue
            if is_fixture(node):
                inner = next((n for n in node.body if isinstance(n, _Function)), None)
                if inner is None or not _makes_row(inner, module, fp.model, segments):
                    continue
                made = _called(index, places, node.name, path, fixture=True)
                if made is not None:
                    return _maker(made, node.name, path, inner, fp, fixture=True)
            elif _makes_row(node, module, fp.model, segments):
                made = _called(index, places, node.name, path, fixture=False)
                if made is not None:
                    return _maker(made, node.name, path, node, fp, fixture=False)
    return None


@dataclass(frozen=True)
class _Call:
    callee: str
    args: tuple[str, ...]
    awaited: bool
    imports: tuple[Import, ...]
    keywords: tuple[Keyword, ...] = ()
    shared: tuple[str, ...] = ()  # the args the module binds at its top level (see RowMaker)


def _maker(call: _Call, name: str, path: str, node, fp: Footprint, fixture: bool) -> RowMaker:
    params = tuple(a.arg for a in node.args.args if a.arg not in ("self", "cls"))[: len(call.args)]
    returns_json = (node.returns is not None and "dict" in ast.unparse(node.returns).lower()) or any(
        isinstance(n, ast.Return) and n.value is not None and ".json()" in ast.unparse(n.value) for n in ast.walk(node)
    )
    value = f'{{}}["{fp.key[0]}"]' if returns_json else f"{{}}.{fp.key[0]}"
    name_only = path.rsplit("/", 1)[-1]
    copied = not fixture and (name_only.startswith("test_") or name_only == "conftest.py")
    return RowMaker(
        call.callee, name, path, call.args, params, call.awaited, value, fixture, call.imports, copied, call.keywords, call.shared
    )


def _makes_row(node, module: ModuleInfo, model: str, segments: set[str]) -> bool:
    """Whether the function returns a row of `model` it made (see the module docstring)."""
    if not any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(node)):
        return False
    if node.returns is not None and ast.unparse(node.returns).rsplit(".", 1)[-1] == model:
        return True
    for n in ast.walk(node):
        if not isinstance(n, ast.Call):
            continue
        if ast.unparse(n.func).rsplit(".", 1)[-1] == model:
            return True
        if isinstance(n.func, ast.Attribute) and n.func.attr == "post" and n.args:
            url = _text(n.args[0], module)
            if url is not None and "/" + url.rstrip("/").rsplit("/", 1)[-1] in segments:
                return True
    return False


def _text(node: ast.expr, module: ModuleInfo) -> str | None:
    """A URL as written: a literal, an f-string's literal tail, or a module-level constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[-1], ast.Constant):
        return str(node.values[-1].value)
    if isinstance(node, ast.Name):
        for stmt in module.tree.body:
            if (
                isinstance(stmt, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == node.id for t in stmt.targets)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            ):
                return stmt.value.value
    return None


def _called(index: ProjectIndex, places: list[str], name: str, path: str, fixture: bool) -> _Call | None:
    """How the tests of the resource's test modules most often call `name`, passing only the
    test's own fixtures, or a client the module builds at its top level, positionally (the
    first such call among equals). The first alone may be a test's odd one out:
    `collection_factory(other_user)` in the test that another user's row is hidden, where the
    rest make the signed-in user's with `collection_factory(user)`."""
    calls: list[_Call] = []
    for place in places:
        module = index.get(place)
        if module is None:
            continue
        clients = {name for name, _ in module_clients(module.tree)}
        for test in ast.walk(module.tree):
            if not isinstance(test, _Function) or not test.name.startswith("test"):
                continue
            params = {a.arg for a in (*test.args.args, *test.args.kwonlyargs)}
            awaited = {id(n.value) for n in ast.walk(test) if isinstance(n, ast.Await)}
            for call in (n for n in ast.walk(test) if isinstance(n, ast.Call)):
                callee = ast.unparse(call.func)
                if callee.rsplit(".", 1)[-1] != name or (fixture and callee not in params):
                    continue
                if not all(isinstance(a, ast.Name) and (a.id in params or a.id in clients) for a in call.args):
                    continue
                head = callee.split(".", 1)[0]
                imports = () if fixture or place == path else tuple(imports_binding(module.tree, place, {head}))
                keywords = tuple(k for k in (_keyword(k, params) for k in call.keywords) if k is not None)
                args = tuple(a.id for a in call.args)
                shared = tuple(a for a in args if a not in params)
                calls.append(_Call(callee, args, id(call) in awaited, imports, keywords, shared))
    if not calls:
        return None
    counts = Counter((c.callee, c.args) for c in calls)
    # the first of the most frequent, one passing keywords out of its fixtures first: a row made
    # the signed-in user's (`owner_id=normal_user.id`) serves a route that finds only those
    return max(calls, key=lambda c: (counts[(c.callee, c.args)], bool(c.keywords)))  # max keeps the first of equals


def _keyword(arg: ast.keyword, params: set[str]) -> Keyword | None:
    """`arg` where its value reads the test's fixtures and nothing else (`owner_id=user.id`)."""
    if arg.arg is None:
        return None
    read = tuple(dict.fromkeys(n.id for n in ast.walk(arg.value) if isinstance(n, ast.Name)))
    if not read or not set(read) <= params:
        return None
    return Keyword(arg.arg, ast.unparse(arg.value), read)
