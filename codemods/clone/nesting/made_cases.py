"""Tests of the nesting, where each test makes its parent (with a helper), no fixture gives one.

From the (already nested) test reading one row under a parent it made,
    async def test_get_review(client, auth_headers):
        customer = await create_customer(client, auth_headers)
        review = await create_review(client, auth_headers, customer=customer)
        response = await client.get(f"/customers/{customer['id']}/reviews/{review['id']}", headers=auth_headers)
        assert response.json() == review
four tests are added, with its parameters and request style, the second parent made as the first:
    test_get_review_of_missing_customer_returns_404   (the parent's key is one no row has)
    test_get_review_of_other_customer_returns_404     (the row, asked for under another parent)
    test_list_reviews_of_missing_customer_returns_404
    test_list_reviews_of_other_customer_leaves_it_out (another parent's list is not this one's)
A row the test makes and no line after it reads is still made (`await create_review(...)`).
The URL rewriting is ParentCases' (cases.py); `found` says whether the test to start from was there.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.cases import ParentCases
from codemods.clone.nesting.lookup_key import variable_uses
from codemods.clone.nesting.nodes import find_calls, named_assign


class MadeParentCases(ParentCases):
    """Append the four tests above, once; `variable` holds the parent the tests make."""

    def __init__(
        self,
        segment: str,
        parent_segment: str,
        variable: str,
        missing_key: str,
        plural_snake: str,
        parent_snake: str,
    ) -> None:
        super().__init__(
            segment,
            parent_segment,
            variable,
            f"other_{variable}",
            None,
            missing_key,
            plural_snake,
            parent_snake,
        )
        self.variable = variable

    def _row_request(self, test: cst.FunctionDef) -> cst.SimpleStatementLine | None:
        """The statement of `test` GETting one row under the parent the test made before it."""
        made = False
        for stmt in test.body.body:
            if self._making(stmt):
                made = True
                continue
            if not made or not isinstance(stmt, cst.SimpleStatementLine):
                continue
            url = _row_url(stmt)
            key = self._parent_key(url) if url is not None else None
            if key is not None and variable_uses(key, self.variable):
                return stmt
        return None

    def _parent_key(self, url: cst.FormattedString) -> cst.BaseExpression | None:
        """The expression of the URL's part holding the parent's key (`customer['id']`)."""
        at = self._parent_expr(url)
        part = url.parts[at] if at is not None else None
        return part.expression if isinstance(part, cst.FormattedStringExpression) else None

    def _making(self, stmt: cst.BaseStatement) -> bool:
        return m.matches(
            stmt, m.SimpleStatementLine([m.Assign([m.AssignTarget(m.Name(self.variable))])])
        )

    def _cases(
        self, test: cst.FunctionDef, request: cst.SimpleStatementLine
    ) -> list[cst.FunctionDef]:
        lines = list(test.body.body)
        setup = lines[: lines.index(request)]
        making = next(s for s in setup if self._making(s))
        assigned = named_assign(making)
        assert assigned is not None  # `_making`'s: `{variable} = ...`
        other_making = making.with_changes(
            body=[
                assigned[1].with_changes(targets=[cst.AssignTarget(cst.Name(self.other_fixture))])
            ],
            leading_lines=[],
        )
        at = setup.index(making) + 1
        with_other = [*setup[:at], other_making, *setup[at:]]
        url = _row_url(request)
        assert url is not None
        own = self._parent_key(url)
        assert own is not None  # `_row_request`'s
        other = own.visit(_Renamed(self.variable, self.other_fixture))
        assert isinstance(other, cst.BaseExpression)  # names renamed, inside it
        missing = cst.parse_expression(self.missing)
        response = _target(request) or "response"
        name = test.name.value
        bodies = {
            f"{name}_of_missing_{self.parent}_returns_404": [
                *setup,
                self._request(request, missing, False, response),
                f"assert {response}.status_code == 404",
            ],
            f"{name}_of_other_{self.parent}_returns_404": [
                *with_other,
                self._request(request, other, False, response),
                f"assert {response}.status_code == 404",
            ],
            f"test_list_{self.plural}_of_missing_{self.parent}_returns_404": [
                self._request(request, missing, True, response),
                f"assert {response}.status_code == 404",
            ],
            f"test_list_{self.plural}_of_other_{self.parent}_leaves_it_out": [
                *with_other,
                self._request(request, own, True, "own"),
                self._request(request, other, True, "other"),
                "assert own.status_code == 200",
                "assert other.status_code == 200",
                "assert other.json() != own.json()",
            ],
        }
        out = []
        for case, body in bodies.items():
            lines = [
                s if isinstance(s, cst.BaseStatement) else cst.parse_statement(s) for s in body
            ]
            made = self._test(test, case, False, _unread_dropped(lines))
            out.append(made)
        return out


def _row_url(stmt: cst.SimpleStatementLine) -> cst.FormattedString | None:
    """The f-string URL a statement GETs (`client.get(f"...")`), if it does."""
    found = find_calls(
        stmt,
        m.Call(
            func=m.Attribute(attr=m.Name("get")), args=[m.Arg(m.FormattedString()), m.ZeroOrMore()]
        ),
    )
    url = found[0].args[0].value if found else None
    return url if isinstance(url, cst.FormattedString) else None


def _target(stmt: cst.BaseStatement) -> str | None:
    named = named_assign(stmt)
    return named[0] if named is not None else None


def _unread_dropped(lines: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """The lines with each assignment nothing after it reads gone, or, where it calls something
    (the row made), kept as that call."""
    out = list(lines)
    for i in range(len(out) - 1, -1, -1):
        named = named_assign(out[i])
        if named is None or any(variable_uses(s, named[0]) for s in out[i + 1 :]):
            continue
        value = named[1].value
        if m.findall(value, m.Call()):
            out[i] = out[i].with_changes(body=[cst.Expr(value)])
        else:
            del out[i]
    return out


class _Renamed(cst.CSTTransformer):
    """Reads of the variable `old`, as `new`."""

    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)  # `customer.id`: `id` is no variable

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.new) if updated.value == self.old else updated
