"""Tests of the resource's access control for the project's suite, through its own fixtures.

Every route refuses a request without credentials (401). Under a role rule, a signed-in user
without the role gets 403 from every route. Under an owner rule, a row made by one user is
invisible to a second: it is not in their list, and reading, changing or deleting it answers
what the routes answer for another user's row (404 unless the project says otherwise), and the
row is still there, unchanged, for its owner. URLs come from the app (`app.url_path_for`).
"""

from __future__ import annotations

from dataclasses import dataclass

from codemods.clone.field_code import sample
from codemods.clone.route_tests import Route, _Writer, no_client

_IDS = '''def _ids(body):
    """The ids of the rows a list answers, whatever envelope holds them."""
    if isinstance(body, list):
        return [row["id"] for row in body]
    return [i for value in body.values() if isinstance(value, (list, dict)) for i in _ids(value)]'''


@dataclass(frozen=True)
class Access:
    """What the tests prove: the routes, who signs in, and what another user's row answers."""

    routes: tuple[Route, ...]
    owner: str  # the headers fixture allowed everything (it makes the rows)
    anonymous: bool = True  # 401 without credentials
    lacking: str | None = None  # a headers fixture without the role: 403 everywhere
    other: str | None = None  # a second user's headers fixture: the rows are not theirs
    other_status: int | dict[str, int] = 404  # one for every route, or by op (get, update, delete)
    skip_ops: frozenset[str] = frozenset()  # cross-user cases the resource's tests have already


class _AccessWriter(_Writer):
    def _as(self, method: str, route: Route, fixture: str | None, key: str | None = None, json: str | None = None) -> str:
        url = f'app.url_path_for("{route.function}"' + (f", {route.param}=str({key}))" if route.param else ")")
        args = url + (f", json={json}" if json else "") + (f", headers={fixture}" if fixture else "")
        client = self.t.client_fixture or "client"
        return f"{'await ' if self.is_async else ''}{client}.{method}({args})"

    def _signature(self, name: str, *fixtures: str) -> str:
        marker = {"asyncio": "@pytest.mark.asyncio\n", "anyio": "@pytest.mark.anyio\n"}.get(self.t.async_marker, "")
        params = ", ".join(dict.fromkeys([self.t.client_fixture or "client", *fixtures]))
        return f"{marker if self.is_async else ''}{'async ' if self.is_async else ''}def {name}({params}):"

    def _request(self, route: Route, fixture: str | None) -> str:
        json = "PAYLOAD" if route.method in ("post", "put", "patch") else None
        key = self.missing if route.param else None
        return self._as(route.method, route, fixture, key, json)

    def anonymous(self, route: Route) -> None:
        """The route answers 401 to a request without credentials."""
        self.lines += ["", "", self._signature(f"test_{route.function}_needs_credentials")]
        self.lines += [f"    response = {self._request(route, None)}", "    assert response.status_code == 401, response.text"]

    def without_role(self, route: Route, fixture: str) -> None:
        """The route answers 403 to a user without the role (`fixture` signs one in)."""
        self.lines += ["", "", self._signature(f"test_{route.function}_forbidden_without_the_role", fixture)]
        self.lines += [f"    response = {self._request(route, fixture)}", "    assert response.status_code == 403, response.text"]

    def _made_by(self, create: Route, owner: str) -> list[str]:
        return [
            f"    created = {self._as('post', create, owner, json=self.row)}",
            f"    assert created.status_code == {create.status}, created.text",
            f'    key = created{self.body}["id"]',
        ]

    def others_row(self, by_op: dict[str, Route], access: Access) -> None:
        """A second user cannot list, read, change or delete the first user's row."""
        create, owner, other = by_op["create"], access.owner, access.other or ""
        given = access.other_status
        status = {op: given.get(op, 404) if isinstance(given, dict) else given for op in ("get", "update", "delete")}
        get = by_op.get("get")
        still = [f"    kept = {self._as('get', get, owner, 'key')}", "    assert kept.status_code == 200, kept.text"] if get else []
        if "list" in by_op and "list" not in access.skip_ops:
            self.lines += ["", "", self._signature(f"test_other_user_does_not_list_{self.n.plural_snake}", owner, other)]
            self.lines += self._made_by(create, owner)
            self.lines += [
                f"    response = {self._as('get', by_op['list'], other)}",
                "    assert response.status_code == 200, response.text",
                "    assert key not in _ids(response.json())",
            ]
        if get is not None and "get" not in access.skip_ops:
            self.lines += ["", "", self._signature(f"test_other_user_cannot_read_{self.n.snake}", owner, other)]
            self.lines += self._made_by(create, owner)
            self.lines += [f"    response = {self._as('get', get, other, 'key')}", f"    assert response.status_code == {status['get']}"]
        # a field its validator checks has one value known to pass (`example`): none to change to
        field = next((f for f in self.fields if sample(f, second=True) is not None and f.type != "fk" and f.example is None), None)
        update = by_op.get("update")
        if update is not None and field is not None and "update" not in access.skip_ops:
            change = f'{{"{field.column_name}": {sample(field, second=True)}}}'
            self.lines += ["", "", self._signature(f"test_other_user_cannot_change_{self.n.snake}", owner, other)]
            self.lines += self._made_by(create, owner)
            self.lines += [f"    response = {self._as(update.method, update, other, 'key', change)}", f"    assert response.status_code == {status['update']}"]
            self.lines += still + ([f'    assert kept{self.body}["{field.column_name}"] == created{self.body}["{field.column_name}"]'] if still else [])
        delete = by_op.get("delete")
        if delete is not None and "delete" not in access.skip_ops:
            self.lines += ["", "", self._signature(f"test_other_user_cannot_delete_{self.n.snake}", owner, other)]
            self.lines += self._made_by(create, owner)
            self.lines += [f"    response = {self._as('delete', delete, other, 'key')}", f"    assert response.status_code == {status['delete']}"]
            self.lines += still


def write_access_tests(access: Access, names, fields, app: tuple[str, str] | None, tests, key_type: str, envelope: str | None = None) -> tuple[str | None, str]:
    """A test module proving `access` (see the module docstring), and a line saying what it covers."""
    if no_client(app, tests):
        return None, "no access tests: no module-level app or test client fixture"
    by_op: dict[str, Route] = {}
    for r in access.routes:
        by_op.setdefault(r.op, r)
    w = _AccessWriter(names, fields, tests, key_type, dict(tests.fixture_for), envelope)
    w.header(app, "", [])
    covered = []
    if access.anonymous:
        for route in access.routes:
            w.anonymous(route)
        covered.append("401 without credentials")
    if access.lacking is not None:
        for route in access.routes:
            w.without_role(route, access.lacking)
        covered.append(f"403 for {access.lacking}")
    if access.other is not None and "create" in by_op:
        before = len(w.lines)
        w.others_row(by_op, access)
        if len(w.lines) > before:
            verbs = [v for op, v in (("list", "list"), ("get", "read"), ("update", "change"), ("delete", "delete")) if op not in access.skip_ops]
            said = ", ".join(verbs[:-1]) + (f" or {verbs[-1]}" if len(verbs) > 1 else verbs[-1])
            covered.append(f"{access.other} cannot {said} {access.owner}'s rows")
            if "_ids(" in "\n".join(w.lines):
                w.lines += ["", "", _IDS]
    if not covered:
        return None, "access tests: the resource's own tests cover them"
    return w.text(), f"access tests: {'; '.join(covered)}"
