"""`--parent`: the cloned resource, nested under one row of its parent, as a pass over the plan.

The clone is planned with the parent's fk as a required field (model, read schema, migration);
then, in order:
1. routes (NestRoutes): the key as a path parameter, the parent's own lookup first, rows of
   other parents answered 404; the prefix (NestPrefix) wherever the project sets it, else
   each route's full path (NestRoutePaths);
2. data access (ScopeQueries, needs 1: it names the functions): create sets the key, list
   filters by it (in the route itself where it queries the table); a dependency reading a
   route's row checks its parent (ScopeRowDependency); a class a create stores gets the key
   as a field (KeyField); a row read through the clone's functions down to a loader it does
   not define is checked right after it (ThreadKey, CheckLoadedRow: loaded_row), a list read
   through a method its class inherits gets its own copy to filter (OwnCopies: inherited);
3. the key's foreign key deletes on cascade (CascadeToParent); input schemas (DropInputField):
   clients never send the key; where the exemplar's routes
   read it from the payload, they read the path's (KeyFromPath);
4. tests: URLs under a parent (NestTestUrls), a second parent row (OtherRow), and the tests
   of the nesting (ParentCases, needs the nested URLs); where tests make rows with helpers,
   each test makes its parent with the parent's (FactoryParent) and the clone's helper makes
   its row under one (ParentForFactory); where they make rows through the routes, each makes
   its parent through the parent's create route (through_routes); where the parent's tests make
   theirs with a helper of their own and no fixture, each test makes its parent with it
   (made_parent; a new module's test classes lend their tests meanwhile: test_classes), and
   where fixtures give the factories, the parent's (fixture_made). A URL constant of a new test
   module is written out first (InlineUrlConstant), and tests expecting a row without a parent
   go (DropNullParentTests). Tests moving a row to another parent go (DropParentMoves), a route filtering by
   the key on request takes it from the path (DropOptionalKey), validators forget it
   (DropValidatedField).
Where the clone's routes were added to a module of the project's (one main.py), each step there
runs on the clone's definitions only (OnlyDefinitions), and tests added beside the parent's
helper make their parents with it (maker_tests).
A shape none of them fits is refused, naming it, rather than planned half-nested.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace

import libcst as cst

from codemods import matching as m
from codemods.clone.borrowed import Borrowed, borrowed, lend
from codemods.clone.nesting.bound_model import model_attributes
from codemods.clone.nesting.bound_queries import ScopeBoundQueries, bound_builders
from codemods.clone.nesting.build import row_builders
from codemods.clone.nesting.cascade import CascadeToParent
from codemods.clone.nesting.cases import ParentCases
from codemods.clone.nesting.client_input import DropInputField
from codemods.clone.nesting.dependency import ScopeRowDependency
from codemods.clone.nesting.factory import ParentForFactory
from codemods.clone.nesting.factory_tests import FactoryParent
from codemods.clone.nesting.fixture import CopyFixture, OtherRow
from codemods.clone.nesting.fixture_made import (
    header_owners,
    nest_fixture_made_tests,
    row_factories,
)
from codemods.clone.nesting.inherited import own_inherited_lists
from codemods.clone.nesting.key_field import KeyField
from codemods.clone.nesting.loaded_row import check_loaded_rows
from codemods.clone.nesting.lookup_helpers import borrowed_helpers
from codemods.clone.nesting.lookup_key import LookupByKey, variable_uses
from codemods.clone.nesting.made_parent import nest_made_tests, parent_maker
from codemods.clone.nesting.maker_tests import nest_maker_tests
from codemods.clone.nesting.null_parent import DropNullParentTests
from codemods.clone.nesting.only import OnlyDefinitions, added_definitions
from codemods.clone.nesting.optional_key import DropOptionalKey
from codemods.clone.nesting.parent import (
    Parent,
    builds_one_row,
    constructs_row,
    is_factory,
    is_fixture,
)
from codemods.clone.nesting.paths import NestRoutePaths, nested_item_path
from codemods.clone.nesting.payload import KeyFromPath
from codemods.clone.nesting.prefix import NestPrefix
from codemods.clone.nesting.queries import ScopeQueries
from codemods.clone.nesting.routes import VERBS, NestRoutes
from codemods.clone.nesting.test_classes import lift_tests, put_back
from codemods.clone.nesting.tests import NestTestUrls
from codemods.clone.nesting.through_routes import calls_routes, nest_route_tests
from codemods.clone.nesting.through_urls import nest_url_tests, writes_urls
from codemods.clone.nesting.url_constant import InlineUrlConstant
from codemods.clone.nesting.validated import DropValidatedField
from codemods.clone.route_tests import routes_of
from codemods.clone.row_makers import row_maker
from codemods.errors import ConventionError
from codemods.formatting import FormatStyle, format_code, formats_to_itself
from codemods.imports import Import, add_imports, imports_binding
from codemods.names import ResourceNames
from codemods.plan import FileEdit
from detectors.project import ProjectIndex, is_test_path, module_name


@dataclass(frozen=True)
class Nested:
    """The plan's edits, nested, and what to say about it."""

    edits: tuple[FileEdit, ...]
    notes: tuple[str, ...]


def nest(
    edits: tuple[FileEdit, ...],
    parent: Parent,
    names: ResourceNames,
    url_style: str,
    index: ProjectIndex,
    fmt: FormatStyle,
    first_party: frozenset[str],
    field_ondelete: bool = False,
    going: frozenset[str] = frozenset(),
) -> Nested:
    """The edits with the clone nested under `parent` (see the module docstring);
    `field_ondelete`: whether the project's SQLModel `Field` takes `ondelete` (`Libraries`);
    `going`: the route and test functions `--methods` takes out after: nothing is refused for them."""
    texts = {e.path: e.new for e in edits}
    routers = [
        e.path
        for e in edits
        if e.path.endswith(".py") and not is_test_path(e.path) and _routes(e.new, e.old)
    ]
    segment = names.url_segment(url_style)
    prefix = NestPrefix(segment, f"/{parent.segment}/{{{parent.key}}}")
    if not routers:  # the resource is there: only wiring the plan repeats may need nesting
        out = []
        for e in edits:
            if e.old is not None and e.path.endswith(".py") and not is_test_path(e.path):
                e = replace(
                    e, new=_without_repeats(e.old, cst.parse_module(e.new).visit(prefix).code)
                )
            out.append(e)
        return Nested(tuple(out), ())
    # routes added to a module of the project's own: only the clone's definitions are nested
    own = {e.path: added_definitions(e.new, e.old) for e in edits if e.path in routers and e.old}
    _refuse_other_sign_in(texts, routers, parent, going)
    takes_key = _nest_routes(
        texts, routers, edits, parent, names.pascal, prefix, index, fmt, first_party, own
    )
    # The model, then its revision (where the model's field cannot say it, neither does the
    # revision): in a module of its own or among the clone's definitions in a shared one (a
    # models.py of every resource), never the project's own.
    cascading = {
        e.path: None if e.created else own[e.path] if e.path in own else added_definitions(e.new, e.old)
        for e in edits
        if e.path.endswith(".py") and not is_test_path(e.path) and f"{parent.footprint.table}." in e.new
    }
    held = False
    for path in sorted(cascading, key=lambda p: "/versions/" in f"/{p}"):
        if held and "/versions/" in f"/{path}":
            continue
        cascade = CascadeToParent(parent.footprint.table, field_ondelete)
        scoped = cascade if cascading[path] is None else OnlyDefinitions(cascade, cascading[path])
        texts[path] = cst.parse_module(texts[path]).visit(scoped).code
        held = held or cascade.held
    inputs = set().union(*(_inputs(texts[p], own.get(p)) for p in routers))
    for path in routers:
        key_from_path = _only(KeyFromPath(parent.key, inputs), path, own)
        texts[path] = cst.parse_module(texts[path]).visit(key_from_path).code
    for e in edits:
        if e.path.endswith(".py") and not is_test_path(e.path):
            drop = DropInputField(parent.key, inputs)
            texts[e.path] = cst.parse_module(texts[e.path]).visit(_only(drop, e.path, own)).code
            if drop.dropped:  # its validators name the key no more
                named = DropValidatedField(parent.key, drop.dropped)
                texts[e.path] = cst.parse_module(texts[e.path]).visit(_only(named, e.path, own)).code
    note = (
        f"nested under {parent.footprint.model}: /{parent.segment}/{{{parent.key}}}/{segment}, "
        f"{parent.key} set from the path, rows of other {parent.names.plural_snake} answer 404"
    )
    # read before nesting: a path under the parent's key no longer tells a row from the list
    served = {
        r.function: r.op
        for e in edits
        if e.path in routers
        for r in routes_of(e.new, None)
        if e.path not in own or r.function in own[e.path]
    }
    extra_edits = _nest_tests(
        edits, texts, parent, names, segment, takes_key, index, fmt, first_party, served, going
    )
    for e in edits:
        if (
            e.created
            and texts[e.path] != e.new
            and fmt.formatter
            and formats_to_itself(e.new, fmt)
        ):
            # the clone was formatted: so is its nesting
            texts[e.path] = format_code(texts[e.path], fmt)
    out = [
        replace(e, new=texts[e.path], why=(*e.why, "nested")) if texts[e.path] != e.new else e
        for e in edits
    ]
    return Nested((*out, *extra_edits), (note,))


def _nest_routes(
    texts, routers, edits, parent: Parent, model: str, prefix: NestPrefix, index, fmt, first_party, own
) -> set[str]:
    """Steps 1 and 2: the routes and their prefix, then the data access they call; returns the
    data functions now taking the key. `own`: routers the project's code shares, the clone's
    definitions in each (nothing else there is nested)."""
    lookup, key_param, extra, needed = _parent_lookup(parent, index, _taken(texts, routers))
    data = {
        e.path: _new_functions(e)
        for e in edits
        if e.path.endswith(".py") and not is_test_path(e.path) and e.path not in routers
    }
    functions = frozenset().union(*data.values()) if data else frozenset()
    objects = frozenset(
        t.id
        for e in edits
        if e.old is None and e.path in data
        for n in ast.parse(e.new).body
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Name)
    )
    routes = NestRoutes(key_param, lookup, extra, functions, model, objects)
    for path in routers:
        # a route filtering by the key on request takes it from the path (optional_key)
        module = cst.parse_module(texts[path]).visit(_only(DropOptionalKey(parent.key), path, own))
        module = module.visit(_only(routes, path, own)).visit(prefix)
        texts[path] = add_imports(module, needed, fmt, first_party).code
    for e in edits:  # the prefix set where the router is included
        if (
            e.old is not None
            and e.path.endswith(".py")
            and not is_test_path(e.path)
            and not prefix.done
        ):
            texts[e.path] = cst.parse_module(texts[e.path]).visit(prefix).code
    if not prefix.done:  # no prefix names the resource: its routes spell their full paths
        paths = NestRoutePaths(nested_item_path(parent.route.path, parent.route.param, parent.key))
        for path in routers:
            texts[path] = cst.parse_module(texts[path]).visit(_only(paths, path, own)).code
        if not paths.done:
            raise ConventionError(
                f"--parent: neither a router prefix nor route paths for {prefix.segment} to nest"
            )
    annotation = key_param.annotation.annotation if key_param.annotation else None
    written = cst.Module([]).code_for_node(annotation) if annotation is not None else None
    if routes.unscoped:  # routes querying the table themselves (`select(Review)`) filter there
        inline = ScopeQueries(set(), set(routes.unscoped), parent.key, written, model)
        before = {n: c for p in routers for n, c in _functions(texts[p]).items()}
        for path in routers:
            texts[path] = cst.parse_module(texts[path]).visit(_only(inline, path, own)).code
        after = {n: c for p in routers for n, c in _functions(texts[p]).items()}
        # the route has the key already: ScopeQueries counts it done, what counts is a filter
        routes.unscoped = [r for r in routes.unscoped if before.get(r) == after.get(r)]
    if routes.unscoped:  # a row read through the clone's functions: checked after their loader
        routes.unscoped = check_loaded_rows(
            texts, [*routers, *data], routes.unscoped, parent.key, written,
            ResourceNames.parse(model).snake, index, fmt, first_party,
        )
    if routes.unscoped:  # a list read through a method the clone's class inherits: its own copy
        routes.unscoped, copied = own_inherited_lists(
            texts, routers, data, routes.unscoped, parent.key, index, fmt, first_party
        )
        routes.calls["list"] |= copied
    # the key is NOT NULL: every new function building a row needs it, called by a route or not
    builders = {
        name
        for path, defined in data.items()
        for name in row_builders(cst.parse_module(texts[path]), model, defined)
    }
    # classes serving the model through `self.<attr>` (a generic CRUD base's subclass)
    bound = {
        cls: attrs
        for path in data
        for cls, attrs in model_attributes(texts[path], path, model, index).items()
    }
    builders |= {
        name
        for path, defined in data.items()
        for name in bound_builders(cst.parse_module(texts[path]), bound, defined)
    }
    scope = ScopeBoundQueries(
        bound, routes.calls["create"] | builders, routes.calls["list"], parent.key, written, model
    )
    rows = ScopeRowDependency(routes.calls["row"], key_param)
    for path, defined in data.items():
        for transformer in (scope, rows):
            if defined & (scope.create | scope.listing if transformer is scope else rows.functions):
                texts[path] = cst.parse_module(texts[path]).visit(transformer).code
    if routes.calls["payload"]:  # the class a create stores carries the key
        field = KeyField(parent.key, written or parent.footprint.key[1], routes.calls["payload"])
        for path in data:
            texts[path] = cst.parse_module(texts[path]).visit(field).code
        routes.unscoped += sorted(routes.calls["payload"] - field.added)
    if routes.unscoped or scope.missing or rows.missing:
        what = ", ".join(sorted({*routes.unscoped, *scope.missing, *rows.missing}))
        raise ConventionError(
            f"--parent: cannot keep {what} to the parent's rows (no row check, model built or query found)"
        )
    return scope.create


def _nest_tests(
    edits, texts, parent: Parent, names, segment, takes_key, index, fmt, first_party, served, going=frozenset()
) -> list[FileEdit]:
    """Steps 4: the tests' URLs, a second parent row and the nesting's own tests; `served`: the
    nested routes' functions and their operations; `going`: tests `--methods` takes out after."""
    tests = [e for e in edits if e.path.endswith(".py") and is_test_path(e.path)]
    if not tests:
        return []
    for e in tests:  # a new module's URL constant, written out: each request's URL gets nested
        if e.old is None:
            texts[e.path] = cst.parse_module(texts[e.path]).visit(InlineUrlConstant(segment)).code
            # tests of a row without its parent (the exemplar's optional key) cannot pass nested
            unparented = DropNullParentTests(parent.key, frozenset(_new_functions(e)))
            texts[e.path] = cst.parse_module(texts[e.path]).visit(unparented).code
    creates = {f for f, op in served.items() if op == "create"}
    through = [e for e in tests if e.old is None and calls_routes(texts[e.path], creates)]
    if through:  # tests making rows through the routes make their parents so too
        nest_route_tests(through, texts, parent, names, served, _missing(parent), fmt, first_party, going)
        if parent.fixture is not None:  # rows other tests build (a cloned fixture) get a parent
            _nest_urls(
                [e for e in tests if e not in through],
                texts,
                parent,
                names,
                segment,
                index,
                fmt,
                first_party,
            )
        elif parent.factory is not None:
            # rows other tests make with helpers go under a parent the parent's helper makes
            others = [e for e in tests if e not in through]
            if others:
                _nest_factory_tests(
                    others, texts, parent, names, segment, takes_key, index, fmt, first_party
                )
        elif (made := parent_maker(index, parent.footprint)) is not None:
            # rows other tests make with a helper go under a parent its tests' helper makes
            others = [e for e in tests if e not in through]
            functions = {e.path: frozenset(_new_functions(e)) for e in others}
            nest_made_tests(
                others, texts, functions, parent, names, segment, made, _missing(parent), fmt,
                first_party, cases=False, going=going,
            )
        return []
    maker = row_maker(index, parent.footprint) if parent.fixture is parent.factory is None else None
    if maker is not None and all(e.path == maker.path and e.old is not None for e in tests):
        # the parent's helper is in the module the clone's tests are added to: they use it
        for e in tests:
            functions = added_definitions(e.new, e.old)
            nest_maker_tests(e.path, texts, functions, parent, names, segment, maker, _missing(parent))
        return []
    if parent.fixture is None and parent.factory is not None:
        _nest_factory_tests(
            tests, texts, parent, names, segment, takes_key, index, fmt, first_party
        )
        return []
    made = parent_maker(index, parent.footprint) if parent.fixture is None else None
    if made is not None:  # the parent's tests make rows with a helper: each nested test makes one so
        functions = {e.path: frozenset(_new_functions(e)) for e in tests}
        # its passes nest top-level tests: a new module's test classes lend them theirs meanwhile
        lifted = {}
        for e in tests:
            if e.old is None:
                texts[e.path], lifted[e.path] = lift_tests(texts[e.path])
        nest_made_tests(tests, texts, functions, parent, names, segment, made, _missing(parent), fmt, first_party, going=going)
        for path, moved in lifted.items():
            texts[path] = put_back(texts[path], moved)
        return []
    if _nest_fixture_made(tests, texts, parent, names, segment, index):
        return []
    added = {e.path: frozenset(_new_functions(e)) for e in tests if e.old is None}
    written = [e for e in tests if e.path in added and writes_urls(texts[e.path], segment, added[e.path])]
    if parent.fixture is None and written:  # URLs written out: parents made through their route
        nest_url_tests(written, texts, parent, names, segment, added, _missing(parent), fmt, first_party)
        return []
    if parent.fixture is None or parent.fixture_path is None:
        raise ConventionError(
            f"--parent {parent.footprint.model}: its tests have no pytest fixture or helper making one, "
            "and the new tests make no rows through the routes; nested tests need one"
        )
    row = next((f for e in tests for f in _fixtures_building(e, names.pascal)), None)
    created = [e.path for e in tests if e.old is None]
    if created and row is None:
        raise ConventionError(
            f"--parent: the cloned tests have no fixture making one {names.pascal} to nest the tests on"
        )
    annotation, model_import = _parent_import(index, parent)
    other = f"other_{parent.fixture}"
    extra: list[FileEdit] = []
    home = parent.fixture_path
    if not home.endswith("conftest.py"):  # the fixture reaches its own module only: copied
        if not created:
            return []
        home = created[0]
        fixture, imports, needed = _fixture_with_imports(index, parent)
        module = cst.parse_module(texts[home]).visit(CopyFixture(fixture))
        if needed.names:  # before the fixture: what it asks for, defined first
            module = lend(
                module, needed,
                lambda name: f"--parent: {home} defines {name} otherwise than {parent.fixture_path}, whose {parent.fixture} fixture needs it",
            )
        texts[home] = add_imports(module, [*imports, *needed.imports], fmt, first_party).code
    elif home not in texts:
        old = (index.root / home).read_text(encoding="utf-8")
        extra.append(
            FileEdit(home, old, old, ("a second " + parent.footprint.model + " for nested tests",))
        )
        texts[home] = old
    added = {e.path: frozenset(_new_functions(e)) for e in [*tests, *extra]}  # the clone's tests, only
    for path in [*(e.path for e in tests), *(e.path for e in extra)]:
        module = cst.parse_module(texts[path])
        nested = NestTestUrls(
            segment,
            parent.segment,
            parent.key,
            row,
            parent.fixture,
            annotation,
            names.pascal,
            _missing(parent),
            added[path],
        )
        module = module.visit(nested)
        if nested.outside:
            raise ConventionError(
                f"--parent: {path} keeps {names.pascal} URLs outside its tests ({nested.outside[0]!r}); "
                "nesting those is not supported"
            )
        if path == home:
            module = module.visit(
                OtherRow(
                    parent.fixture, other, {f.name for f in parent.footprint.fields if f.unique}
                )
            )
        if path in created and row is not None:
            cases = ParentCases(
                segment,
                parent.segment,
                row,
                other,
                annotation,
                _missing(parent),
                names.plural_snake,
                parent.names.snake,
            )
            module = module.visit(cases)
            if not cases.found:
                raise ConventionError(
                    f"--parent: {path} has no test reading one {names.pascal} to derive the nesting tests from"
                )
        if (
            annotation
            and model_import
            and module.code != texts[path]
            and f"{annotation}" in module.code
        ):
            module = add_imports(module, [model_import], fmt, first_party)
        texts[path] = module.code
    return [replace(e, new=texts[e.path]) for e in extra]


def _nest_fixture_made(tests, texts, parent: Parent, names, segment, index) -> bool:
    """Step 4 where the parent's tests and the clone's make rows with factories fixtures give
    (fixture_made.py); whether it applied."""
    maker = row_maker(index, parent.footprint) if parent.fixture is parent.factory is None else None
    if maker is None or not maker.fixture:
        return False
    factories = {
        name
        for e in tests
        for name in row_factories(texts[e.path], _new_functions(e), names.pascal)
    }
    created = [e for e in tests if e.old is None]
    if len(factories) != 1 or not created:
        return False
    trees = [ast.parse(texts[e.path]) for e in tests]
    home = index.get(maker.path)
    owners = header_owners([*trees, *([home.tree] if home is not None else [])])
    for e in created:
        nest_fixture_made_tests(
            e.path,
            texts,
            frozenset(_new_functions(e)),
            maker,
            next(iter(factories)),
            owners,
            segment,
            parent,
            names,
            _missing(parent),
        )
    return True


def _nest_urls(tests, texts, parent: Parent, names, segment, index, fmt, first_party) -> None:
    """The tests' URLs and rows of the clone under the parent's fixture (no second row, no
    nesting tests: the tests making rows through the routes have those)."""
    annotation, model_import = _parent_import(index, parent)
    for e in tests:
        module = cst.parse_module(texts[e.path])
        nested = NestTestUrls(
            segment,
            parent.segment,
            parent.key,
            None,
            parent.fixture or "",
            annotation,
            names.pascal,
            _missing(parent),
            frozenset(_new_functions(e)),
        )
        module = module.visit(nested)
        if nested.outside:
            raise ConventionError(
                f"--parent: {e.path} keeps {names.pascal} URLs outside its tests ({nested.outside[0]!r}); "
                "nesting those is not supported"
            )
        if annotation and model_import and module.code != texts[e.path]:
            module = add_imports(module, [model_import], fmt, first_party)
        texts[e.path] = module.code


def _nest_factory_tests(
    tests, texts, parent: Parent, names, segment, takes_key, index, fmt, first_party
) -> None:
    """Step 4 where tests make rows with helpers: each test makes the parent its URLs go under,
    and the clone's helper makes its row under a parent."""
    info = index.get(parent.factory_path or "")
    node = next(n for n in info.tree.body if getattr(n, "name", None) == parent.factory)
    required = node.args.args[: len(node.args.args) - len(node.args.defaults)]
    needs = [a.arg for a in required]
    accepts = frozenset(a.arg for a in (*node.args.args, *node.args.kwonlyargs) if a.arg not in needs)
    model_import = imports_binding(info.tree, info.path, {parent.footprint.model})
    annotation = parent.footprint.model if model_import else None
    row_factory = next(
        (
            n
            for e in tests
            for n in _added(e.new, e.old)
            if is_factory(n, names.pascal) or constructs_row(n, names.pascal)
        ),
        None,
    )
    if row_factory is None:
        raise ConventionError(
            f"--parent: the cloned tests have no helper making one {names.pascal} to nest the tests on"
        )
    if any(
        n not in {a.arg for a in (*row_factory.args.args, *row_factory.args.kwonlyargs)}
        for n in needs
    ):
        raise ConventionError(
            f"--parent: {row_factory.name} lacks what {parent.factory} needs ({', '.join(needs)})"
        )
    imports = [Import(module_name(info.path), parent.factory or ""), *model_import]
    snake = parent.names.snake
    # what the parent's own tests pass the helper are fixtures: a test lacking one asks for it
    called = row_maker(index, parent.footprint)
    fixtures = frozenset(called.args) if called is not None and called.function == parent.factory else frozenset()
    # a parent the nested routes find among the signed-in user's rows is made the user's, as its tests do
    signed_in = called.keywords if called is not None and called.function == parent.factory and parent.route.owned else ()
    for e in tests:
        module = cst.parse_module(texts[e.path])
        nested = NestTestUrls(
            segment,
            parent.segment,
            parent.key,
            None,
            snake,
            None,
            names.pascal,
            _missing(parent),
            frozenset(_new_functions(e)),
        )
        module = module.visit(nested)
        if nested.outside:
            raise ConventionError(
                f"--parent: {e.path} keeps {names.pascal} URLs outside its tests ({nested.outside[0]!r}); "
                "nesting those is not supported"
            )
        made = FactoryParent(snake, parent.factory or "", needs, row_factory.name, fixtures, accepts, signed_in)
        module = module.visit(made)
        if made.unreached:
            raise ConventionError(
                f"--parent: {made.unreached[0]} lacks what {parent.factory} needs ({', '.join(needs)})"
            )
        helper = ParentForFactory(
            row_factory.name,
            snake,
            annotation,
            f"{parent.factory}({', '.join(needs)})",
            parent.key,
            takes_key,
            names.pascal,
        )
        module = module.visit(helper)
        if module.code != texts[e.path] and e.path != info.path:
            used = {n.value for n in m.findall(module, m.Name())}
            module = add_imports(module, [i for i in imports if i.bound in used], fmt, first_party)
        texts[e.path] = module.code


def _refuse_other_sign_in(texts: dict[str, str], routers: list[str], parent: Parent, going: frozenset[str]) -> None:
    """Stop where the parent's lookup keeps to the signed-in user's rows and a nested route signs
    in through another dependency too (`require_role("admin")`): both would be one request's
    user, so only the parent's owner passing the route's own rule could reach the route, and the
    exemplar's tests (an admin deleting a user's row) would fail."""
    owned = parent.route.owned
    if owned is None:
        return
    for path in routers:
        for route in routes_of(texts[path], *owned.auth):
            if route.function in going:
                continue
            other = next((u for u in route.users if u not in owned.signs_in), None)
            if other is not None:
                raise ConventionError(
                    f"--parent {parent.footprint.model}: its routes keep to the signed-in user's rows, and "
                    f"{route.function} signs in through {other} too: only the parent's owner passing that "
                    "as well could reach it; not supported"
                )


def _parent_lookup(parent: Parent, index: ProjectIndex, taken: dict[str, set[str]]):
    """From the parent's item route: its statements before the return (the lookup and its 404),
    its key parameter (as the nested key), the other parameters the lookup needs, their imports.
    `taken`: the nested routes' own parameters, name -> how they are written."""
    info = index.get(parent.route.module)
    if info is None:
        raise ConventionError(f"--parent: cannot read {parent.route.module}")
    module = cst.parse_module(info.source)
    func = next(
        (
            s
            for s in module.body
            if isinstance(s, cst.FunctionDef) and s.name.value == parent.route.function
        ),
        None,
    )
    if func is None:
        raise ConventionError(
            f"--parent: {parent.route.function} is not a top-level function of {parent.route.module}"
        )
    rename = _Rename(parent.route.param, parent.key)
    body = [s for s in func.body.body if not _docstring(s)]
    if (
        not body
        or not isinstance(body[-1], cst.SimpleStatementLine)
        or not isinstance(body[-1].body[0], cst.Return)
    ):
        raise ConventionError(
            f"--parent: {parent.route.function} does not end in a return to take its lookup from"
        )
    lookup = body[:-1]
    returned = body[-1].body[0].value
    if returned is not None and m.findall(returned, m.Name(parent.route.param)):
        # `return await service.get(user, customer_id)`: the return is the lookup
        lookup.append(cst.SimpleStatementLine([cst.Expr(returned)]))
    lookup, by_column = _by_key(lookup, parent)
    lookup = [s.visit(rename) for s in lookup]
    lookup = [s.with_changes(leading_lines=[]) if i == 0 else s for i, s in enumerate(lookup)]
    params = [*func.params.params, *func.params.kwonly_params]
    key = next((p for p in params if p.name.value == parent.route.param), None)
    if (
        key is None or by_column
    ):  # read by a dependency, or found by another column: typed as the key
        kind = parent.footprint.key[1]
        if kind not in ("int", "str"):
            raise ConventionError(
                f"--parent: {parent.route.function} reads its {kind} key in a dependency; not supported"
            )
        typed = cst.Param(cst.Name(parent.key), cst.Annotation(cst.Name(kind)))
        params = [typed if p is key else p for p in params]
        key = typed
    key_param = key.with_changes(name=cst.Name(parent.key), comma=cst.MaybeSentinel.DEFAULT)
    extra = [p.with_changes(comma=cst.MaybeSentinel.DEFAULT) for p in params if p is not key]
    if not lookup and not any(m.findall(p, m.Name(parent.footprint.model)) for p in extra):
        raise ConventionError(
            f"--parent: cannot tell how {parent.route.function} finds a {parent.footprint.model}"
        )
    lookup, extra = _apart(lookup, extra, taken, parent.names.snake)
    lookup, borrowed = borrowed_helpers(lookup, info, parent.names.snake)
    used = {n.value for node in [*lookup, key_param, *extra] for n in m.findall(node, m.Name())}
    return lookup, key_param, extra, [*imports_binding(info.tree, parent.route.module, used), *borrowed]


def _by_key(lookup: list, parent: Parent) -> tuple[list, bool]:
    """The lookup finding the parent by its key where the item route finds it by another column
    (`GET /tier/{name}`), and whether it did; refused where the column is read otherwise too."""
    fp, param = parent.footprint, parent.route.param
    columns = {f.name for f in fp.fields} | set(fp.server_set)
    by_key = LookupByKey(param, fp.key[0], fp.model, columns)
    keyed = [s.visit(by_key) for s in lookup]
    if not by_key.rewritten and (param not in columns or param == fp.key[0]):
        return lookup, False  # the parameter is the key
    if not by_key.rewritten or sum(variable_uses(s, param) for s in lookup) > by_key.rewritten:
        raise ConventionError(
            f"--parent {fp.model}: {parent.route.function} finds it by {param}, not by its key; "
            "nesting under that is not supported"
        )
    return keyed, True


def _apart(lookup: list, extra: list[cst.Param], taken: dict[str, set[str]], prefix: str):
    """A parameter the lookup uses, named like a different one of the nested routes
    (`service: CustomerServiceDep` beside `service: OrderServiceDep`), renamed `customer_service`;
    one it does not use gives way to the route's own."""
    used = {n.value for s in lookup for n in m.findall(s, m.Name())}
    out = []
    for p in extra:
        name = p.name.value
        if name not in taken or taken[name] == {_written(p)}:
            out.append(p)
        elif name in used:
            rename = _Rename(name, f"{prefix}_{name}")
            lookup = [s.visit(rename) for s in lookup]
            out.append(p.with_changes(name=cst.Name(f"{prefix}_{name}")))
    return lookup, out


def _written(param: cst.Param) -> str:
    return (
        cst.Module([])
        .code_for_node(param.with_changes(comma=cst.MaybeSentinel.DEFAULT, name=cst.Name("_")))
        .strip()  # the last parameter of a listing one per line carries the newline
    )


def _taken(texts: dict[str, str], routers: list[str]) -> dict[str, set[str]]:
    """The parameters of the routes of `routers`, name -> how each is written."""
    out: dict[str, set[str]] = {}
    for path in routers:
        for stmt in cst.parse_module(texts[path]).body:
            if isinstance(stmt, cst.FunctionDef) and stmt.decorators:
                for p in (*stmt.params.params, *stmt.params.kwonly_params):
                    out.setdefault(p.name.value, set()).add(_written(p))
    return out


class _Rename(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.new) if updated.value == self.old else updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)  # `user.id` is no variable `id`

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(keyword=original.keyword)


def _fixture_with_imports(
    index: ProjectIndex, parent: Parent
) -> tuple[cst.FunctionDef, list[Import], Borrowed]:
    """The parent's fixture, the imports of its module that it uses, and the definitions of its
    module it needs besides (the fixtures it asks for: `customer` for an order), with theirs."""
    info = index.get(parent.fixture_path or "")
    if info is None:
        raise ConventionError(f"--parent: cannot read {parent.fixture_path}")
    module = cst.parse_module(info.source)
    fixture = next(
        s for s in module.body if isinstance(s, cst.FunctionDef) and s.name.value == parent.fixture
    )
    used = {n.value for n in m.findall(fixture, m.Name())}
    loan = borrowed(info, parent.fixture)
    rest = [(name, code) for name, code in zip(loan.names, loan.code) if name != parent.fixture]
    needed = Borrowed(tuple(n for n, _ in rest), tuple(c for _, c in rest), loan.imports if rest else ())
    return fixture, imports_binding(info.tree, info.path, used), needed


def _parent_import(index: ProjectIndex, parent: Parent) -> tuple[str | None, Import | None]:
    """How the parent fixture's module names the parent model (for annotations), and its import."""
    info = index.get(parent.fixture_path or "")
    model = parent.footprint.model
    if info is None:
        return None, None
    fixture = next((n for n in info.tree.body if getattr(n, "name", None) == parent.fixture), None)
    returns = getattr(fixture, "returns", None)
    if returns is None or model not in ast.unparse(returns):
        return None, None
    found = imports_binding(info.tree, info.path, {model})
    return model, (found[0] if found else Import(module_name(parent.footprint.model_path), model))


def _missing(parent: Parent) -> str:
    """A key no row has, of the parent key's type."""
    kind = parent.footprint.key[1]
    if kind == "uuid":
        return '"00000000-0000-0000-0000-000000000000"'
    return '"missing"' if kind == "str" else "999999999"


def _only(transformer: cst.CSTTransformer, path: str, own: dict[str, frozenset[str]]):
    """`transformer` limited to the clone's definitions where `path` is shared (see `only`)."""
    return OnlyDefinitions(transformer, own[path]) if path in own else transformer


def _routes(new: str, old: str | None) -> bool:
    """Whether the edit adds route functions."""
    return any(_is_route(n) for n in _added(new, old))


def _is_route(node: ast.stmt) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
        isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in VERBS
        for d in node.decorator_list
    )


def _added(new: str, old: str | None) -> list[ast.stmt]:
    before = {getattr(n, "name", None) for n in ast.parse(old).body} if old else set()
    return [n for n in ast.parse(new).body if getattr(n, "name", None) not in before]


def _functions(text: str) -> dict[str, str]:
    """The module's top-level functions, name -> code."""
    module = cst.parse_module(text)
    return {
        s.name.value: module.code_for_node(s) for s in module.body if isinstance(s, cst.FunctionDef)
    }


def _new_functions(edit: FileEdit) -> set[str]:
    """Functions and methods the edit adds."""
    out = set()
    for node in _added(edit.new, edit.old):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.add(node.name)
        elif isinstance(node, ast.ClassDef):
            out |= {
                n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
            }
    return out


def _fixtures_building(edit: FileEdit, model: str) -> list[str]:
    """Fixtures the edit adds that give one row of `model`."""
    return [
        n.name
        for n in _added(edit.new, edit.old)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        and is_fixture(n)
        and builds_one_row(n, model)
    ]


def _inputs(router: str, only: frozenset[str] | None = None) -> set[str]:
    """The classes the module's create and update routes (of `only`, where given) take as
    their body."""
    out = set()
    for node in ast.parse(router).body:
        if _is_route(node) and (only is None or node.name in only) and any(
            d.func.attr in ("post", "put", "patch")
            for d in node.decorator_list
            if isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)
        ):
            defaults = len(node.args.args) - len(node.args.defaults)
            bodies = [a for i, a in enumerate(node.args.args) if i < defaults]
            bodies += [a for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults) if d is None]
            out |= {
                ast.unparse(a.annotation).rsplit(".", 1)[-1]
                for a in bodies
                if a.annotation is not None
            }
    return out


def _without_repeats(old: str, new: str) -> str:
    """`new` without the top-level statements it adds that `old` already has (a second run's
    wiring, nested, is the first run's)."""
    had = [_shape(s) for s in cst.parse_module(old).body]
    module = cst.parse_module(new)
    body, seen = [], list(had)
    for stmt in module.body:
        code = _shape(stmt)
        if code in seen:
            seen.remove(code)
        elif code in had:
            continue  # a repeat of a statement that was there
        body.append(stmt)
    return module.with_changes(body=body).code


def _shape(stmt: cst.BaseStatement) -> str:
    """The statement as the parser sees it: the first run's, formatted, equals the second's."""
    return ast.dump(ast.parse(cst.Module([stmt]).code.strip()))


def _docstring(stmt: cst.BaseStatement) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, cst.SimpleString)
    )
