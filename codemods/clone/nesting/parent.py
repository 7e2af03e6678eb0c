"""`--parent Customer`: the resource a nested one lives under, read from the parent's own code.

The parent is a model of the project with a footprint: its item route (`GET /{customer_id}`)
says how the project finds one row and answers 404 (the statements before its `return`, and the
parameters they need; whether they keep to the signed-in user's rows: owned_parent), its test
fixture or helper says how tests make one, and its create route (`POST /customers`, with its
guards) how tests making rows through the routes make one. Names are never guessed: what is not
in the parent's code is refused with the reason.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from codemods.clone.nesting.owned_parent import OwnedLookup, owned_lookup
from codemods.clone.route_tests import depends_targets, routes_of
from codemods.errors import ConventionError, SpecError
from codemods.names import ResourceNames, named_instead
from codemods.spec import FieldSpec, ResourceSpec
from detectors.project import ProjectIndex, is_test_path
from detectors.resources import Footprint


@dataclass(frozen=True)
class ParentRoute:
    """The parent's item route, as the nested routes reuse it."""

    module: str  # path of the parent's router module
    function: str
    param: str  # its path parameter naming the row (`customer_id`, `id`)
    path: str = ""  # its path as the route spells it (`/{customer_id}`, `/{username}/post/{id}`)
    owned: OwnedLookup | None = None  # it finds the row among the signed-in user's own


@dataclass(frozen=True)
class ParentCreate:
    """The parent's create route, as tests making rows through the routes call it."""

    module: str  # path of the parent's router module
    function: str
    status: int
    guards: tuple[str, ...]  # dependencies that only guard it, names bound in `module`
    signed_in: bool  # it reads the signed-in user: tests send their credentials


@dataclass(frozen=True)
class Parent:
    """Everything the nesting transformers need of the parent."""

    footprint: Footprint
    names: ResourceNames
    key: str  # the child's column pointing at the parent, and the nested path parameter
    route: ParentRoute
    segment: str  # how URLs spell the parent's collection (`customers`)
    fixture: str | None  # the pytest fixture making one parent row, where tests have one
    fixture_path: str | None  # a conftest.py, or a test module it is copied from
    factory: str | None = None  # else a test helper returning one new row (`create_random_item`)
    factory_path: str | None = None
    create: ParentCreate | None = None  # its create route, when it takes no path parameters

    @property
    def field(self) -> FieldSpec:
        """The fk field the child gets: required, set from the path."""
        return FieldSpec(self.names.snake, "fk", fk_target=self.footprint.model)


def find_parent(
    index: ProjectIndex,
    footprints: tuple[Footprint, ...],
    name: str,
    spec: ResourceSpec,
    url_style: str,
    auth: tuple[str | None, str | None] = (None, None),
) -> Parent:
    """The parent named by `--parent`; SpecError or ConventionError in one line when it cannot be.
    `auth`: the project's auth dependency and the parameter name it is read as."""
    if name == spec.names.pascal:
        raise SpecError(f"--parent {name}: a resource cannot be nested under itself")
    fp = next((f for f in footprints if f.model == name), None)
    if fp is None:
        known = named_instead(name, (f.model for f in footprints if f.model != spec.names.pascal))
        raise ConventionError(
            f"--parent {name}: no model of that name with endpoints (models: {known})"
        )
    names = ResourceNames.parse(name)
    key = f"{names.snake}_id"
    if any(f.column_name == key and (f.type, f.fk_target) != ("fk", name) for f in spec.fields):
        raise SpecError(
            f"--parent {name} adds {key}: a field of that name is not the key to {name}"
        )
    # the path ends in the row's parameter: `/{username}/posts` lists rows of a user
    item = next((r for r in fp.routes if r[0] == "GET" and r[1].rstrip("/").endswith("}")), None)
    if item is None:
        raise ConventionError(
            f"--parent {name}: it has no route reading one row (GET /{{id}}) to find it by"
        )
    param = item[1].rsplit("{", 1)[1].split("}")[0].split(":")[0]
    fixture = row_fixture(index, fp)
    factory = _factory(index, fp) if fixture is None else None
    return Parent(
        fp,
        names,
        key,
        ParentRoute(item[2], item[3], param, item[1], _owned(index, item[2], item[3], auth)),
        names.url_segment(url_style),
        fixture[1] if fixture else None,
        fixture[0] if fixture else None,
        factory[1] if factory else None,
        factory[0] if factory else None,
        create_route(index, fp, auth),
    )


def create_route(
    index: ProjectIndex, fp: Footprint, auth: tuple[str | None, str | None]
) -> ParentCreate | None:
    """The parent's create route (POST with no path parameter), its guards and whether it reads
    the signed-in user."""
    for method, _, path, function in fp.routes:
        info = index.get(path) if method == "POST" else None
        found = routes_of(info.source, *auth) if info is not None else []
        route = next((r for r in found if r.function == function and r.op == "create"), None)
        if route is not None:
            return ParentCreate(path, function, route.status, route.guards, bool(route.users))
    return None


def _owned(
    index: ProjectIndex, module: str, function: str, auth: tuple[str | None, str | None]
) -> OwnedLookup | None:
    """Whether the item route `function` of `module` finds rows among the signed-in user's own."""
    info = index.get(module)
    if info is None:
        return None
    route = next((r for r in routes_of(info.source, *auth) if r.function == function), None)
    node = next(
        (
            n
            for n in info.tree.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == function
        ),
        None,
    )
    if route is None or node is None:
        return None
    # a dependency giving the user through the auth dependency (`current_user`, asking for
    # `require_user`) gives the signed-in user as well
    route = replace(route, users=(*route.users, *_through_auth(index, info, node, auth[0])))
    owned = owned_lookup(node, route, auth[1])
    return replace(owned, auth=auth) if owned is not None else None


def _through_auth(index: ProjectIndex, info, node: ast.FunctionDef | ast.AsyncFunctionDef, auth: str | None) -> list[str]:
    """The route's dependencies (as routes_of names them) whose functions ask for the auth
    dependency `auth`."""
    out = []
    for target in _dependencies(node) if auth is not None else ():
        if not isinstance(target, (ast.Name, ast.Attribute)):
            continue
        found = index.resolve(info, ast.unparse(target))
        if found is not None and isinstance(found[1], (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
            ast.unparse(asked).rsplit(".", 1)[-1] == auth for asked in _dependencies(found[1])
        ):
            out.append(ast.unparse(target).rsplit(".", 1)[-1])
    return out


def _dependencies(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    """What the `Depends(...)` giving its parameters depend on."""
    given = [*function.args.defaults, *function.args.kw_defaults, *(a.annotation for a in (*function.args.args, *function.args.kwonlyargs))]
    return [target for g in given if g is not None for target in depends_targets(g)]


def row_fixture(index: ProjectIndex, fp: Footprint) -> tuple[str, str] | None:
    """(path, name) of a pytest fixture of the parent's that builds one of its rows."""
    # a conftest's fixture serves every test module; one in the parent's test module is copied
    places = [u.path for u in fp.units] + list(fp.files)
    for path in sorted(
        dict.fromkeys(p for p in places if is_test_path(p)),
        key=lambda p: not p.endswith("conftest.py"),
    ):
        module = index.get(path)
        for node in module.tree.body if module is not None else ():
            if (
                isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                and is_fixture(node)
                and builds_one_row(node, fp.model)
            ):
                return path, node.name
    return None


def _factory(index: ProjectIndex, fp: Footprint) -> tuple[str, str] | None:
    """(path, name) of a test helper returning a new row of the parent: a top-level function of a
    test module, neither fixture nor test, annotated to return the model."""
    places = [u.path for u in fp.units] + list(fp.files)
    for path in sorted(dict.fromkeys(p for p in places if is_test_path(p))):
        module = index.get(path)
        # a module other test modules import (`tests/factories.py`): its untyped makers count too
        importable = not path.rsplit("/", 1)[-1].startswith(("test_", "conftest"))
        for node in module.tree.body if module is not None else ():
            if is_factory(node, fp.model) or (importable and constructs_row(node, fp.model)):
                return path, node.name
    return None


def constructs_row(node: ast.stmt, model: str) -> bool:
    """Whether the statement is a helper (no fixture, no test) returning a row of `model` it
    constructs (`models.Author(**fields)`)."""
    return (
        isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and not is_fixture(node)
        and not node.name.startswith("test")
        and any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(node))
        and any(isinstance(n, ast.Call) and ast.unparse(n.func).rsplit(".", 1)[-1] == model for n in ast.walk(node))
    )


def is_factory(node: ast.stmt, model: str) -> bool:
    """Whether the statement is a test helper making a row of `model` (see `_factory`)."""
    return (
        isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and not is_fixture(node)
        and not node.name.startswith("test")  # pytest would collect it
        and node.returns is not None
        and ast.unparse(node.returns).rsplit(".", 1)[-1] == model
    )


def is_fixture(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a pytest fixture decorator (`@pytest.fixture`, `@pytest_asyncio.fixture(...)`) marks it."""
    return any("fixture" in ast.unparse(d) for d in node.decorator_list)


def builds_one_row(node: ast.FunctionDef | ast.AsyncFunctionDef, model: str) -> bool:
    """Whether the fixture gives one row of the model: it constructs it (`Customer(...)`,
    `models.Customer(...)`) or is annotated to return one (`-> Customer`, made by a helper of the
    conftest), is no factory (a function it returns) and is not typed otherwise."""
    if any(
        isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for n in ast.walk(node)
        if n is not node
    ):
        return False
    if node.returns is not None and model not in ast.unparse(node.returns):
        return False
    if node.returns is not None and ast.unparse(node.returns).rsplit(".", 1)[-1] == model:
        return True
    return any(
        isinstance(n, ast.Call) and ast.unparse(n.func).rsplit(".", 1)[-1] == model
        for n in ast.walk(node)
    )
