"""Tests of `--cache` for the project's suite, through its own client fixtures.

headers: the read carries an ETag and max-age, a request holding that ETag gets a 304 with no
body, and a changed row gets a new ETag. memory and redis: a read, an update, then a read sees
the new value; a read, a delete, then a read is a 404. Both caches are emptied before each test
of the resource (its database is new and row ids repeat); the Redis one skips, saying why, when
no server answers.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from codemods.clone.field_code import sample
from codemods.clone.route_tests import Route, _Writer, no_client
from codemods.imports import Import


def _line(i: Import) -> str:
    return f"import {i.module}" if i.name is None else f"from {i.module} import {i.name}"


def fresh_cache_fixture(kind: str, helper: Import) -> tuple[str, list[Import]]:
    """The autouse fixture emptying the cache before each test, and the imports it needs (the
    helper's last)."""
    name = helper.bound
    if kind == "memory":
        body = f"    {name}.clear()\n"
        imports = [Import("pytest"), helper]
    else:
        body = (
            f"    client = redis.Redis.from_url({name}.REDIS_URL)\n"
            "    try:\n"
            "        client.ping()\n"
            "    except redis.exceptions.ConnectionError as exc:\n"
            '        pytest.skip(f"Redis is not reachable (REDIS_URL): {exc}")\n'
            f'    for key in client.scan_iter(f"{{{name}.PREFIX}}*"):\n'
            "        client.delete(key)\n"
            "    client.close()\n"
        )
        imports = [Import("pytest"), Import("redis"), helper]
    code = (
        "@pytest.fixture(autouse=True)\n"
        "def fresh_cache():\n"
        '    """Each test starts from an empty cache: its database is new, and row ids repeat."""\n'
        + body
    )
    return code, imports


class _CacheWriter(_Writer):
    """The writer of the resource's tests, with requests that send extra headers."""

    def _get(self, route: Route, key: str, extra: str | None = None) -> str:
        url = f'app.url_path_for("{route.function}", {route.param}=str({key}))'
        sent = self._fixtures(route)
        if extra and sent:
            headers = f"{{**{sent[0]}, {extra}}}"
        else:
            headers = f"{{{extra}}}" if extra else (sent[0] if sent else None)
        client = self.t.client_fixture or "client"
        call = f"{client}.get({url}" + (f", headers={headers})" if headers else ")")
        return f"{'await ' if self.is_async else ''}{call}"

    def _test(self, name: str, *routes: Route) -> str:
        """The test's signature, asking for the fixtures every route it calls signs in with."""
        signed = list(dict.fromkeys(f for r in (self.create_route, *routes) for f in self._fixtures(r)))
        marker = {"asyncio": "@pytest.mark.asyncio\n", "anyio": "@pytest.mark.anyio\n"}.get(self.t.async_marker, "")
        fixtures = ", ".join([self.t.client_fixture or "client", *signed])
        return f"{marker if self.is_async else ''}{'async ' if self.is_async else ''}def {name}({fixtures}):"

    def _change(self, keyed: Route) -> tuple[str, str] | None:
        """A field to change, and its new value: not the one `keyed`'s path names the row by."""
        # a field its validator checks has one value known to pass (`example`): none to change to
        changeable = [f for f in self.fields if f.type != "fk" and f.example is None and f.column_name != self._key_field(keyed)]
        # a decimal comes back as a string from pydantic 2 and as a number from pydantic 1: the
        # value read back is compared with the sample, so any other field is changed first
        changeable.sort(key=lambda f: f.type == "decimal")
        field = next((f for f in changeable if sample(f, second=True) is not None), None)
        return None if field is None else (field.column_name, sample(field, second=True))

    def etag(self, get: Route, update: Route | None, max_age: int) -> None:
        self.lines += ["", "", self._test(f"test_{self.n.snake}_etag_and_304", get)]
        self.lines += self._create_row(self.create_route, get)
        self.lines += [
            f"    first = {self._get(get, 'key')}",
            "    assert first.status_code == 200",
            '    etag = first.headers["etag"]',
            f'    assert "max-age={max_age}" in first.headers["cache-control"]',
            f'    again = {self._get(get, "key", chr(34) + "If-None-Match" + chr(34) + ": etag")}',
            "    assert again.status_code == 304",
            '    assert again.content == b""',
        ]
        self.covered |= {"ETag", "304"}
        change = self._change(get)
        if update is None or change is None:
            return
        self.lines += ["", "", self._test(f"test_changed_{self.n.snake}_gets_a_new_etag", get, update)]
        self.lines += self._create_row(self.create_route, get)
        self.lines += [
            f"    first = {self._get(get, 'key')}",
            f"    changed = {self._call(update.method, update, 'key', json=f'{{{chr(34)}{change[0]}{chr(34)}: {change[1]}}}')}",
            f"    assert changed.status_code == {update.status}, changed.text",
            f"    second = {self._get(get, 'key')}",
            '    assert second.headers["etag"] != first.headers["etag"]',
        ]
        self.covered.add("a new ETag after a change")

    def read_update_read(self, get: Route, update: Route) -> None:
        change = self._change(get)
        if change is None:
            return
        self.lines += ["", "", self._test(f"test_{self.n.snake}_read_after_update_is_fresh", get, update)]
        self.lines += self._create_row(self.create_route, get)
        self.lines += [
            f"    first = {self._get(get, 'key')}",
            "    assert first.status_code == 200",
            f"    changed = {self._call(update.method, update, 'key', json=f'{{{chr(34)}{change[0]}{chr(34)}: {change[1]}}}')}",
            f"    assert changed.status_code == {update.status}, changed.text",
            f"    second = {self._get(get, 'key')}",
            f'    assert second{self.body}["{change[0]}"] == {change[1]}',
        ]
        self.covered.add("a read after an update sees it")

    def read_delete_read(self, get: Route, delete: Route) -> None:
        self.lines += ["", "", self._test(f"test_{self.n.snake}_read_after_delete_is_404", get, delete)]
        self.lines += self._create_row(self.create_route, get)
        self.lines += [
            f"    first = {self._get(get, 'key')}",
            "    assert first.status_code == 200",
            f"    deleted = {self._call('delete', delete, 'key')}",
            f"    assert deleted.status_code == {delete.status}, deleted.text",
            f"    second = {self._get(get, 'key')}",
            "    assert second.status_code == 404",
        ]
        self.covered.add("a read after a delete is 404")


def write_cache_tests(
    kind: str,
    max_age: int,
    by_op: dict[str, Route],
    names,
    fields,
    app: tuple[str, str] | None,
    tests,
    key_type: str,
    envelope: str | None = None,
    sent_by_tests: str | None = None,
    fixture: tuple[str, list[Import]] | None = None,
) -> tuple[str | None, str]:
    """A test module proving the cache (see module docstring) and a line saying what it covers."""
    if no_client(app, tests):
        return None, "no tests for the cache: no module-level app or test client fixture"
    headers = dict(tests.fixture_for)
    # a route no fixture signs in for (`require_role("admin")`), or with a guard to lift, goes untested here
    by_op = {op: r for op, r in by_op.items() if all(u in headers for u in r.users) and not r.guards}
    if kind != "headers" and "update" not in by_op and "delete" not in by_op:
        return None, "no tests for the cache: nothing writes rows to forget"
    if "create" not in by_op or "get" not in by_op:
        return None, "no tests for the cache: creating and reading a row needs a fixture the project lacks"
    w = _CacheWriter(names, fields, tests, key_type, headers, envelope)
    w.sent_by_tests = sent_by_tests
    w.create_route = by_op["create"]
    w.header(app, "", [])
    if fixture is not None:
        code, imports = fixture
        *third, helper = [i for i in imports if i.module != "pytest"]  # the helper is the project's
        third_party, first_party = w.imports[1], w.imports[2]
        third_party += [_line(i) for i in third]  # beside `import pytest`
        # the project's own imports, in isort's order: `import x` lines first, then `from x import y`, by module
        first_party[:] = sorted([*first_party, _line(helper)], key=lambda line: (line.startswith("from "), line.split()[1].lower()))
        w.lines += ["", "", code.rstrip("\n")]
    if kind == "headers":
        w.etag(by_op["get"], by_op.get("update"), max_age)
    else:
        if "update" in by_op:
            w.read_update_read(by_op["get"], by_op["update"])
        if "delete" in by_op:
            w.read_delete_read(by_op["get"], by_op["delete"])
    return w.text(), f"tests of the cache ({kind}): {', '.join(sorted(w.covered))}"


def signed_in_as_own_tests(tests, routes: list[Route], own_text: str):
    """The tests finding, with a route's user no fixture is known for (`require_role("admin")`)
    signed in by the headers fixture the resource's own tests send most with that method."""
    known = dict(tests.fixture_for)
    added = []
    for route in routes:
        for user in route.users:
            if user not in known:
                fixture = _sent_with(own_text, route.method)
                if fixture is not None:
                    known[user] = fixture
                    added.append((user, fixture))
    return replace(tests, fixture_for=(*tests.fixture_for, *added)) if added else tests


def _sent_with(tests_code: str, method: str) -> str | None:
    """The fixture passed most often as `headers=` to `client.<method>(...)` in a test module,
    leaving out tests expecting a refusal (401, 403): they send the wrong user on purpose."""
    counts: dict[str, int] = {}
    tests = [n for n in ast.walk(ast.parse(tests_code)) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))] if tests_code else []
    allowed = [t for t in tests if not any(
        (isinstance(n, ast.Constant) and n.value in (401, 403)) or (isinstance(n, ast.Attribute) and n.attr.startswith(("HTTP_401", "HTTP_403")))
        for n in ast.walk(t))]
    for call in (c for t in allowed for c in ast.walk(t)):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == method:
            for kw in call.keywords:
                if kw.arg == "headers" and isinstance(kw.value, ast.Name):
                    counts[kw.value.id] = counts.get(kw.value.id, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None
