"""Tests for `--pagination`: written from the routes the resource serves.

Rows are made through the create route and the list is read back page after page the way it
now pages, so the tests see what a client sees: the pages neither skip nor repeat a row, a page
size past the bound is a 422, a cursor the API did not write is a 4xx, and an unpaged list
returns every row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codemods.clone.query_tests import QueryTests, _QueryWriter, start_writer
from codemods.clone.route_tests import Route, headers_sent, routes_of
from codemods.list_site import ListSite, function_names
from detectors.project import is_test_path
from detectors.range_params import RangeNaming
from detectors.resources import app_instance

if TYPE_CHECKING:  # pagination writes these tests: imported at run time it would be a cycle
    from codemods.pagination import Paging

# cursors this API never wrote: not base64, base64 of no JSON, of text where a number goes
# (and too few values), of too many values, of an object
FORGED = ("not a cursor!", "bm90IGpzb24", "WyJ4Il0=", "WzEsIDIsIDMsIDQsIDUsIDYsIDcsIDgsIDld", "eyJpZCI6IDF9")


def write_pagination_tests(edits, site: ListSite, paging: Paging, cursor_key: str | None, spec, index, conv, key_type: str):
    """(the test module's text or None, the line saying what it covers, its directory)."""
    # the next cursor comes back in the envelope field `cursor_key`, else in the X-Next-Cursor header
    router = edits[site.router]
    before = function_names(router.old) if router.old else set()
    routes = [r for r in routes_of(router.new, conv.auth.dependency, conv.auth.param) if r.function not in before]
    listing = next((r for r in routes if r.function == site.route.name), None)
    create = next((r for r in routes if r.op == "create"), None)
    own = [e for e in edits if e.created and is_test_path(e.path) and spec.names.plural_snake in e.path]
    directory = own[0].path.rsplit("/", 1)[0] if own else (conv.tests.module_directory or conv.tests.directory)
    if directory is None or listing is None:
        return None, "no tests for the pagination: the project has no test directory", None
    app = app_instance(index, conv.app.factory) if conv.app.factory else (
        (conv.app.module, conv.app.variable) if conv.app.module and conv.app.variable else None
    )
    envelope = conv.response.keys[0] if conv.response.wrapper == "envelope" and conv.response.keys else None
    text, note = pages_tests_text(
        paging, cursor_key, listing, create, spec.names, spec.fields, app, conv.tests, key_type,
        envelope, headers_sent(own[0].new if own else ""),
    )
    return text, note, directory


def pages_tests_text(
    paging: Paging, cursor_key, listing: Route, create: Route | None, names, fields, app, tests,
    key_type: str, envelope: str | None = None, sent_by_tests: str | None = None,
) -> tuple[str | None, str]:
    """The test module's text (None when it cannot be written) and a line saying what it covers."""
    w, refused = start_writer(
        _PagesWriter, "the pagination", QueryTests((), None, None, None, RangeNaming()), listing, create,
        names, fields, app, tests, key_type, envelope, sent_by_tests,
    )
    if w is None:
        return None, refused
    w.drop_fetch_all()
    if paging.style == "none":
        w.every_row()
    else:
        w.walk(paging, cursor_key)
        w.no_skip_no_repeat(paging)
        w.past_bound(paging)
        if paging.style == "cursor":
            w.forged(paging)
    return w.text(), f"tests for the pagination: {', '.join(w.covered)}"


class _PagesWriter(_QueryWriter):
    """The writer of the filter and sort tests, with a walk through the pages and their cases."""

    def drop_fetch_all(self) -> None:
        """Leave out the filters' `fetch_all`, the last helper written: `walk` pages instead."""
        at = next(i for i, line in enumerate(self.lines) if "def fetch_all(" in line)
        del self.lines[at - 2:]

    def walk(self, paging: Paging, cursor_key: str | None) -> None:
        wait, define = ("await ", "async def") if self.is_async else ("", "def")
        client = self.t.client_fixture or "client"
        self.lines += [
            "",
            "",
            f"{define} walk({client}, headers, size):",
            '    """Every row of the list, read page after page of `size` rows."""',
            f'    rows, params = [], {{"{paging.size}": size}}',
            "    for _ in range(200):  # a list that never runs out of pages fails, not hangs",
            f'        response = {wait}{client}.get(app.url_path_for("{self.listing.function}"), params=params, headers=headers)',
            "        assert response.status_code == 200, response.text",
            "        page = rows_of(response.json())",
            "        assert len(page) <= size",
            "        rows += page",
        ]
        if paging.style == "cursor":
            read = f'response.json()["{cursor_key}"]' if cursor_key else 'response.headers.get("X-Next-Cursor")'
            self.lines += [
                f"        cursor = {read}",
                "        if cursor is None:",
                "            return rows",
                f'        params["{paging.page}"] = cursor',
            ]
        else:
            start, step = ("0", "size") if paging.style == "offset" else ("1", "1")
            self.lines += [
                "        if len(page) < size:",
                "            return rows",
                f'        params["{paging.page}"] = params.get("{paging.page}", {start}) + {step}',
            ]
        self.lines.append('    raise AssertionError("the list never ran out of pages")')

    def no_skip_no_repeat(self, paging: Paging) -> None:
        wait = "await " if self.is_async else ""
        line, args = self._start(f"test_pages_of_{self.n.plural_snake}_neither_skip_nor_repeat")
        self.lines += [
            "",
            "",
            line,
            f"    made = [{wait}create({args}) for _ in range(5)]",
            "    for size in (1, 2, 3):",
            f"        rows = {wait}walk({args}, size)",
            '        ids = [row["id"] for row in rows]',
            "        assert len(ids) == len(set(ids))",
            '        assert {row["id"] for row in made} <= set(ids)',
        ]
        self.covered.append(f"{paging.style} pages neither skip nor repeat")

    def past_bound(self, paging: Paging) -> None:
        client, wait = self.t.client_fixture or "client", "await " if self.is_async else ""
        line, _ = self._start(f"test_{self.n.plural_snake}_page_size_past_the_bound_is_422")
        self.lines += [
            "",
            "",
            line,
            f'    response = {wait}{client}.get(app.url_path_for("{self.listing.function}"), params={{"{paging.size}": {paging.bound + 1}}}, headers={self._headers()})',
            "    assert response.status_code == 422",
        ]
        self.covered.append(f"{paging.size} past {paging.bound} 422")

    def forged(self, paging: Paging) -> None:
        client, wait = self.t.client_fixture or "client", "await " if self.is_async else ""
        line, args = self._start(f"test_{self.n.plural_snake}_malformed_cursor_is_4xx")
        self.lines += [
            "",
            "",
            line,
            f"    {wait}create({args})",
            f"    for cursor in {FORGED!r}:",
            f'        response = {wait}{client}.get(app.url_path_for("{self.listing.function}"), params={{"{paging.page}": cursor}}, headers={self._headers()})',
            "        assert response.status_code in (400, 422), response.text",
        ]
        self.covered.append("malformed cursor 4xx")

    def every_row(self) -> None:
        client, wait = self.t.client_fixture or "client", "await " if self.is_async else ""
        line, args = self._start(f"test_list_of_{self.n.plural_snake}_is_every_row")
        self.lines += [
            "",
            "",
            line,
            f"    made = [{wait}create({args}) for _ in range(3)]",
            '    params = {"skip": 1, "limit": 1, "page": 2, "size": 1}  # paging parameters are not read',
            f'    response = {wait}{client}.get(app.url_path_for("{self.listing.function}"), params=params, headers={self._headers()})',
            "    assert response.status_code == 200, response.text",
            '    ids = [row["id"] for row in rows_of(response.json())]',
            "    assert len(ids) == len(set(ids))",
            '    assert {row["id"] for row in made} <= set(ids)',
        ]
        self.covered.append("every row in one answer")
