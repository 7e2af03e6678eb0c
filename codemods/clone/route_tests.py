"""Tests for a cloned resource whose exemplar has none: written from the routes the clone serves.

The exemplar's test module is the template when it has one. When it has none (the project tests
other resources only), the new resource still gets its tests: one per operation its router
serves, plus 404 for a missing row, 422 for an empty payload and 401/403 without credentials.
URLs come from the app itself (`app.url_path_for("read_order", id=...)`), so prefixes set in
settings or on parent routers need no guessing. A dependency that only guards a route
(`dependencies=[Depends(get_current_superuser)]`) is overridden for the CRUD tests and left in
place for the credentials test; a route that reads the value of its guard is not tested here
(the note says why), since no fixture of the project says who that user would be.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codemods.bounded_values import breaking
from codemods.clone.field_code import fresh_sample, sample
from codemods.imports import reads_name
from codemods.names import ResourceNames
from codemods.spec import FieldSpec
from codemods.statuses import status_code
from detectors.conventions import TestsFinding
from detectors.project import parsed

_OPS = {("post", False): "create", ("get", False): "list", ("get", True): "get",
        ("patch", True): "update", ("put", True): "update", ("delete", True): "delete"}


@dataclass(frozen=True)
class Route:
    """One endpoint of the cloned router, as the tests need it."""

    function: str
    method: str
    op: str  # create | list | get | update | delete
    param: str | None  # the path parameter naming the row
    status: int
    guards: tuple[str, ...]  # dependencies that only guard the route (value unused): overridable
    users: tuple[str, ...]  # auth dependencies whose value (the signed-in user) the route reads



def no_client(app: tuple[str, str] | None, tests) -> bool:
    """Whether tests written from routes have nothing to send requests through: no module-level
    app to find URLs on, or no test client fixture."""
    return app is None or tests.client not in ("testclient", "httpx_async") or not tests.client_fixture


def list_blocker(listing: Route, create: Route | None, headers: dict[str, str]) -> str | None:
    """Why tests paging through the list cannot make their rows, or None: no create route a
    fixture signs in to, or guards the tests would have to lift."""
    if create is None or not all(u in headers for u in (*listing.users, *create.users)):
        return "no create route a fixture signs in to"
    if listing.guards or create.guards:
        return "their routes have guards the tests would have to lift"
    return None

def routes_of(
    code: str, auth_dependency: str | None, auth_param: str | None = None, actions: frozenset[str] = frozenset()
) -> list[Route]:
    """The CRUD routes of a router module's text, and the functions named in `actions` (op "action")."""
    out = []
    for node in parsed(code).body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for deco in node.decorator_list:
            if not (isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute)):
                continue
            method = deco.func.attr
            path = deco.args[0].value if deco.args and isinstance(deco.args[0], ast.Constant) else ""
            params = [p.split("}")[0].split(":")[0] for p in str(path).split("{")[1:]]
            op = "action" if node.name in actions else _OPS.get((method, bool(params)))
            if op is None:
                continue
            guards = tuple(
                name for kw in deco.keywords if kw.arg == "dependencies" for name in _depends_names(kw.value)
            )
            users = []
            args = [*node.args.args, *node.args.kwonlyargs]
            defaults = dict(zip([a.arg for a in node.args.args][::-1], node.args.defaults[::-1]))
            defaults.update({a.arg: d for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults) if d})
            for a in args:
                found = _depends_names(defaults[a.arg]) if a.arg in defaults else []
                found += _depends_names(a.annotation) if a.annotation is not None else []
                # the signed-in user: the project's auth dependency, or a guard built per call
                # (`Depends(require_role("admin"))`), whatever the parameter is called
                users += [n for n in found if n == auth_dependency or not n.isidentifier() or a.arg == auth_param]
                if not found and a.arg == auth_param and auth_dependency:
                    users.append(auth_dependency)  # `current_user: CurrentUser`, an Annotated alias of it
            # `dependencies=[Depends(require_role("admin"))]`: a fresh function per call, which no
            # test can override; it needs a signed-in user like a read guard
            users += [g for g in guards if not g.isidentifier()]
            guards = tuple(g for g in guards if g.isidentifier())
            out.append(
                Route(node.name, method, op, params[-1] if params else None, _status(deco), guards, tuple(users))
            )
    return out


def _status(deco: ast.Call) -> int:
    for kw in deco.keywords:
        if kw.arg == "status_code":
            return status_code(kw.value) or 200
    return 200


def depends_targets(node: ast.AST) -> list[ast.expr]:
    """What each `Depends(...)` under `node` depends on: `get_user`, `deps.get_user`, `require_role("admin")`."""
    return [
        call.args[0]
        for call in ast.walk(node)
        if isinstance(call, ast.Call) and ast.unparse(call.func).split(".")[-1] == "Depends" and call.args
    ]


def _depends_names(node: ast.AST) -> list[str]:
    """`Depends(get_user)` -> get_user; `Depends(deps.get_user)` -> get_user; a call stays whole."""
    return [
        ast.unparse(target) if isinstance(target, ast.Call) else ast.unparse(target).split(".")[-1]
        for target in depends_targets(node)
    ]


def write_tests(
    routes: list[Route],
    names: ResourceNames,
    fields: tuple[FieldSpec, ...],
    router_module: str,
    app: tuple[str, str] | None,
    tests: TestsFinding,
    key_type: str,
) -> tuple[str | None, str]:
    """The test module's text (None when it cannot be written) and a line saying what it covers;
    `app` is the (module, variable) of the app instance tests import."""
    if app is None:
        return None, "no tests: no module-level app instance for tests to import"
    if tests.client not in ("testclient", "httpx_async") or not tests.client_fixture:
        return None, "no tests: the project has no test client fixture"
    headers = dict(tests.fixture_for)
    by_op = {r.op: r for r in routes if all(u in headers for u in r.users)}
    untested = sorted(r.function for r in routes if r.op not in by_op or by_op[r.op] is not r)
    if "create" not in by_op:
        return None, "no tests: creating a row needs a signed-in user no fixture provides"
    w = _Writer(names, fields, tests, key_type, headers)
    guards = sorted({g for r in by_op.values() for g in r.guards})
    w.header(app, router_module, guards)
    w.create(by_op["create"])
    if any(f.required_on_create for f in fields):
        w.invalid(by_op["create"])
    bounded = next((f for f in fields if breaking(f) is not None), None)
    if bounded is not None:
        w.out_of_bounds(by_op["create"], bounded)
    if by_op["create"].guards or by_op["create"].users:
        w.credentials(by_op["create"])
    for op in ("list", "get", "update", "delete"):
        if op in by_op:
            getattr(w, op)(by_op[op], by_op.get("get"))
    note = f"tests written from the routes ({', '.join(sorted(by_op))}): the exemplar has none"
    if untested:
        note += f"; untested (no fixture signs in the user they need): {', '.join(untested)}"
    return w.text(), note


def headers_sent(tests_code: str) -> str | None:
    """The fixture a test module's tests pass as `headers=` most often (`user_headers`), if any.
    Only a test's parameters are fixtures: a helper's (`create(client, headers, **changes)`,
    passing on what its caller hands it, None where nobody signs in) are not."""
    counts: dict[str, int] = {}
    for func in ast.walk(parsed(tests_code)) if tests_code else ():
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) and func.name.startswith("test"):
            params = {a.arg for a in func.args.args}
            for call in ast.walk(func):
                for kw in getattr(call, "keywords", ()) if isinstance(call, ast.Call) else ():
                    if kw.arg == "headers" and isinstance(kw.value, ast.Name) and kw.value.id in params:
                        counts[kw.value.id] = counts.get(kw.value.id, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def write_action_tests(
    actions: list[tuple[Route, tuple[str, str] | None]],
    create: Route | None,
    names: ResourceNames,
    fields: tuple[FieldSpec, ...],
    app: tuple[str, str] | None,
    tests: TestsFinding,
    key_type: str,
    envelope: str | None = None,
    sent_by_tests: str | None = None,
) -> tuple[str | None, str]:
    """A test module for the resource's actions (`actions`: each route and the (field, JSON
    value) it sets, None for a marked stub), and a line saying what it covers."""
    if no_client(app, tests):
        return None, "no tests for the actions: no module-level app or test client fixture"
    headers = dict(tests.fixture_for)
    if not all(u in headers for r, _ in actions for u in r.users):
        return None, "no tests for the actions: no fixture signs in the user they need"
    if create is not None and not all(u in headers for u in create.users):
        create = None
    if any(r.guards for r, _ in actions) or (create is not None and create.guards):
        # a guard is lifted by importing it from the router module; the CRUD tests do that
        return None, "no tests for the actions: their routes have guards the tests would have to lift"
    w = _Writer(names, fields, tests, key_type, headers, envelope)
    w.sent_by_tests = sent_by_tests
    w.header(app, "", [])
    for route, change in actions:
        w.action(route, change, create)
    return w.text(), f"tests for {', '.join(r.function for r, _ in actions)}: {', '.join(sorted(w.covered))}"


class _Writer:
    def __init__(self, names, fields, tests: TestsFinding, key_type: str, headers: dict[str, str], envelope: str | None = None):
        self.n, self.fields, self.t, self.headers = names, fields, tests, headers
        self.body = f'.json()["{envelope}"]' if envelope else ".json()"  # a row, wrapped or not
        self.sent_by_tests: str | None = None  # the headers fixture the resource's own tests send
        self.covered: set[str] = set()  # what the action tests prove, for the note
        self.is_async = tests.client == "httpx_async"
        self.missing = {"str": '"missing"', "uuid": '"00000000-0000-0000-0000-000000000000"'}.get(key_type, "999999999")
        # a unique field gets a value of its own in each row posted: the tests share a database
        fresh = {f.column_name: fresh_sample(f) for f in fields if f.unique}
        self.fresh = {name: value for name, value in fresh.items() if value is not None}
        self.lines: list[str] = []
        self.imports: list[list[str]] = []  # the module's import lines, a list per section (`text`)

    @property
    def row(self) -> str:
        """The payload of one new row: PAYLOAD, its unique fields made fresh."""
        if not self.fresh:
            return "PAYLOAD"
        return "{**PAYLOAD, " + ", ".join(f'"{name}": {value}' for name, value in self.fresh.items()) + "}"

    def header(self, app: tuple[str, str], router_module: str, guards: list[str]) -> None:
        imports = [f"from {app[0]} import {app[1]}" + (" as app" if app[1] != "app" else "")]
        if guards:
            imports.append(f"from {router_module} import {', '.join(guards)}")
        self.imports = [["from uuid import uuid4"] if self.fresh else [], ["import pytest"], sorted(imports)]
        payload = ", ".join(
            f'"{f.column_name}": {f.example or sample(f)}' for f in self.fields if sample(f) is not None and f.type != "bool"
        ) + "".join(f', "{f.column_name}": {sample(f)}' for f in self.fields if f.type == "bool")
        self.lines += ["", f"PAYLOAD = {{{payload}}}"]  # one blank line, as isort puts it before a constant
        if guards:
            overrides = "\n".join(f"    app.dependency_overrides[{g}] = lambda: None" for g in guards)
            pops = "\n".join(f"    app.dependency_overrides.pop({g}, None)" for g in guards)
            self.lines += [
                "", "",
                "@pytest.fixture",
                "def guards_off():",
                '    """The routes\' guards let every request through (the credentials test keeps them)."""',
                overrides,
                "    yield",
                pops,
            ]

    def _fixtures(self, route: Route) -> list[str]:
        found = list(dict.fromkeys(self.headers[u] for u in route.users))
        # auth on the router or the app, which the route does not show: sent as the tests send it
        return found or ([self.sent_by_tests] if self.sent_by_tests else [])

    def _def(self, name: str, route: Route, *extra: str) -> str:
        fixtures = [self.t.client_fixture or "client", *extra]
        if "credentials" not in name:
            fixtures += self._fixtures(route)
            if route.guards:
                fixtures.append("guards_off")
        marker = {"asyncio": "@pytest.mark.asyncio\n", "anyio": "@pytest.mark.anyio\n"}.get(
            self.t.async_marker, ""
        ) if self.is_async else ""
        return f"{marker}{'async ' if self.is_async else ''}def {name}({', '.join(fixtures)}):"

    def _call(self, method: str, route: Route, key: str | None = None, json: str | None = None, anonymous: bool = False) -> str:
        url = f'app.url_path_for("{route.function}"' + (f", {route.param}=str({key}))" if route.param else ")")
        args = url + (f", json={json}" if json else "")
        sent = [] if anonymous else self._fixtures(route)
        if sent:
            args += f", headers={sent[0]}"
        client = self.t.client_fixture or "client"
        return f"{'await ' if self.is_async else ''}{client}.{method}({args})"

    def _key_field(self, keyed: Route) -> str:
        """What of the row the route's path parameter names: a field of it (`/tier/{name}`, a
        resource looked up by its unique name) or its id."""
        return keyed.param if keyed.param in {f.column_name for f in self.fields} else "id"

    def _create_row(self, create: Route, keyed: Route | None = None) -> list[str]:
        """Post a row and keep in `key` what `keyed`'s path names it by (its id by default)."""
        return [
            f"    created = {self._call('post', create, json=self.row)}",
            f"    assert created.status_code == {create.status}, created.text",
            f'    key = created{self.body}["{self._key_field(keyed) if keyed is not None else "id"}"]',
        ]

    def create(self, route: Route) -> None:
        self.lines += ["", "", self._def(f"test_create_{self.n.snake}", route)]
        sent = "payload" if self.fresh else "PAYLOAD"
        self.lines += [f"    payload = {self.row}"] if self.fresh else []
        self.lines += [
            f"    response = {self._call('post', route, json=sent)}",
            f"    assert response.status_code == {route.status}, response.text",
            "    body = response.json()",
        ]
        first = next((f for f in self.fields if f.type not in ("decimal", "date", "datetime", "fk")), None)
        if first is not None:
            self.lines += [f'    assert body["{first.column_name}"] == {sent}["{first.column_name}"]']
        self.create_route = route

    def invalid(self, route: Route) -> None:
        self.lines += ["", "", self._def(f"test_create_{self.n.snake}_rejects_an_empty_payload", route)]
        self.lines += [f"    response = {self._call('post', route, json='{}')}", "    assert response.status_code == 422"]

    def out_of_bounds(self, route: Route, field: FieldSpec) -> None:
        """A value one past the field's bounds (`str(..80)`: 81 characters) is a 422."""
        name = field.column_name
        self.lines += ["", "", self._def(f"test_create_{self.n.snake}_{name}_out_of_bounds", route)]
        payload = f'{{**PAYLOAD, "{name}": {breaking(field)}}}'
        self.lines += [f"    response = {self._call('post', route, json=payload)}", "    assert response.status_code == 422"]

    def credentials(self, route: Route) -> None:
        self.lines += ["", "", self._def(f"test_create_{self.n.snake}_needs_credentials", route)]
        self.lines += [
            f"    response = {self._call('post', route, json='PAYLOAD', anonymous=True)}",
            "    assert response.status_code in (401, 403)",
        ]

    def list(self, route: Route, get: Route | None) -> None:
        self.lines += ["", "", self._def(f"test_list_{self.n.plural_snake}", self._guarded(route))]
        self.lines += self._create_row(self.create_route)[:2]
        self.lines += [f"    response = {self._call('get', route)}", "    assert response.status_code == 200"]

    def get(self, route: Route, get: Route | None) -> None:
        self.lines += ["", "", self._def(f"test_read_{self.n.snake}", self._guarded(route))]
        self.lines += self._create_row(self.create_route, route)
        self.lines += [
            f"    response = {self._call('get', route, 'key')}",
            "    assert response.status_code == 200",
            f'    assert response.json()["{self._key_field(route)}"] == key',
        ]
        self.lines += ["", "", self._def(f"test_read_missing_{self.n.snake}_returns_404", route)]
        self.lines += [f"    response = {self._call('get', route, self.missing)}", "    assert response.status_code == 404"]

    def update(self, route: Route, get: Route | None) -> None:
        # not the field the path names the row by: the row would move from under its URL
        changeable = (f for f in self.fields if f.type != "fk" and f.column_name != self._key_field(route))
        field = next((f for f in changeable if sample(f, second=True) is not None), None)
        if field is None:
            return
        self.lines += ["", "", self._def(f"test_update_{self.n.snake}", self._guarded(route))]
        self.lines += self._create_row(self.create_route, route)
        change = f'{{"{field.column_name}": {sample(field, second=True)}}}'
        self.lines += [
            f"    response = {self._call(route.method, route, 'key', json=change)}",
            f"    assert response.status_code == {route.status}, response.text",
        ]
        if get is not None:
            self.lines += [
                f"    fetched = {self._call('get', get, 'key')}",
                f'    assert fetched.json()["{field.column_name}"] == {sample(field, second=True)}',
            ]

    def delete(self, route: Route, get: Route | None) -> None:
        self.lines += ["", "", self._def(f"test_delete_{self.n.snake}", self._guarded(route))]
        self.lines += self._create_row(self.create_route, route)
        self.lines += [
            f"    response = {self._call('delete', route, 'key')}",
            f"    assert response.status_code == {route.status}, response.text",
        ]
        if get is not None:
            self.lines += [f"    fetched = {self._call('get', get, 'key')}", "    assert fetched.status_code == 404"]

    def action(self, route: Route, change: tuple[str, str] | None, create: Route | None) -> None:
        """The action answers for a row (with its change applied and kept), 404 for a missing
        one, and refuses a caller without credentials."""
        name = route.function
        if create is not None:
            self.create_route = create
            self.lines += ["", "", self._def(f"test_{name}", self._guarded(route))]
            self.lines += self._create_row(create, route)
            self.lines += [
                f"    response = {self._call('post', route, 'key')}",
                "    assert response.status_code == 200, response.text",
            ]
            if change is not None:
                self.lines += [f'    assert response{self.body}["{change[0]}"] == {change[1]}']
        self.lines += ["", "", self._def(f"test_{name}_missing_returns_404", route)]
        self.lines += [f"    response = {self._call('post', route, self.missing)}", "    assert response.status_code == 404"]
        self.covered |= {"the change applied" if change else "wired", "404"} if create is not None else {"404"}
        if route.guards or route.users:
            self.covered.add("credentials")
            self.lines += ["", "", self._def(f"test_{name}_needs_credentials", route)]
            self.lines += [
                f"    response = {self._call('post', route, self.missing, anonymous=True)}",
                "    assert response.status_code in (401, 403)",
            ]

    def _guarded(self, route: Route) -> Route:
        """A test that creates a row first needs the create route's guards lifted too."""
        guards = tuple(dict.fromkeys((*route.guards, *self.create_route.guards)))
        users = tuple(dict.fromkeys((*route.users, *self.create_route.users)))
        return Route(route.function, route.method, route.op, route.param, route.status, guards, users)

    def text(self) -> str:
        """The module: its import lines, but those binding nothing the tests use (`import pytest`
        in a module without fixtures or markers), a blank line between sections; then the tests."""
        body = "\n".join(self.lines)
        sections = [[line for line in section if _used(line, body)] for section in self.imports]
        imports = "\n\n".join("\n".join(section) for section in sections if section)
        return (f"{imports}\n" if imports else "") + body + "\n"


def _used(line: str, body: str) -> bool:
    """Whether `body` reads a name the import `line` binds."""
    bound = line.split(" import ", 1)[1] if " import " in line else line.split(" ", 1)[1]
    names = [part.split(" as ")[-1].strip() for part in bound.split(",")]
    return any(reads_name(body, name.split(".")[0]) for name in names)
