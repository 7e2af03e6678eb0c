"""Tests of the nesting, where tests make rows (and parents) through URLs they write out.

From the (already nested, see url_parent) test reading one row,
    def test_read_review(client, normal_user_token_headers):
        item_id = new_item(client, normal_user_token_headers)
        created = client.post(f"{P}/items/{item_id}/reviews/", headers=..., json={"rating": 3}).json()
        response = client.get(f"{P}/items/{item_id}/reviews/{created['id']}", headers=...)
        ...
four tests are added, with its parameters and request style:
    test_read_review_of_missing_item_returns_404     (the row, asked for under a key no row has)
    test_read_review_of_other_item_returns_404       (the row, asked for under another parent)
    test_list_reviews_of_missing_item_returns_404
    test_list_reviews_of_other_item_leaves_it_out    (another parent's list is not this one's)
The list URL is the row's cut after the collection, ending as the tests' create URL does
(`/reviews/`). `found` says whether the test to start from was there.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.cases import RowCases
from codemods.clone.nesting.literal_url import collection, tail_after, with_parent
from codemods.clone.nesting.lookup_key import variable_uses
from codemods.clone.nesting.nodes import find_calls, named_assign
from codemods.clone.nesting.route_cases import _Target, _target


def _call(verb: str) -> m.Call:
    return m.Call(
        func=m.Attribute(attr=m.Name(verb)), args=[m.Arg(m.SimpleString() | m.FormattedString(), keyword=None), m.ZeroOrMore()]
    )


class UrlParentCases(RowCases):
    """Append the four tests above, once."""

    def __init__(
        self,
        segment: str,
        parent_segment: str,
        key: str,
        missing: str,
        helper: str,
        parent_snake: str,
        plural_snake: str,
    ) -> None:
        super().__init__()
        self.segment, self.parent_segment, self.key = segment, parent_segment, key
        self.missing, self.helper = missing, helper
        self.parent, self.plural = parent_snake, plural_snake

    def _row_request(self, test: cst.FunctionDef) -> int | None:
        """Where the test GETs one row under the parent it made, if it does."""
        lines = test.body.body
        if not any(self._making(s) for s in lines):
            return None
        for i, stmt in enumerate(lines):
            if _target(stmt) is None:
                continue
            for call in find_calls(stmt, _call("get")):
                url = call.args[0].value
                own = with_parent(url, self.segment, self.parent_segment, self.key)
                if own is not None and tail_after(url, self.segment) is None:
                    return i
        return None

    def _making(self, stmt: cst.BaseStatement) -> bool:
        return m.matches(
            stmt,
            m.SimpleStatementLine([m.Assign([m.AssignTarget(m.Name(self.key))])]),
        ) and bool(m.findall(stmt, m.Call(func=m.Name(self.helper))))

    def _cases(self, test: cst.FunctionDef, at: int) -> list[cst.FunctionDef]:
        lines = list(test.body.body)
        setup, request = lines[:at], lines[at]
        other_key = f"other_{self.key}"
        making = next(s for s in setup if self._making(s))
        other = making.visit(_Target(self.key, other_key))
        with_other = [*setup[: setup.index(making) + 1], other, *setup[setup.index(making) + 1 :]]
        target = _target(request)
        tail = next(
            (
                t
                for s in setup
                for c in find_calls(s, _call("post"))
                if (t := tail_after(c.args[0].value, self.segment)) is not None
            ),
            "",
        )
        row = self._request
        listing = self._listing
        name = test.name.value
        return [
            _test(
                test,
                f"{name}_of_missing_{self.parent}_returns_404",
                [*setup, row(request, self.missing, True), f"assert {target}.status_code == 404"],
            ),
            _test(
                test,
                f"{name}_of_other_{self.parent}_returns_404",
                [*with_other, row(request, other_key), f"assert {target}.status_code == 404"],
            ),
            _test(
                test,
                f"test_list_{self.plural}_of_missing_{self.parent}_returns_404",
                [listing(request, tail, self.missing, True), f"assert {target}.status_code == 404"],
            ),
            _test(
                test,
                f"test_list_{self.plural}_of_other_{self.parent}_leaves_it_out",
                [
                    *with_other,
                    listing(request, tail, self.key, False, "own"),
                    listing(request, tail, other_key, False, "other"),
                    "assert own.status_code == 200",
                    "assert other.status_code == 200",
                    "assert other.json() != own.json()",
                ],
            ),
        ]

    def _request(
        self, stmt: cst.BaseStatement, value: str, literal: bool = False
    ) -> cst.BaseStatement:
        """The row's request under the parent keyed `value`."""
        url = find_calls(stmt, _call("get"))[0].args[0]
        new = with_parent(url.value, self.segment, self.parent_segment, value, literal)
        assert new is not None
        requested = stmt.deep_replace(url, url.with_changes(value=new))
        assert isinstance(requested, cst.BaseStatement)  # the URL replaced, inside it
        return requested

    def _listing(
        self,
        stmt: cst.BaseStatement,
        tail: str,
        value: str,
        literal: bool,
        target: str | None = None,
    ) -> cst.BaseStatement:
        """The row's request made the list's: the collection's URL, under the parent keyed
        `value`, bound to `target`."""
        url = find_calls(stmt, _call("get"))[0].args[0]
        keyed = with_parent(url.value, self.segment, self.parent_segment, value, literal)
        listed = collection(keyed, self.segment, tail) if keyed is not None else None
        assert listed is not None
        new = stmt.deep_replace(url, url.with_changes(value=listed))
        assert isinstance(new, cst.BaseStatement)  # the URL replaced, inside it
        if target is not None:
            named = named_assign(new)
            assert named is not None  # `_row_request`'s: `response = client.get(...)`
            new = new.with_changes(
                body=[named[1].with_changes(targets=[cst.AssignTarget(cst.Name(target))])]
            )
        return new


def _test(test: cst.FunctionDef, name: str, body: list) -> cst.FunctionDef:
    lines = [s if isinstance(s, cst.BaseStatement) else cst.parse_statement(s) for s in body]
    lines = [s.with_changes(leading_lines=[]) for s in _used(lines)]
    return test.with_changes(
        name=cst.Name(name),
        body=test.body.with_changes(body=lines),
        leading_lines=[cst.EmptyLine(), cst.EmptyLine()],
    )


def _used(lines: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """The lines without assignments nothing after them reads: one making a call (a request, a
    helper's) is kept for what it does, its value unbound."""
    out = list(lines)
    for i in range(len(out) - 1, -1, -1):
        named = named_assign(out[i])
        if named is None or any(variable_uses(s, named[0]) for s in out[i + 1 :]):
            continue
        if m.findall(out[i], m.Call()):
            out[i] = out[i].with_changes(body=[cst.Expr(named[1].value)])
        else:
            del out[i]
    return out
