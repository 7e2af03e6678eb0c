"""Tests for `--filter` and `--sort`: written from the routes the resource serves.

Rows are made through the create route and read back through the list route, page after page
the way the route pages (cursor, offset or page number), so each test sees every row the list
answers for its parameters: each filter returns exactly the matching rows, each sort key orders
both ways (ties by id), paging under a filter neither skips nor repeats a row, and an unknown
sort key is a 422.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from codemods.clone.field_code import sample
from codemods.clone.route_tests import Route, _Writer, list_blocker, no_client
from codemods.names import ResourceNames
from codemods.spec import FieldSpec
from detectors.conventions import TestsFinding
from detectors.range_params import RangeNaming

if TYPE_CHECKING:  # list_query writes these tests: imported at run time it would be a cycle
    from codemods.list_query import Sort

_ORDERED = ("int", "float", "decimal", "date", "datetime")


@dataclass(frozen=True)
class QueryTests:
    """What to prove: the filtered fields, the sort (`keys`, `values`, `default`) or None, and
    how the list pages: (style, page parameter, size parameter) or None, with the response
    field carrying the next cursor (dotted where it is nested: `meta.next_cursor`) and the first
    page number."""

    filters: tuple[FieldSpec, ...]
    sort: Sort | None
    paging: tuple[str, str, str | None] | None
    cursor_key: str | None
    ranges: RangeNaming
    first_page: int = 1


W = TypeVar("W", bound="_QueryWriter")


def start_writer(
    writer: type[W],
    what: str,
    query: QueryTests,
    listing: Route,
    create: Route | None,
    names: ResourceNames,
    fields: tuple[FieldSpec, ...],
    app: tuple[str, str] | None,
    tests: TestsFinding,
    key_type: str,
    envelope: str | None,
    sent_by_tests: str | None,
) -> tuple[W | None, str]:
    """A writer of tests of `what` (the list's filters, its pages) with the module's header and
    the helpers that make rows and read the list written; else None and the line saying why not."""
    if no_client(app, tests):
        return None, f"no tests for {what}: no module-level app or test client fixture"
    headers = dict(tests.fixture_for)
    blocked = list_blocker(listing, create, headers)
    if blocked is not None:
        return None, f"no tests for {what}: {blocked}"
    w = writer(names, fields, tests, key_type, headers, envelope)
    w.sent_by_tests = sent_by_tests
    w.create_route = create
    w.header(app, "", [])
    w.helpers(query, listing, create)
    return w, ""


def write_query_tests(
    query: QueryTests,
    listing: Route,
    create: Route | None,
    names: ResourceNames,
    fields: tuple[FieldSpec, ...],
    app: tuple[str, str] | None,
    tests: TestsFinding,
    key_type: str,
    envelope: str | None = None,
    sent_by_tests: str | None = None,
) -> tuple[str | None, str]:
    """The test module's text (None when it cannot be written) and a line saying what it covers."""
    w, refused = start_writer(
        _QueryWriter, "the filters and sort", query, listing, create, names, fields, app, tests, key_type, envelope, sent_by_tests
    )
    if w is None:
        return None, refused
    for field in query.filters:
        w.exact(field)
        if field.type in _ORDERED:
            w.range(field, query.ranges)
    if query.sort is not None:
        for key in query.sort.keys:
            w.sort(key)
        w.unknown_sort()
    shared = [
        f for f in query.filters if not f.unique
    ]  # rows sharing a value: several pages of them
    if query.paging is not None and shared:
        w.pages(shared[0], query.sort)
    return w.text(), f"tests for the filters and sort: {', '.join(w.covered)}"


class _QueryWriter(_Writer):
    """The writer of the CRUD tests, with the helpers and cases of the list's query parameters."""

    def helpers(self, query: QueryTests, listing: Route, create: Route) -> None:
        self.listing, self.covered = self._guarded(listing), []
        self.by_name = {f.column_name: f for f in self.fields}
        wait, define = ("await ", "async def") if self.is_async else ("", "def")
        client = self.t.client_fixture or "client"
        if any(f.type == "decimal" for f in self.fields):
            self.lines[0:0] = ["from decimal import Decimal", ""]
        self.lines.append(
            "MADE = []  # every row the tests made: unique values differ by their count"
        )
        unique = [f.column_name for f in self.fields if f.unique and f.type in ("str", "text")]
        self.lines += [
            "",
            "",
            "def rows_of(body):",
            '    """The rows of a list answer, bare or in an envelope."""',
            "    return body if isinstance(body, list) else next(v for v in body.values() if isinstance(v, list))",
            "",
            "",
            f"{define} create({client}, headers, **changes):",
            '    """A row made through the API, PAYLOAD with `changes`."""',
            "    payload = {**PAYLOAD, **changes}",
        ]
        # unique values differ from row to row, so one test can make several rows
        for name in unique:
            self.lines += [
                f'    if "{name}" not in changes:',
                f'        payload["{name}"] = f"{{payload[\'{name}\']}} {{len(MADE)}}"',
            ]
        self.lines += [
            f'    response = {wait}{client}.post(app.url_path_for("{create.function}"), json=payload, headers=headers)',
            f"    assert response.status_code == {create.status}, response.text",
            f"    MADE.append(response{self.body})",
            "    return MADE[-1]",
        ]
        self.lines += [
            "",
            "",
            f"{define} fetch_all({client}, headers, **params):",
            '    """Every row the list answers for `params`, following its pages."""',
            "    rows = []",
        ]
        paging = query.paging
        if paging is not None and paging[2] is not None:
            self.lines.append(
                f'    params = {{**params, "{paging[2]}": 2}}  # small pages: several of them'
            )
        self.lines += [
            "    for _ in range(100):  # a list that never runs out of pages fails, not hangs",
            f'        response = {wait}{client}.get(app.url_path_for("{listing.function}"), params=params, headers=headers)',
            "        assert response.status_code == 200, response.text",
            "        page = rows_of(response.json())",
            "        rows += page",
        ]
        if paging is None or paging[2] is None:
            self.lines.append("        return rows")
        elif paging[0] == "cursor":
            # no cursor field: a bare list's next cursor is in the header --pagination writes
            keys = "".join(f'["{k}"]' for k in query.cursor_key.split(".")) if query.cursor_key else None
            read = f"response.json(){keys}" if keys else 'response.headers.get("X-Next-Cursor")'
            self.lines += [
                f'        params["{paging[1]}"] = {read}',
                f'        if params["{paging[1]}"] is None:',
                "            return rows",
            ]
        else:
            step = "2" if paging[0] == "offset" else "1"
            start = "0" if paging[0] == "offset" else str(query.first_page)
            self.lines += [
                "        if len(page) < 2:",
                "            return rows",
                f'        params["{paging[1]}"] = params.get("{paging[1]}", {start}) + {step}',
            ]
        if paging is not None and paging[2] is not None:
            self.lines.append('    raise AssertionError("the list never ran out of pages")')

    def _headers(self) -> str:
        found = self._fixtures(self.listing)
        return found[0] if found else "None"

    def _start(self, name: str) -> tuple[str, str]:
        """The test's `def` line, and the arguments every helper call starts with."""
        client = self.t.client_fixture or "client"
        return self._def(name, self.listing), f"{client}, {self._headers()}"

    def _key(self, field: FieldSpec | None, value: str) -> str:
        """`value` (code reading a JSON value) as something that compares like the column."""
        return f"Decimal({value})" if field is not None and field.type == "decimal" else value

    def exact(self, field: FieldSpec) -> None:
        name, wait = field.column_name, "await " if self.is_async else ""
        line, args = self._start(f"test_filter_{self.n.plural_snake}_by_{name}")
        self.lines += [
            "",
            "",
            line,
            f"    wanted = {wait}create({args}, {name}={sample(field)})",
            f"    other = {wait}create({args}, {name}={sample(field, second=True)})",
            f'    rows = {wait}fetch_all({args}, {name}=wanted["{name}"])',
            '    ids = [row["id"] for row in rows]',
            '    assert wanted["id"] in ids and other["id"] not in ids',
            f'    assert all(row["{name}"] == wanted["{name}"] for row in rows)',
        ]
        self.covered.append(f"filter {name}")

    def range(self, field: FieldSpec, ranges: RangeNaming) -> None:
        name, wait = field.column_name, "await " if self.is_async else ""
        low, high = ranges.low(name), ranges.high(name)
        line, args = self._start(f"test_filter_{self.n.plural_snake}_by_{name}_range")
        key = self._key(field, f'row["{name}"]')
        self.lines += [
            "",
            "",
            line,
            f"    made = [{wait}create({args}, {name}=value) for value in ({sample(field)}, {sample(field, second=True)})]",
            f"    small, large = sorted(made, key=lambda row: {key})",
            f'    above = {wait}fetch_all({args}, {low}=large["{name}"])',
            '    assert large["id"] in [row["id"] for row in above] and small["id"] not in [row["id"] for row in above]',
            f"    assert all({key} >= {self._key(field, f'large[{chr(34)}{name}{chr(34)}]')} for row in above)",
            f'    below = {wait}fetch_all({args}, {high}=small["{name}"])',
            '    assert small["id"] in [row["id"] for row in below] and large["id"] not in [row["id"] for row in below]',
            f"    assert all({key} <= {self._key(field, f'small[{chr(34)}{name}{chr(34)}]')} for row in below)",
        ]
        self.covered.append(f"{low}/{high}")

    def sort(self, key: str) -> None:
        wait = "await " if self.is_async else ""
        field = self.by_name.get(key)
        line, args = self._start(f"test_sort_{self.n.plural_snake}_by_{key}")
        # a tie shows the list breaks it by id; a unique column has none to show (a repeat is a 409)
        values = (
            (sample(field), sample(field, second=True), *(() if field.unique else (sample(field),)))
            if field is not None
            else ()
        )
        made = (
            f"    for value in ({', '.join(values)}):\n        {wait}create({args}, {key}=value)"
            if field is not None
            else f"    for _ in range(3):\n        {wait}create({args})"
        )
        self.lines += [
            "",
            "",
            line,
            made,
            f'    for sort, descending in (("{key}", False), ("-{key}", True)):',
            f"        rows = {wait}fetch_all({args}, sort=sort)",
            "        # ties keep the id order, both ways: the list breaks them by id",
            '        by_id = sorted(rows, key=lambda row: row["id"])',
            f"        expected = sorted(by_id, key=lambda row: {self._key(field, f'row[{chr(34)}{key}{chr(34)}]')}, reverse=descending)",
            '        assert [row["id"] for row in rows] == [row["id"] for row in expected]',
        ]
        self.covered.append(f"sort {key} both ways")

    def unknown_sort(self) -> None:
        client = self.t.client_fixture or "client"
        wait = "await " if self.is_async else ""
        line, _ = self._start(f"test_sort_{self.n.plural_snake}_by_an_unknown_key_is_422")
        self.lines += [
            "",
            "",
            line,
            f'    response = {wait}{client}.get(app.url_path_for("{self.listing.function}"), params={{"sort": "no_such_key"}}, headers={self._headers()})',
            "    assert response.status_code == 422",
        ]
        self.covered.append("unknown sort key 422")

    def pages(self, field: FieldSpec, sort: Sort | None) -> None:
        name, wait = field.column_name, "await " if self.is_async else ""
        line, args = self._start(
            f"test_pages_of_filtered_{self.n.plural_snake}_neither_skip_nor_repeat"
        )
        order = f', sort="-{sort.keys[0]}"' if sort is not None else ""
        self.lines += [
            "",
            "",
            line,
            f"    wanted = [{wait}create({args}, {name}={sample(field)}) for _ in range(5)]",
            f"    {wait}create({args}, {name}={sample(field, second=True)})",
            f'    rows = {wait}fetch_all({args}, {name}=wanted[0]["{name}"]{order})',
            '    ids = [row["id"] for row in rows]',
            "    assert len(ids) == len(set(ids))",
            '    assert {row["id"] for row in wanted} <= set(ids)',
            f'    assert all(row["{name}"] == wanted[0]["{name}"] for row in rows)',
        ]
        self.covered.append("paging under a filter")
