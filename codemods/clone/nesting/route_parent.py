"""Where tests make rows through the routes, each makes its parent through the parent's create route.

Before (tests written from the routes, every URL from `app.url_path_for`):
    def test_read_review(client, guards_off):
        created = client.post(app.url_path_for("write_review"), json=PAYLOAD)
        response = client.get(app.url_path_for("read_review", id=str(key)))
    def test_create_review_needs_credentials(client):
        response = client.post(app.url_path_for("write_review"), json=PAYLOAD)
        assert response.status_code in (401, 403)
After (`ParentThroughRoute(maker, {"write_review", "read_review"}, "tier_id", "999999999")`):
    def new_tier(client):
        \"\"\"A Tier made through its create route, as the tests make their rows; its key.\"\"\"
        made = client.post(app.url_path_for("write_tier"), json={"name": f"name one {uuid4().hex[:8]}"})
        assert made.status_code == 201, made.text
        return made.json()["id"]

    def test_read_review(client, guards_off):
        tier_id = new_tier(client)
        created = client.post(app.url_path_for("write_review", tier_id=str(tier_id)), json=PAYLOAD)
        response = client.get(app.url_path_for("read_review", tier_id=str(tier_id), id=str(key)))
    def test_create_review_needs_credentials(client):
        response = client.post(app.url_path_for("write_review", tier_id=str(999999999)), json=PAYLOAD)
        assert response.status_code in (401, 403)
A test expecting its request refused (401/403, and no success) sends it under a missing parent:
the guard answers before the route looks the parent up. Where the parent's create route is
guarded, tests making a parent take the fixture lifting guards; where it reads the signed-in
user, the helper sends the headers the test sends (`unreached` names tests sending none).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemods import matching as m
from codemods.clone.field_code import fresh_sample, sample
from codemods.errors import ConventionError
from codemods.spec import FieldSpec
from detectors.resources import FieldInfo


def _url() -> m.Call:
    """`app.url_path_for("route", ...)`."""
    return m.Call(func=m.Attribute(attr=m.Name("url_path_for")), args=[m.Arg(m.SimpleString()), m.ZeroOrMore()])


def _request() -> m.Call:
    """`client.get(app.url_path_for("route", ...), ...)`."""
    return m.Call(func=m.Attribute(), args=[m.Arg(_url()), m.ZeroOrMore()])


@dataclass(frozen=True)
class RouteMaker:
    """How a test makes one parent row through the parent's create route."""

    helper: str  # the test module's function making one (`new_tier`)
    model: str
    route: str  # the create route's function, as `url_path_for` names it
    payload: str  # the JSON body, as code
    status: int
    key: str  # the created row's key in the answer (`id`)
    signed_in: bool  # the route reads the signed-in user: the helper sends headers
    guards_fixture: str | None  # the fixture lifting the route's guards, where it has any


def parent_payload(model: str, fields: tuple[FieldInfo, ...], derived: tuple[str, ...]) -> str:
    """The create payload of the parent as code: its required fields with sample values, unique
    ones distinct per call (`f"name one {uuid4().hex[:8]}"`); ConventionError for a field no
    sample fits."""
    if derived:
        raise ConventionError(
            f"--parent {model}: its create route takes {', '.join(derived)}, which no column "
            "holds; tests cannot make one through it"
        )
    entries = []
    for f in fields:
        if f.optional or f.has_default:
            continue
        value = _value(f)
        if value is None:
            raise ConventionError(
                f"--parent {model}: no sample value for its required field {f.name} ({f.kind}) "
                "to make one through its create route"
            )
        entries.append(f'"{f.name}": {value}')
    return "{" + ", ".join(entries) + "}"


def _value(field: FieldInfo) -> str | None:
    if field.kind in ("fk", "other") or (field.kind == "enum" and not field.values):
        return None
    spec = FieldSpec(field.name, field.kind, enum_values=field.values)
    return fresh_sample(spec) if field.unique else sample(spec)


class ParentThroughRoute(cst.CSTTransformer):
    """Tests requesting the nested routes make their parent first (see the module docstring)."""

    def __init__(self, maker: RouteMaker, routes: set[str], key: str, missing: str) -> None:
        super().__init__()
        self.maker, self.routes, self.key, self.missing = maker, routes, key, missing
        self.unreached: list[str] = []
        self._helper: cst.FunctionDef | None = None  # written from the first test making a parent

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # tests are top-level

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        requests = [r for r in m.findall(updated, _request()) if self._nested(r.args[0].value)]
        if not requests or any(
            a.keyword and a.keyword.value == self.key
            for r in requests
            for a in r.args[0].value.args
        ):
            return updated
        if _refused(updated):
            return updated.visit(_KeyInUrls(self.routes, self.key, f"str({self.missing})"))
        first = requests[0]
        client = cst.Module([]).code_for_node(first.func.value)
        headers = next(
            (a.value for a in first.args if a.keyword and a.keyword.value == "headers"), None
        )
        if self.maker.signed_in and headers is None:
            self.unreached.append(updated.name.value)
            return updated
        is_async = updated.asynchronous is not None
        if self._helper is None:
            app = cst.Module([]).code_for_node(first.args[0].value.func.value)
            self._helper = route_helper(self.maker, client, app, is_async)
        sent = f", {cst.Module([]).code_for_node(headers)}" if self.maker.signed_in else ""
        made = cst.parse_statement(
            f"{self.key} = {'await ' if is_async else ''}{self.maker.helper}({client}{sent})\n"
        )
        body = list(updated.body.visit(_KeyInUrls(self.routes, self.key, f"str({self.key})")).body)
        at = (
            1
            if body and m.matches(body[0], m.SimpleStatementLine([m.Expr(m.SimpleString())]))
            else 0
        )
        body.insert(at, made)
        params = updated.params
        guards = self.maker.guards_fixture
        if guards and guards not in {p.name.value for p in params.params}:
            params = params.with_changes(params=[*params.params, cst.Param(cst.Name(guards))])
        return updated.with_changes(
            params=_commas(params), body=updated.body.with_changes(body=body)
        )

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body = list(updated.body)
        if self._helper is None or any(
            isinstance(s, cst.FunctionDef) and s.name.value == self.maker.helper for s in body
        ):
            return updated
        at = next(
            i
            for i, s in enumerate(body)
            if isinstance(s, cst.FunctionDef) and s.name.value.startswith("test")
        )
        if at == 0:  # the module's first statement: the blank lines go after it
            body[0] = body[0].with_changes(leading_lines=self._helper.leading_lines)
            body.insert(0, self._helper.with_changes(leading_lines=[]))
        else:
            body.insert(at, self._helper)
        return updated.with_changes(body=body)

    def _nested(self, url: cst.Call) -> bool:
        name = url.args[0].value
        return isinstance(name, cst.SimpleString) and name.evaluated_value in self.routes


def route_helper(mk: RouteMaker, client: str, app: str, is_async: bool, lifted: tuple[str, ...] = ()) -> cst.FunctionDef:
    """The test helper making one row through the create route and returning its key; the
    guards in `lifted` overridden for that one request, the app's overrides as they were after."""
    wait = "await " if is_async else ""
    headers = ", headers" if mk.signed_in else ""
    post = (
        f'made = {wait}{client}.post({app}.url_path_for("{mk.route}"), json={mk.payload}'
        f"{', headers=headers' if mk.signed_in else ''})\n"
    )
    if lifted:  # the caller's own overrides (a fixture lifting the same guard) are kept
        post = (
            f"saved = dict({app}.dependency_overrides)\n"
            + "".join(f"    {app}.dependency_overrides[{guard}] = lambda: None\n" for guard in lifted)
            + f"    try:\n        {post}"
            + f"    finally:\n        {app}.dependency_overrides.clear()\n        {app}.dependency_overrides.update(saved)\n"
        )
    code = (
        f"{'async ' if is_async else ''}def {mk.helper}({client}{headers}):\n"
        f'    """A {mk.model} made through its create route, as the tests make their rows; its key."""\n'
        f"    {post}"
        f"    assert made.status_code == {mk.status}, made.text\n"
        f'    return made.json()["{mk.key}"]\n'
    )
    helper = cst.parse_statement(code)
    assert isinstance(helper, cst.FunctionDef)
    return helper.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])


class _KeyInUrls(cst.CSTTransformer):
    """`app.url_path_for("read_review", id=...)` -> `app.url_path_for("read_review", tier_id=VALUE, id=...)`."""

    def __init__(self, routes: set[str], key: str, value: str) -> None:
        super().__init__()
        self.routes, self.key, self.value = routes, key, value

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not m.matches(updated, _url()):
            return updated
        name = updated.args[0].value
        if not isinstance(name, cst.SimpleString) or name.evaluated_value not in self.routes:
            return updated
        if any(a.keyword and a.keyword.value == self.key for a in updated.args):
            return updated
        arg = cst.Arg(
            cst.parse_expression(self.value),
            keyword=cst.Name(self.key),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        first, rest = updated.args[0], list(updated.args[1:])
        space = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        if rest:
            arg = arg.with_changes(comma=space)
        else:
            arg = arg.with_changes(comma=first.comma)
        return updated.with_changes(args=[first.with_changes(comma=space), arg, *rest])


def _refused(test: cst.FunctionDef) -> bool:
    """Whether the test asserts a 401 or 403 and no success: its request is refused before any
    lookup (a test making a row first, then refused as another user, reaches the lookup)."""
    asserted = {
        i.value
        for a in m.findall(test, m.Assert())
        for i in m.findall(a, m.Integer())
        if isinstance(i, cst.Integer)
    }
    succeeded = any(len(v) == 3 and v.startswith("2") for v in asserted)
    return bool(asserted & {"401", "403"}) and not succeeded


def _commas(params: cst.Parameters) -> cst.Parameters:
    """`(client, guards_off)`: an appended parameter separated like the others."""
    listed = list(params.params)
    for i, p in enumerate(listed[:-1]):
        if p.comma is cst.MaybeSentinel.DEFAULT:
            listed[i] = p.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return params.with_changes(params=listed)
