"""Tests for the new resource, in the project's test style: its client, async marker, fixtures and URLs.

Covers: create (201), validation (422), conflict (409, unique fields), get, not found (404),
list with pagination (limit, next page, limit bound), partial update, delete, unauthorized
(when the project has auth) and ownership (when rows are per user).
"""

from __future__ import annotations

import ast

from codemods.bounded_values import breaking, fit, fresh_length
from codemods.computed import ComputedField
from codemods.context import ResourceContext
from codemods.edits import Edit, Statements
from codemods.render.code import Code
from codemods.render.pagination import Pagination
from codemods.spec import DISCRIMINATOR, FieldSpec, unknown_tag
from detectors.project import ModuleInfo

HTTP_VERBS = ("get", "post", "patch", "put", "delete")


def _sibling_test_module(ctx: ResourceContext) -> ModuleInfo | None:
    sib = ctx.sibling
    if sib is None:
        return None
    best = None
    for info in ctx.index.relevant:
        if info.is_test and not info.path.endswith("conftest.py"):
            if sib.names.plural_snake in info.path or sib.names.snake in info.path:
                return info
            if (
                best is None
                and f"/{sib.names.url_segment(ctx.conv.router_layout.url_style)}" in info.source
            ):
                best = info
    return best


def _sibling_url(ctx: ResourceContext, info: ModuleInfo | None, code: Code) -> str | None:
    """The sibling tests' collection URL expression, renamed (`f"{settings.API_V1_STR}/orders/"`)."""
    if info is None:
        return None
    segment = "/" + ctx.sibling.names.url_segment(ctx.conv.router_layout.url_style)
    for node in info.nodes(ast.Call):
        if (
            not isinstance(node.func, ast.Attribute)
            or node.func.attr not in HTTP_VERBS
            or not node.args
        ):
            continue
        arg = node.args[0]
        text = ast.get_source_segment(info.source, arg) or ""
        if segment not in text or "{" in text.split(segment, 1)[1]:
            continue
        head = text.split(segment, 1)[0]
        quote = text[-1]
        slash = "/" if ctx.conv.router_registration.trailing_slash else ""
        for sub in ast.walk(arg):
            if isinstance(sub, ast.Name) and sub.id in info.imports:
                module, attr = info.imports[sub.id]
                code.use(module, attr)
        return ctx.rename_from_sibling(f"{head}{segment}{slash}{quote}")
    return None


def _value(field: FieldSpec, n: str) -> str:
    """A sample JSON value for a field, distinct per `n` where uniqueness needs it."""
    words = field.name.replace("_", " ").capitalize()
    if field.type == "list":
        return f"[{_value(FieldSpec(field.name, field.item_type or 'str'), n)}]"
    if field.type == "object":
        return "{" + ", ".join(f'"{m.name}": {_value(m, n)}' for m in field.members) + "}"
    if field.type == "union":  # its first variant, tagged
        first = field.variants[0]
        return "{" + ", ".join([f'"{DISCRIMINATOR}": "{first.name}"', *(f'"{m.name}": {_value(m, n)}' for m in first.members)]) + "}"
    if field.unique and field.type in ("str", "text"):
        # distinct across test runs too: a suite whose tests share one database (committed rows
        # stay) would see the second test's "Name 1" collide with the first's
        high = int(field.limits.high) if field.limits is not None and field.limits.high is not None else None
        if high is None or high >= len(words) + 3 + 9:
            return f'f"{words} {{{n}}} {{uuid.uuid4().hex[:8]}}"'
        size = fresh_length(field)
        if size is not None:  # too short for the words: the random part alone
            return f"uuid.uuid4().hex[:{size}]"
    if field.limits is not None and field.type in ("str", "text"):
        return _bounded_text(field, words, n)
    if field.limits is not None:  # a number inside the bounds; numbers are never unique
        return fit(field, {"int": "30", "float": "1.5", "decimal": '"12.50"'}[field.type])
    return {
        "str": f'f"{words} {{{n}}}"',
        "text": f'f"{words} {{{n}}}"',
        "int": f"{n} * 10",
        "float": f"{n} + 0.5",
        "bool": "True",
        "decimal": f'f"{{{n}}}2.50"',
        "date": f'f"2026-01-{{{n}:02d}}"',
        "datetime": f'f"2026-01-{{{n}:02d}}T10:30:00+00:00"',
        "uuid": "str(uuid.uuid4())",
        "json": f'{{"n": {n}}}',
        "enum": f'"{field.default or (field.enum_values[-1] if field.enum_values else "")}"',
    }.get(field.type, '""')


def _bounded_text(field: FieldSpec, words: str, n: str) -> str:
    """`f"Name {n}"` with its stem cut or padded so that any n of one or two digits fits."""
    least, most = int(field.limits.low or 0), field.limits.high
    # the value is the stem, a space and n: len(stem) + 2 or + 3 characters
    longest = len(words) if most is None else min(len(words), int(most) - 3)
    if longest < max(least - 2, 1):
        return f'f"{{{n}:0{max(least, 1)}d}}"'  # no room for words: n, zero-padded to the minimum
    return f'f"{words[:longest].ljust(least - 2, "x")} {{{n}}}"'


_CHANGED = {
    "str": '"Changed"',
    "text": '"Changed"',
    "int": "999",
    "float": "9.5",
    "bool": "False",
    "decimal": '"99.99"',
    "date": '"2027-02-03"',
    "datetime": '"2027-02-03T04:05:06+00:00"',
    "json": '{"changed": True}',
    "uuid": "str(uuid.uuid4())",
}


def _changed_value(field: FieldSpec) -> str:
    if field.type == "list":
        return f"[{_changed_value(FieldSpec(field.name, field.item_type or 'str'))}]"
    if field.type == "object":
        return "{" + ", ".join(f'"{m.name}": {_changed_value(m)}' for m in field.members) + "}"
    if field.type == "enum" and field.enum_values:  # another value than the sample's first
        return f'"{field.enum_values[-1]}"'
    if field.type == "union":  # another variant than the sample's
        last = field.variants[-1]
        return "{" + ", ".join([f'"{DISCRIMINATOR}": "{last.name}"', *(f'"{m.name}": {_changed_value(m)}' for m in last.members)]) + "}"
    return fit(field, _CHANGED.get(field.type, '"Changed"'), second=True)


def _assert_equal(field: FieldSpec, body: str, payload: str) -> str:
    key = f'"{field.column_name}"'
    if field.type == "decimal":
        return f"assert Decimal(str({body}[{key}])) == Decimal(str({payload}[{key}]))"
    if field.type == "datetime":
        return f"assert {body}[{key}][:19] == {payload}[{key}][:19]  # Z, +00:00 or no zone"
    return f"assert {body}[{key}] == {payload}[{key}]"


def _assert_computed(computed: ComputedField, code: Code) -> str:
    """The response carries the computed value, reckoned here from the payload sent."""
    decimal_name = code.use("decimal", "Decimal") if computed.type == "decimal" or any(
        t == "decimal" for _, t in computed.reads
    ) else "Decimal"
    expected = computed.over(lambda name: f'payload["{name}"]', decimal_name)
    got = f'body["{computed.name}"]'
    if computed.type == "decimal":  # JSON carries a decimal as a string
        got = f"{decimal_name}(str({got}))"
    return f"assert {got} == {expected}"


class TestWriter:
    def __init__(self, ctx: ResourceContext, pag: Pagination):
        self.ctx, self.pag = ctx, pag
        self.code = Code(ctx, ctx.test_target)
        t = ctx.conv.tests
        self.is_async = t.client == "httpx_async"
        self.aw = "await " if self.is_async else ""
        self.adef = "async def" if self.is_async else "def"
        # a client the project's test modules build at their top level (no fixture hands one
        # out): the new module builds its own as they do, and its tests call it by name
        self.shared = t.module_client if not t.client_fixture else None
        self.client = t.client_fixture or (self.shared.name if self.shared is not None else "client")
        sibling_tests = _sibling_test_module(ctx)
        self.annotate = _annotates(sibling_tests)
        self.url = _sibling_url(ctx, sibling_tests, self.code)
        self.headers, self.other_headers = _auth_fixtures(ctx)
        self.anon = t.anonymous_client_fixture

    # -- building blocks -----------------------------------------------------------------

    def arg(self, name: str) -> str:
        if not self.annotate:
            return name
        if name in (self.client, self.anon):
            if self.is_async:
                return f"{name}: {self.code.use('httpx', 'AsyncClient')}"
            return f"{name}: {self.code.use('fastapi.testclient', 'TestClient')}"
        return f"{name}: {self.code.dict_of('str', 'str')}"

    def call(
        self,
        method: str,
        url: str,
        *,
        json: str | None = None,
        params: str | None = None,
        headers: str | None = None,
        client: str | None = None,
    ) -> str:
        args = [url]
        if json:
            args.append(f"json={json}")
        if params:
            args.append(f"params={params}")
        if headers:
            args.append(f"headers={headers}")
        return f"{self.aw}{client or self.client}.{method}({', '.join(args)})"

    @property
    def hdr(self) -> str | None:
        return self.headers

    def unwrap(self, expr: str) -> str:
        return f'{expr}["data"]' if self.ctx.conv.response.wrapper == "envelope" else expr

    def items(self, expr: str) -> str:
        shape = self.ctx.conv.response.list_shape
        if shape == "envelope":
            return f'{expr}["data"]'
        if shape == "object":
            keys = self.ctx.conv.response.list_keys or ("data",)
            return f'{expr}["{keys[0]}"]'
        return expr

    def fixtures(self, *extra: str) -> str:
        client = [] if self.shared is not None else [self.client]
        names = client + ([self.headers] if self.headers else []) + list(extra)
        return ", ".join(self.arg(n) for n in names)

    def test(self, name: str, params: str, body: list[str]) -> str:
        marker = (
            "@pytest.mark.asyncio\n"
            if self.is_async and self.ctx.conv.tests.async_marker == "asyncio"
            else ""
        )
        if marker:
            self.code.use("pytest")
        lines = "\n".join("    " + line for line in body)
        returns = " -> None" if self.annotate else ""
        return f"{marker}{self.adef} {name}({params}){returns}:\n{lines}\n"

    # -- module ----------------------------------------------------------------------------

    def render(self) -> str:
        ctx, code = self.ctx, self.code
        s, p = ctx.names.snake, ctx.names.plural_snake
        const = f"{p.upper()}_URL"
        trailing = ctx.conv.router_registration.trailing_slash
        if self.url is None:
            app = code.use(ctx.conv.app.module or "main", ctx.conv.app.variable or "app")
            self.url = f'{app}.url_path_for("{ctx.endpoint_name("list")}")'
        item = f'f"{{{const}}}{{{s}_id}}"' if trailing else f'f"{{{const}}}/{{{s}_id}}"'
        any_t = code.use("typing", "Any") if self.annotate else "Any"
        payload_fn, create_fn = f"{s}_payload", f"create_{s}"
        fields = ctx.spec.fields
        values = {f.column_name: _value(f, "n") for f in fields if f.type != "fk"}
        if any("uuid." in v for v in values.values()) or ctx.key_type == "uuid":
            code.use("uuid")
        if any(f.type == "decimal" for f in fields):
            code.use("decimal", "Decimal")
        sample = ", ".join(f'"{name}": {value}' for name, value in values.items())
        parts = []
        if self.shared is not None:  # the client, built as the project's test modules build it
            for module, name, alias in self.shared.imports:
                code.use(module, name, alias)
            parts.append(self.shared.setup)
        if self.is_async and ctx.conv.tests.async_marker == "anyio":
            parts.append(f"pytestmark = {code.use('pytest')}.mark.anyio\n")
        parts.append(f"{const} = {self.url}\n")
        dict_t = code.dict_of("str", any_t) if self.annotate else None
        payload_sig = f"n: int = 1, **overrides: {any_t}" if self.annotate else "n=1, **overrides"
        parts.append(
            f"def {payload_fn}({payload_sig}){' -> ' + dict_t if dict_t else ''}:\n"
            f"    payload = {{{sample}}}\n    payload.update(overrides)\n    return payload\n"
        )
        hdr_param = (
            (f", headers: {code.dict_of('str', 'str')}" if self.annotate else ", headers")
            if self.headers
            else ""
        )
        n_param = ", n: int = 1" if self.annotate else ", n=1"
        client_param = self.arg(self.client)
        post = self.call(
            "post", const, json=f"{payload_fn}(n)", headers="headers" if self.headers else None
        )
        parts.append(
            f"{self.adef} {create_fn}({client_param}{hdr_param}{n_param}){' -> ' + dict_t if dict_t else ''}:\n"
            f"    response = {post}\n"
            f"    assert response.status_code == 201, response.text\n"
            f"    return {self.unwrap('response.json()')}\n"
        )
        h = f", {self.headers}" if self.headers else ""
        missing = "str(uuid.uuid4())" if ctx.key_type == "uuid" else "999999"
        tests = []

        # create
        body = [
            f"payload = {payload_fn}()",
            f"response = {self.call('post', const, json='payload', headers=self.hdr)}",
            "assert response.status_code == 201, response.text",
            f"body = {self.unwrap('response.json()')}",
            'assert body["id"]',
        ]
        body += [_assert_equal(f, "body", "payload") for f in fields if f.type != "fk"]
        body += [_assert_computed(c, code) for c in ctx.spec.computed]
        tests.append(self.test(f"test_create_{s}", self.fixtures(), body))

        # a union's variants are told apart by their type: one none of them has is refused
        for f in (f for f in fields if f.type == "union"):
            wrong = f'{{**{payload_fn}(), "{f.column_name}": {{"{DISCRIMINATOR}": "{unknown_tag(f)}"}}}}'
            tests.append(
                self.test(
                    f"test_create_{s}_{f.column_name}_of_unknown_type",
                    self.fixtures(),
                    [
                        f"response = {self.call('post', const, json=wrong, headers=self.hdr)}",
                        "assert response.status_code == 422",
                    ],
                )
            )

        # bounds: one past a bound is refused, not stored
        bounded = next((f for f in fields if breaking(f) is not None), None)
        if bounded is not None:
            past = f'{{**{payload_fn}(), "{bounded.column_name}": {breaking(bounded)}}}'
            tests.append(
                self.test(
                    f"test_create_{s}_{bounded.column_name}_out_of_bounds",
                    self.fixtures(),
                    [
                        f"response = {self.call('post', const, json=past, headers=self.hdr)}",
                        "assert response.status_code == 422",
                    ],
                )
            )

        # validation
        invalid = self._invalid_payload()
        tests.append(
            self.test(
                f"test_create_{s}_validation_error",
                self.fixtures(),
                [
                    f"response = {self.call('post', const, json=invalid, headers=self.hdr)}",
                    "assert response.status_code == 422",
                ],
            )
        )

        # conflict
        unique = [f for f in fields if f.unique]
        if unique:
            tests.append(
                self.test(
                    f"test_create_{s}_conflict",
                    self.fixtures(),
                    [  # the same payload twice: its unique values are drawn afresh per payload
                        f"payload = {payload_fn}()",
                        self.call("post", const, json="payload", headers=self.hdr),
                        f"response = {self.call('post', const, json='payload', headers=self.hdr)}",
                        "assert response.status_code == 409",
                    ],
                )
            )

        # get
        tests.append(
            self.test(
                f"test_{ctx.endpoint_name('get')}",
                self.fixtures(),
                [
                    f"created = {self.aw}{create_fn}({self.client}{h})",
                    f'{s}_id = created["id"]',
                    f"response = {self.call('get', item, headers=self.hdr)}",
                    "assert response.status_code == 200",
                    f"assert {self.unwrap('response.json()')} == created",
                ],
            )
        )
        tests.append(
            self.test(
                f"test_{ctx.endpoint_name('get')}_not_found",
                self.fixtures(),
                [
                    f"{s}_id = {missing}",
                    f"response = {self.call('get', item, headers=self.hdr)}",
                    "assert response.status_code == 404",
                ],
            )
        )

        # list and pagination
        tests += self._list_tests(const, create_fn, h)

        # partial update
        # a text field, else any but a foreign key (which needs a row of its target to point at)
        target_field = next((f for f in fields if f.type in ("str", "text")), next((f for f in fields if f.type != "fk"), fields[0]))
        other = next((f for f in fields if f is not target_field and f.type != "fk"), None)
        body = [
            f"created = {self.aw}{create_fn}({self.client}{h})",
            f'{s}_id = created["id"]',
            f"response = {self.call(ctx.habits.update_method, item, json=f'{{{chr(34)}{target_field.column_name}{chr(34)}: {_changed_value(target_field)}}}', headers=self.hdr)}",
            "assert response.status_code == 200, response.text",
            f"body = {self.unwrap('response.json()')}",
        ]
        if target_field.type == "decimal":
            body.append(
                f'assert Decimal(str(body["{target_field.column_name}"])) == Decimal({_changed_value(target_field)})'
            )
        elif target_field.type in ("str", "text", "int", "float", "bool", "json", "list", "object", "union"):
            body.append(
                f'assert body["{target_field.column_name}"] == {_changed_value(target_field)}'
            )
        if other is not None:
            body.append(f'assert body["{other.column_name}"] == created["{other.column_name}"]')
        tests.append(
            self.test(f"test_{ctx.endpoint_name('update')}_partial", self.fixtures(), body)
        )
        tests.append(
            self.test(
                f"test_{ctx.endpoint_name('update')}_not_found",
                self.fixtures(),
                [
                    f"{s}_id = {missing}",
                    f"response = {self.call(ctx.habits.update_method, item, json=f'{{{chr(34)}{target_field.column_name}{chr(34)}: {_changed_value(target_field)}}}', headers=self.hdr)}",
                    "assert response.status_code == 404",
                ],
            )
        )

        # delete
        status = ctx.conv.response.delete_status or 204
        tests.append(
            self.test(
                f"test_{ctx.endpoint_name('delete')}",
                self.fixtures(),
                [
                    f"created = {self.aw}{create_fn}({self.client}{h})",
                    f'{s}_id = created["id"]',
                    f"response = {self.call('delete', item, headers=self.hdr)}",
                    f"assert response.status_code == {status}",
                    f"response = {self.call('get', item, headers=self.hdr)}",
                    "assert response.status_code == 404",
                ],
            )
        )
        tests.append(
            self.test(
                f"test_{ctx.endpoint_name('delete')}_not_found",
                self.fixtures(),
                [
                    f"{s}_id = {missing}",
                    f"response = {self.call('delete', item, headers=self.hdr)}",
                    "assert response.status_code == 404",
                ],
            )
        )

        # auth
        auth = ctx.conv.auth
        if auth.kind not in ("none", "unknown"):
            if auth.applied == "router" and self.anon:
                tests.append(
                    self.test(
                        f"test_{p}_require_authentication",
                        self.arg(self.anon),
                        [
                            f"response = {self.call('get', const, client=self.anon)}",
                            f"assert response.status_code == {unauthenticated_status(ctx)}",
                        ],
                    )
                )
            elif auth.applied == "endpoint":
                tests.append(
                    self.test(
                        f"test_{p}_require_authentication",
                        self.arg(self.client),
                        [
                            f"response = {self.call('get', const)}",
                            f"assert response.status_code == {unauthenticated_status(ctx)}",
                            f"response = {self.call('post', const, json=f'{payload_fn}()')}",
                            f"assert response.status_code == {unauthenticated_status(ctx)}",
                        ],
                    )
                )
        if ctx.owned and self.other_headers:
            tests.append(
                self.test(
                    f"test_{s}_of_another_user_is_not_found",
                    self.fixtures(self.other_headers),
                    [
                        f"created = {self.aw}{create_fn}({self.client}{h})",
                        f'{s}_id = created["id"]',
                        f"response = {self.call('get', item, headers=self.other_headers)}",
                        "assert response.status_code == 404",
                        f"response = {self.call('get', const, headers=self.other_headers)}",
                        f"assert {self.items('response.json()')} == []",
                    ],
                )
            )
        return "\n\n".join(parts + tests)

    def _invalid_payload(self) -> str:
        if any(f.required_on_create for f in self.ctx.spec.fields):
            return "{}"
        # a list of ints takes [1, 2, 3]: only a field not stored as JSON refuses it
        field = next((f for f in self.ctx.spec.fields if not f.stored_as_json), self.ctx.spec.fields[0])
        return f'{{"{field.column_name}": [1, 2, 3]}}'

    def _count_key(self) -> str | None:
        """The key of a list response holding the total (`count`, `total`), if it has one."""
        return next((k for k in self.ctx.conv.response.list_keys if k in ("count", "total")), None)

    def _list_tests(self, const: str, create_fn: str, h: str) -> list[str]:
        ctx, pag = self.ctx, self.pag
        create3 = ["for n in range(1, 4):", f"    {self.aw}{create_fn}({self.client}{h}, n=n)"]
        tests = []
        if pag.style == "none":
            # one database for the module's tests (a client built at module level): counted from
            # the rows earlier ones left
            before = [
                f"response = {self.call('get', const, headers=self.hdr)}",
                f"before = len({self.items('response.json()')})",
            ] if self.shared is not None else []
            tests.append(
                self.test(
                    f"test_{ctx.endpoint_name('list')}",
                    self.fixtures(),
                    [
                        *before,
                        *create3,
                        f"response = {self.call('get', const, headers=self.hdr)}",
                        "assert response.status_code == 200",
                        f"assert len({self.items('response.json()')}) == {'before + 3' if before else '3'}",
                    ],
                )
            )
            return tests
        names = pag.names
        first, limit = names[0], names[-1]
        bound = ctx.conv.pagination.max_limit or max(100, _int(dict(ctx.conv.pagination.params).get(limit)))
        if pag.style == "cursor":
            next_key = next(
                (k for k in ctx.conv.response.list_keys if "cursor" in k or k == "next"),
                "next_cursor",
            )
            body = [
                *create3,
                f"response = {self.call('get', const, params=f'{{{chr(34)}{limit}{chr(34)}: 2}}', headers=self.hdr)}",
                "assert response.status_code == 200",
                "page = response.json()",
                f"assert len({self.items('page')}) == 2",
                f'assert page["{next_key}"] is not None',
                f"response = {self.call('get', const, params=f'{{{chr(34)}{limit}{chr(34)}: 2, {chr(34)}{first}{chr(34)}: page[{chr(34)}{next_key}{chr(34)}]}}', headers=self.hdr)}",
                "assert response.status_code == 200",
                "page = response.json()",
                f"assert len({self.items('page')}) == 1",
                f'assert page["{next_key}"] is None',
            ]
        elif pag.style == "offset" and self.shared is not None and not self._count_key():
            # one database for the module's tests: the rows earlier ones left are listed first
            # (as many as a page holds) and paged past
            q = chr(34)
            body = [
                f"response = {self.call('get', const, params=f'{{{q}{limit}{q}: {bound}}}', headers=self.hdr)}",
                f"before = len({self.items('response.json()')})",
                *create3,
                f"response = {self.call('get', const, params=f'{{{q}{first}{q}: before, {q}{limit}{q}: 2}}', headers=self.hdr)}",
                "assert response.status_code == 200",
                f"assert len({self.items('response.json()')}) == 2",
                f"response = {self.call('get', const, params=f'{{{q}{first}{q}: before + 2, {q}{limit}{q}: 2}}', headers=self.hdr)}",
                "assert response.status_code == 200",
                f"assert len({self.items('response.json()')}) == 1",
            ]
        elif pag.style == "offset" and self._count_key():
            # rows earlier tests left (a database kept across tests) come first: page after them
            count = self._count_key()
            q = chr(34)
            body = [
                f"response = {self.call('get', const, params=f'{{{q}{limit}{q}: 1}}', headers=self.hdr)}",
                f'before = response.json()["{count}"]',
                *create3,
                f"response = {self.call('get', const, params=f'{{{q}{first}{q}: before, {q}{limit}{q}: 2}}', headers=self.hdr)}",
                "assert response.status_code == 200",
                "page = response.json()",
                f"assert len({self.items('page')}) == 2",
                f'assert page["{count}"] == before + 3',
                f"response = {self.call('get', const, params=f'{{{q}{first}{q}: before + 2, {q}{limit}{q}: 2}}', headers=self.hdr)}",
                "assert response.status_code == 200",
                f"assert len({self.items('response.json()')}) == 1",
            ]
        else:
            start = "0" if pag.style == "offset" else "1"
            nxt = "2" if pag.style == "offset" else "2"
            body = [
                *create3,
                f"response = {self.call('get', const, params=f'{{{chr(34)}{first}{chr(34)}: {start}, {chr(34)}{limit}{chr(34)}: 2}}', headers=self.hdr)}",
                "assert response.status_code == 200",
                "page = response.json()",
                f"assert len({self.items('page')}) == 2",
            ]
            count_key = self._count_key()
            if count_key:
                body.append(f'assert page["{count_key}"] == 3')
            elif ctx.conv.response.wrapper == "envelope" and ctx.conv.response.meta_model:
                body.append('assert page["meta"]["total"] == 3')
            body += [
                f"response = {self.call('get', const, params=f'{{{chr(34)}{first}{chr(34)}: {nxt}, {chr(34)}{limit}{chr(34)}: 2}}', headers=self.hdr)}",
                "assert response.status_code == 200",
                f"assert len({self.items('response.json()')}) == 1",
            ]
        tests.append(
            self.test(f"test_{ctx.endpoint_name('list')}_paginates", self.fixtures(), body)
        )
        tests.append(
            self.test(
                f"test_{ctx.endpoint_name('list')}_limit_is_bounded",
                self.fixtures(),
                [
                    f"response = {self.call('get', const, params=f'{{{chr(34)}{limit}{chr(34)}: {bound + 1}}}', headers=self.hdr)}",
                    "assert response.status_code == 422",
                ],
            )
        )
        return tests


UNAUTHENTICATED_WORDS = (
    "unauth",
    "requires_auth",
    "require_auth",
    "authentication",
    "without_token",
    "no_token",
    "missing_token",
    "anonymous",
    "not_authenticated",
    "without_key",
    "no_key",
)


def unauthenticated_status(ctx: ResourceContext) -> int:
    """What the project's own tests expect from a request without credentials: 401, or 403
    (HTTPBearer on older FastAPI answers 403). 401 when the tests do not say."""
    from collections import Counter

    seen: Counter[int] = Counter()
    for info in ctx.index.relevant:
        if not info.is_test:
            continue
        for func in info.tree.body:
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if not any(w in func.name for w in UNAUTHENTICATED_WORDS):
                continue
            for node in ast.walk(func):
                if (
                    isinstance(node, ast.Compare)
                    and isinstance(node.comparators[0], ast.Constant)
                    and node.comparators[0].value in (401, 403)
                    and "status_code" in ast.unparse(node.left)
                ):
                    seen[node.comparators[0].value] += 1
    return seen.most_common(1)[0][0] if seen else 401


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 100


def _annotates(info: ModuleInfo | None) -> bool:
    if info is None:
        return True
    functions = [
        n
        for n in info.tree.body
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith("test_")
    ]
    tests = [n for n in functions if n.args.args]
    if not tests:  # tests taking nothing (a client built at module level): their return types
        return sum(1 for t in functions if t.returns is not None) * 2 >= len(functions) if functions else True
    return sum(1 for t in tests if t.args.args[0].annotation is not None) * 2 >= len(tests)


def _auth_fixtures(ctx: ResourceContext) -> tuple[str | None, str | None]:
    """(headers for the acting user, headers for a second user) when endpoints need credentials."""
    auth = ctx.conv.auth
    fixtures = list(ctx.conv.tests.auth_fixtures)
    if auth.applied != "endpoint" or not fixtures:
        return None, None
    privileged = ("admin", "super", "staff", "root")
    plain = [f for f in fixtures if not any(w in f for w in privileged)]
    # The fixture the project's own tests get through this dependency with, if they show one.
    primary = dict(ctx.conv.tests.fixture_for).get(auth.dependency) or (plain or fixtures)[0]
    others = [f for f in fixtures if f != primary]
    return primary, (others[0] if others else None)


def render_tests(ctx: ResourceContext, pag: Pagination) -> list[Edit]:
    if ctx.test_target is None:
        return []
    writer = TestWriter(ctx, pag)
    text = writer.render()
    return [
        Statements(
            ctx.test_target.path,
            text,
            tuple(writer.code.imports),
            why=f"tests for /{ctx.url_segment}",
            create_only=True,
        )
    ]
