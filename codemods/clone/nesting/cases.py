"""Tests of the nesting itself, written from the clone's own test that reads one row.

From the (already nested) test reading a row,
    async def test_get_review(client, auth_headers, review: Review):
        response = await client.get(f"/items/{review.item_id}/reviews/{review.id}", headers=auth_headers)
        ...
four tests are added, with its decorators, fixtures and request style:
    test_get_review_of_missing_item_returns_404      (the parent's key is one no row has)
    test_get_review_of_other_item_returns_404        (the row, asked for under another parent)
    test_list_reviews_of_missing_item_returns_404
    test_list_reviews_of_other_item_leaves_it_out    (another parent's list is not this one's)
`found` says whether the test to start from was there.
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from codemods import matching as m


class RowCases(cst.CSTTransformer):
    """Append, once, the four tests written from the first test that reads a row under its
    parent; a subclass says which request that is (`_row_request`) and writes them (`_cases`)."""

    found = False

    def _candidate(self, test: cst.FunctionDef) -> bool:
        """Whether `test` may be the one to start from."""
        return test.name.value.startswith("test")

    def _row_request(self, test: cst.FunctionDef) -> Any:
        """The request reading one row (a statement, or where it stands), None if it has none."""
        raise NotImplementedError

    def _cases(self, test: cst.FunctionDef, request: Any) -> list[cst.FunctionDef]:
        raise NotImplementedError

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        defined = {s.name.value for s in updated.body if isinstance(s, cst.FunctionDef)}
        for stmt in updated.body:
            if isinstance(stmt, cst.FunctionDef) and self._candidate(stmt):
                request = self._row_request(stmt)
                if request is not None:
                    self.found = True
                    new = [t for t in self._cases(stmt, request) if t.name.value not in defined]
                    return updated.with_changes(body=[*updated.body, *new])
        return updated


class ParentCases(RowCases):
    """Append the four tests above, once."""

    def __init__(
        self,
        segment: str,
        parent_segment: str,
        row_fixture: str,
        other_fixture: str,
        parent_annotation: str | None,
        missing_key: str,
        plural_snake: str,
        parent_snake: str,
    ) -> None:
        super().__init__()
        self.segment, self.parent_segment = segment, parent_segment
        self.row_fixture, self.other_fixture = row_fixture, other_fixture
        self.parent_annotation, self.missing = parent_annotation, missing_key
        self.plural, self.parent = plural_snake, parent_snake

    def _row_request(self, test: cst.FunctionDef) -> cst.SimpleStatementLine | None:
        """The statement of `test` GETting one row under its parent, when it takes the row fixture."""
        if not any(p.name.value == self.row_fixture for p in test.params.params):
            return None
        for stmt in test.body.body:
            call = m.findall(
                stmt,
                m.Call(
                    func=m.Attribute(attr=m.Name("get")),
                    args=[m.Arg(m.FormattedString()), m.ZeroOrMore()],
                ),
            )
            if (
                isinstance(stmt, cst.SimpleStatementLine)
                and call
                and self._parent_expr(call[0].args[0].value) is not None
            ):
                return stmt
        return None

    def _parent_expr(self, url: cst.FormattedString) -> int | None:
        """Index of the part holding the parent's key, right after `/parent_segment/`."""
        parts = url.parts
        for i, part in enumerate(parts[:-2]):
            if (
                isinstance(part, cst.FormattedStringText)
                and part.value.endswith(f"/{self.parent_segment}/")
                and isinstance(parts[i + 1], cst.FormattedStringExpression)
                and isinstance(parts[i + 2], cst.FormattedStringText)
                and parts[i + 2].value.startswith(f"/{self.segment}/")
            ):
                return i + 1
        return None

    def _cases(
        self, test: cst.FunctionDef, request: cst.SimpleStatementLine
    ) -> list[cst.FunctionDef]:
        name = test.name.value
        response = _target(request) or "response"
        missing, other = (
            cst.parse_expression(self.missing),
            cst.parse_expression(f"{self.other_fixture}.id"),
        )
        return [
            self._test(
                test,
                f"{name}_of_missing_{self.parent}_returns_404",
                False,
                [
                    self._request(request, missing, False, response),
                    f"assert {response}.status_code == 404",
                ],
            ),
            self._test(
                test,
                f"{name}_of_other_{self.parent}_returns_404",
                True,
                [
                    self._request(request, other, False, response),
                    f"assert {response}.status_code == 404",
                ],
            ),
            self._test(
                test,
                f"test_list_{self.plural}_of_missing_{self.parent}_returns_404",
                False,
                [
                    self._request(request, missing, True, response),
                    f"assert {response}.status_code == 404",
                ],
            ),
            self._test(
                test,
                f"test_list_{self.plural}_of_other_{self.parent}_leaves_it_out",
                True,
                [
                    self._request(request, None, True, "own"),
                    self._request(request, other, True, "other"),
                    "assert own.status_code == 200",
                    "assert other.status_code == 200",
                    "assert other.json() != own.json()",
                ],
            ),
        ]

    def _request(
        self,
        request: cst.SimpleStatementLine,
        parent: cst.BaseExpression | None,
        collection: bool,
        target: str,
    ) -> cst.SimpleStatementLine:
        """The row request, under another parent key and/or for the collection, bound to `target`."""
        outer = self

        class _Url(cst.CSTTransformer):
            def leave_FormattedString(
                self, original, updated: cst.FormattedString
            ) -> cst.BaseExpression:
                at = outer._parent_expr(updated)
                if at is None:
                    return updated
                parts = list(updated.parts)
                if parent is not None:
                    parts[at] = parts[at].with_changes(expression=parent)
                if collection:
                    parts = [*parts[: at + 1], cst.FormattedStringText(f"/{outer.segment}")]
                parts = _literal_inline(parts)
                if len(parts) == 1 and isinstance(
                    parts[0], cst.FormattedStringText
                ):  # nothing left to format
                    text = parts[0].value.replace("{{", "{").replace("}}", "}")
                    return cst.SimpleString(f"{updated.start[1:]}{text}{updated.end}")
                return updated.with_changes(parts=parts)

        stmt = request.visit(_Url())
        small = stmt.body[0]
        value = small.value if isinstance(small, (cst.Assign, cst.Expr)) else None
        if value is None:
            return stmt
        line = cst.Assign([cst.AssignTarget(cst.Name(target))], value)
        return stmt.with_changes(body=[line], leading_lines=[])

    def _test(self, test: cst.FunctionDef, name: str, other: bool, body: list) -> cst.FunctionDef:
        params = list(test.params.params)
        if other:
            typed = any(p.annotation is not None for p in params)
            annotation = (
                cst.Annotation(cst.Name(self.parent_annotation))
                if typed and self.parent_annotation
                else None
            )
            params.append(cst.Param(cst.Name(self.other_fixture), annotation))
        params = [p.with_changes(comma=cst.MaybeSentinel.DEFAULT) for p in params]
        lines = [s if isinstance(s, cst.BaseStatement) else cst.parse_statement(s) for s in body]
        return test.with_changes(
            name=cst.Name(name),
            params=test.params.with_changes(params=params),
            body=test.body.with_changes(body=lines),
            leading_lines=[cst.EmptyLine(), cst.EmptyLine()],
        )


def _literal_inline(parts: list) -> list:
    """`{999999999}` in an f-string written as text, joined to the text around it."""
    out: list = []
    for part in parts:
        if isinstance(part, cst.FormattedStringExpression) and isinstance(
            part.expression, (cst.Integer, cst.SimpleString)
        ):
            value = (
                part.expression.value
                if isinstance(part.expression, cst.Integer)
                else part.expression.evaluated_value
            )
            part = cst.FormattedStringText(str(value).replace("{", "{{").replace("}", "}}"))
        if (
            isinstance(part, cst.FormattedStringText)
            and out
            and isinstance(out[-1], cst.FormattedStringText)
        ):
            out[-1] = cst.FormattedStringText(out[-1].value + part.value)
        else:
            out.append(part)
    return out


def _target(stmt: cst.SimpleStatementLine) -> str | None:
    small = stmt.body[0]
    if isinstance(small, cst.Assign) and isinstance(small.targets[0].target, cst.Name):
        return small.targets[0].target.value
    return None
