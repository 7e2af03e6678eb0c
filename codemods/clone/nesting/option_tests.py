"""The test modules the options write (`--filter`, `--sort`, `--pagination`, `--cache`,
`--action`) for a nested resource: each URL of its routes under one row of the parent.

Those modules are written from the routes (`app.url_path_for("create_review")`); nested under
`--parent Category`, every route of the new router also takes the parent's key from its path.
Each function requesting one of them (or calling a helper of the module that does) gets the
parent's row: a test or fixture asks pytest for its fixture (or, where the parent's tests make
rows with a helper, makes one first: MakeRowFirst), a helper takes it from its caller.

Before:
    async def create(client, headers, **changes):
        response = await client.post(app.url_path_for("create_review"), json=payload, headers=headers)

    async def test_filter_reviews_by_rating(client, auth_headers):
        wanted = await create(client, auth_headers, rating=3)
After (`NestRouteCalls(frozenset({"create_review"}), "category_id", "category", "str(category.id)")`):
    async def create(client, headers, category, **changes):
        response = await client.post(app.url_path_for("create_review", category_id=str(category.id)), json=payload, headers=headers)

    async def test_filter_reviews_by_rating(client, auth_headers, category):
        wanted = await create(client, auth_headers, rating=3, category=category)
"""

from __future__ import annotations

import ast
from dataclasses import replace

import libcst as cst

from codemods import matching as m
from codemods.clone.borrowed import Borrowed, borrowed, lend
from codemods.clone.make_row import MakeRowFirst, is_fixture_function, with_fixtures, with_keyword
from codemods.clone.nesting.fixture_made import conftest_trees, header_owners
from codemods.clone.nesting.parent import Parent
from codemods.clone.route_maker import route_maker
from codemods.clone.route_tests import headers_sent
from codemods.clone.row_makers import RowMaker, row_maker
from codemods.errors import ConventionError
from codemods.formatting import FormatStyle, format_code
from codemods.imports import add_imports
from codemods.parsing import parse_module
from codemods.plan import FileEdit
from detectors.project import ProjectIndex, is_test_path, parsed


class NestRouteCalls(cst.CSTTransformer):
    """`app.url_path_for(route)` of the `routes` given gets `param=value`; each top-level function
    needing it asks for `fixture` (see the module docstring)."""

    def __init__(self, routes: frozenset[str], param: str, fixture: str, value: str, ask: bool = True) -> None:
        super().__init__()
        self.routes, self.param, self.fixture, self.value = routes, param, fixture, value
        # False: the tests do not ask pytest for the row; each makes it (MakeRowFirst) and hands
        # it to the helpers
        self.ask = ask
        self.needing: set[str] = set()  # the top-level functions that need the parent's row
        self.helpers: set[str] = set()  # those of them pytest does not call: their callers pass it

    def visit_Module(self, node: cst.Module) -> bool:
        functions = {s.name.value: s for s in node.body if isinstance(s, cst.FunctionDef)}
        called = {name: {c.func.value for c in m.findall(f, m.Call(func=m.Name())) if isinstance(c.func, cst.Name)} for name, f in functions.items()}
        self.needing = {name for name, f in functions.items() if any(self._requests(c) for c in m.findall(f, m.Call()))}
        self.helpers = {name for name, f in functions.items() if not name.startswith("test") and not is_fixture_function(f)}
        while True:  # a function calling a helper that needs the row needs it too
            more = {name for name in functions if called[name] & self.needing & self.helpers} - self.needing
            if not more:
                return True
            self.needing |= more

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        keywords = {a.keyword.value for a in updated.args if a.keyword is not None}
        if self._requests(original) and self.param not in keywords:
            return with_keyword(updated, self.param, self.value)
        func = updated.func
        if isinstance(func, cst.Name) and func.value in self.needing & self.helpers and self.fixture not in keywords:
            return with_keyword(updated, self.fixture, self.fixture)
        return updated

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        name = updated.name.value
        if name in self.needing and (self.ask or name in self.helpers):
            return with_fixtures(updated, [self.fixture])
        return updated

    def _requests(self, call: cst.Call) -> bool:
        """Whether the call is `<app>.url_path_for("<one of the routes>", ...)`."""
        func, args = call.func, call.args
        return (
            isinstance(func, cst.Attribute)
            and func.attr.value == "url_path_for"
            and bool(args)
            and isinstance(args[0].value, cst.SimpleString)
            and args[0].value.evaluated_value in self.routes
        )


def nest_option_tests(
    edits: tuple[FileEdit, ...],
    written: frozenset[str],
    routes: frozenset[str],
    parent: Parent,
    index: ProjectIndex,
    fmt: FormatStyle,
    first_party: frozenset[str],
) -> tuple[FileEdit, ...]:
    """The options' test modules (`written`: their paths) requesting the nested `routes` under a
    row of the parent, its key as the routes' `parent.key`: the row its fixture gives (a fixture
    of a test module copied into each, with what it asks for); else one made where it is read,
    by the helper its tests make rows with, or by one posting to its create route.
    ConventionError without any."""
    fixture = (parent.fixture_path, parent.fixture) if parent.fixture and parent.fixture_path else None
    maker = row_maker(index, parent.footprint) if fixture is None else None
    loan = None  # a helper posting to the parent's create route, where its tests show no other way
    if fixture is None and maker is None and (through := route_maker(index, parent.footprint)) is not None:
        maker, loan = through
    out = []
    for edit in edits:
        if edit.path not in written or edit.new is None or not is_test_path(edit.path):
            out.append(edit)
            continue
        if fixture is not None:
            module = _under_fixture(edit, fixture, routes, parent, index, fmt, first_party)
        elif maker is not None:
            module = _under_made_row(edit, maker, loan, routes, parent, index, fmt, first_party)
        else:
            raise ConventionError(
                f"the tests {edit.path} would hold need a row of {parent.footprint.model}, and its tests make "
                "theirs with neither a pytest fixture nor a helper, nor post to a create route of it; "
                "nesting them is not supported yet: drop the option or --parent"
            )
        # formatted as each option formats the module it writes
        out.append(replace(edit, new=format_code(module.code, fmt)) if module.code != edit.new else edit)
    return tuple(out)


def _under_fixture(edit: FileEdit, fixture: tuple[str, str], routes, parent: Parent, index, fmt, first_party) -> cst.Module:
    """The module's requests under the row of the parent's fixture, each function asking for it."""
    path, name = fixture
    nesting = NestRouteCalls(routes, parent.key, name, f"str({name}.{parent.footprint.key[0]})")
    module = parse_module(edit.new or "").visit(nesting)
    home = path.rsplit("/", 1)[0] if "/" in path else ""
    reached = path.endswith("conftest.py") and (home == "" or edit.path.startswith(f"{home}/"))
    info = index.get(path)
    if nesting.needing and not reached and info is not None:  # a fixture serving its own module only
        module = _lent(module, edit.path, borrowed(info, name), path, name, fmt, first_party)
    return module


def _under_made_row(edit: FileEdit, maker: RowMaker, loan: Borrowed | None, routes, parent: Parent, index, fmt, first_party) -> cst.Module:
    """The module's requests under a row of the parent the helper `maker` makes where it is read
    (`loan`: its definition, to copy in)."""
    name = parent.key if maker.value == "{}" else parent.names.snake  # a key alone, or a row
    module = parse_module(edit.new or "").visit(NestRouteCalls(routes, parent.key, name, f"str({maker.value.format(name)})", ask=False))
    maker = _for_signed_in(maker, edit.new or "", index)
    defined = {s.name.value for s in module.body if isinstance(s, cst.FunctionDef)}
    here = maker.function in defined and not maker.fixture
    # a parent the nested routes find among the signed-in user's rows is made the user's, as its tests do
    making = MakeRowFirst(maker, name, frozenset(defined), here, maker.keywords if parent.route.owned else ())
    module = module.visit(making)
    if making.unreached:
        raise ConventionError(
            f"{edit.path}: {making.unreached[0]} cannot call {maker.function} (it lacks {', '.join(maker.params)}, "
            f"or is not async) to make the {parent.footprint.model} its requests go under; drop the option or --parent"
        )
    info = index.get(maker.path)
    if loan is not None:
        module = _lent(module, edit.path, loan, maker.path, maker.function, fmt, first_party)
    elif maker.copied and not here and info is not None:
        module = _lent(module, edit.path, borrowed(info, maker.function), maker.path, maker.function, fmt, first_party)
    return add_imports(module, list(maker.imports), fmt, first_party) if maker.imports else module


def _for_signed_in(maker: RowMaker, tests: str, index: ProjectIndex) -> RowMaker:
    """A factory making rows for one user (`collection_factory(other_user)`, as some test of the
    parent's calls it), made to make them for the user the module's requests sign in as
    (`auth_headers`, a fixture of `user`): a parent the lookup scopes to its owner is found."""
    if not maker.fixture or len(maker.args) != 1:
        return maker
    conftests = conftest_trees(index)
    owners = header_owners([parsed(tests), *conftests])
    # the headers its tests send as `headers=`, else the one headers fixture they all ask for
    asked = {
        a.arg
        for node in parsed(tests).body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test")
        for a in node.args.args
        if a.arg in owners
    }
    sent = headers_sent(tests) or (next(iter(asked)) if len(asked) == 1 else None)
    return replace(maker, args=(owners[sent],)) if sent in owners else maker


def _lent(module: cst.Module, path: str, loan: Borrowed, source: str, name: str, fmt: FormatStyle, first_party: frozenset[str]) -> cst.Module:
    """The module with the definitions of `loan` (`name` of `source`, and what it needs) copied in."""
    module = lend(module, loan, lambda clash: f"{path} defines {clash} otherwise than {source}, whose {name} it needs")
    return add_imports(module, list(loan.imports), fmt, first_party)


def new_routes(edits: tuple[FileEdit, ...]) -> frozenset[str]:
    """The functions of the routes the plan adds (its new router's, or those it adds to a module
    shared with other code; an action's too), as `url_path_for` names them."""
    found: set[str] = set()
    for e in edits:
        if e.new is None or not e.path.endswith(".py") or is_test_path(e.path):
            continue
        found |= _routes(e.new) - (_routes(e.old) if e.old else set())
    return frozenset(found)


_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "api_route"})


def _routes(code: str) -> set[str]:
    """The module's functions a route decorator (`@router.post(...)`) serves."""
    return {
        node.name
        for node in parsed(code).body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and any(isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in _METHODS for d in node.decorator_list)
    }
