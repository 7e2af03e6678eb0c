"""Tests of the nesting, where tests make rows (and parents) through the routes.

From the (already nested, see route_parent) test reading one row,
    def test_read_review(client, guards_off):
        tier_id = new_tier(client)
        created = client.post(app.url_path_for("write_review", tier_id=str(tier_id)), json=PAYLOAD)
        assert created.status_code == 201, created.text
        key = created.json()["id"]
        response = client.get(app.url_path_for("read_review", tier_id=str(tier_id), id=str(key)))
        ...
four tests are added, with its parameters and request style:
    test_read_review_of_missing_tier_returns_404     (the row, asked for under a key no row has)
    test_read_review_of_other_tier_returns_404       (the row, asked for under another parent)
    test_list_reviews_of_missing_tier_returns_404
    test_list_reviews_of_other_tier_leaves_it_out    (another parent's list is not this one's)
`found` says whether the test to start from was there.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.cases import RowCases
from codemods.clone.nesting.lookup_key import variable_uses
from codemods.clone.nesting.nodes import find_names
from codemods.clone.nesting.others_parent import sent_by_other


class RouteParentCases(RowCases):
    """Append the four tests above, once."""

    def __init__(
        self,
        get_route: str,
        list_route: str,
        key: str,
        missing: str,
        helper: str,
        parent_snake: str,
        plural_snake: str,
    ) -> None:
        super().__init__()
        self.get_route, self.list_route, self.key = get_route, list_route, key
        self.missing, self.helper = missing, helper
        self.parent, self.plural = parent_snake, plural_snake

    def _row_request(self, test: cst.FunctionDef) -> int | None:
        """Where the test GETs one row under the parent it made, as the user who made it, if it
        does."""
        lines = test.body.body
        made = any(self._making(s) for s in lines)
        owners = self._owners(lines)
        for i, stmt in enumerate(lines):
            if sent_by_other(stmt, self.key, owners):
                continue
            if made and m.matches(stmt, m.SimpleStatementLine([m.Assign()])):
                url = _url(stmt)
                if (
                    url is not None
                    and _route(url) == self.get_route
                    and _key_arg(url, self.key) is not None
                    and m.findall(stmt, m.Attribute(attr=m.Name("get")))
                ):
                    return i
        return None

    def _making(self, stmt: cst.BaseStatement) -> bool:
        return m.matches(
            stmt,
            m.SimpleStatementLine([m.Assign([m.AssignTarget(m.Name(self.key))])]),
        ) and bool(m.findall(stmt, m.Call(func=m.Name(self.helper))))

    def _owners(self, lines) -> set[str]:
        """The arguments the test makes its parent with (the credentials among them)."""
        making = next((s for s in lines if self._making(s)), None)
        calls = m.findall(making, m.Call(func=m.Name(self.helper))) if making is not None else []
        return {
            cst.Module([]).code_for_node(a.value)
            for c in calls
            if isinstance(c, cst.Call)
            for a in c.args
        }

    def _cases(self, test: cst.FunctionDef, at: int) -> list[cst.FunctionDef]:
        lines = list(test.body.body)
        setup, request = _own(lines[:at], self.key, self._owners(lines)), lines[at]
        other_key = f"other_{self.key}"
        making = next(s for s in setup if self._making(s))
        other = making.visit(_Target(self.key, other_key))
        with_other = [*setup[: setup.index(making) + 1], other, *setup[setup.index(making) + 1 :]]
        target = _target(request)
        missing, own, another = f"str({self.missing})", f"str({self.key})", f"str({other_key})"
        name = test.name.value
        return [
            _test(
                test,
                f"{name}_of_missing_{self.parent}_returns_404",
                [
                    *setup,
                    _request(request, self.key, missing),
                    f"assert {target}.status_code == 404",
                ],
            ),
            _test(
                test,
                f"{name}_of_other_{self.parent}_returns_404",
                [
                    *with_other,
                    _request(request, self.key, another),
                    f"assert {target}.status_code == 404",
                ],
            ),
            _test(
                test,
                f"test_list_{self.plural}_of_missing_{self.parent}_returns_404",
                [
                    _request(request, self.key, missing, self.list_route),
                    f"assert {target}.status_code == 404",
                ],
            ),
            _test(
                test,
                f"test_list_{self.plural}_of_other_{self.parent}_leaves_it_out",
                [
                    *with_other,
                    _request(request, self.key, own, self.list_route, "own"),
                    _request(request, self.key, another, self.list_route, "other"),
                    "assert own.status_code == 200",
                    "assert other.status_code == 200",
                    "assert other.json() != own.json()",
                ],
            ),
        ]


def _own(setup: list[cst.BaseStatement], key: str, owners: set[str]) -> list[cst.BaseStatement]:
    """The setup without requests another user sends under the parent, and what reads them."""
    out, foreign = [], set()
    for stmt in setup:
        if sent_by_other(stmt, key, owners):
            foreign.add(_target(stmt) or "")
        elif not any(n.value in foreign for n in find_names(stmt)):
            out.append(stmt)
    return out


def _test(test: cst.FunctionDef, name: str, body: list) -> cst.FunctionDef:
    lines = [s if isinstance(s, cst.BaseStatement) else cst.parse_statement(s) for s in body]
    lines = _used(lines)
    lines = [s.with_changes(leading_lines=[]) for s in lines]
    return test.with_changes(
        name=cst.Name(name),
        body=test.body.with_changes(body=lines),
        leading_lines=[cst.EmptyLine(), cst.EmptyLine()],
    )


def _used(lines: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """The lines without assignments nothing after them reads (the row's key, in a list test)."""
    out = list(lines)
    for i in range(len(out) - 1, -1, -1):
        target = _target(out[i])
        # a request or a helper's call is kept for what it does; `key = created.json()["id"]` goes
        if (
            target is not None
            and not any(variable_uses(s, target) for s in out[i + 1 :])
            and _url(out[i]) is None
            and not m.findall(out[i], m.Call(func=m.Name()))
        ):
            del out[i]
    return out


def _request(
    stmt: cst.BaseStatement,
    key: str,
    value: str,
    route: str | None = None,
    target: str | None = None,
) -> cst.BaseStatement:
    """The row's request with the parent key `value`; for `route`, the collection's, without the
    row's parameters; bound to `target`."""
    url = _url(stmt)
    assert url is not None
    args = [
        a.with_changes(value=cst.parse_expression(value))
        if a.keyword and a.keyword.value == key
        else a
        for a in url.args
    ]
    if route is not None:
        args = [a for a in args if a.keyword is None or a.keyword.value == key]
        args[0] = args[0].with_changes(value=cst.SimpleString(f'"{route}"'))
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    new = stmt.deep_replace(url, url.with_changes(args=args))
    if target is not None:
        assign = new.body[0]
        new = new.with_changes(
            body=[assign.with_changes(targets=[cst.AssignTarget(cst.Name(target))])]
        )
    return new


def _url(stmt: cst.BaseStatement) -> cst.Call | None:
    found = m.findall(
        stmt,
        m.Call(
            func=m.Attribute(attr=m.Name("url_path_for")),
            args=[m.Arg(m.SimpleString()), m.ZeroOrMore()],
        ),
    )
    return next((f for f in found if isinstance(f, cst.Call)), None)  # every one is, as matched


def _route(url: cst.Call) -> str | None:
    name = url.args[0].value
    value = name.evaluated_value if isinstance(name, cst.SimpleString) else None
    return value if isinstance(value, str) else None  # a bytes literal names no route


def _key_arg(url: cst.Call, key: str) -> cst.Arg | None:
    return next((a for a in url.args if a.keyword and a.keyword.value == key), None)


def _target(stmt: cst.BaseStatement) -> str | None:
    small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 else None
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        return small.targets[0].target.value
    return None


class _Target(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def leave_AssignTarget(
        self, original: cst.AssignTarget, updated: cst.AssignTarget
    ) -> cst.AssignTarget:
        if m.matches(updated.target, m.Name(self.old)):
            return updated.with_changes(target=cst.Name(self.new))
        return updated
