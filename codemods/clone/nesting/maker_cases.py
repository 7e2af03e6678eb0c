"""Tests of the nesting, where tests make parents with a helper of their module (`create_author`).

From the clone's (already nested) test reading one row,
    def test_read_review(client):
        author = create_author(client)
        review = create_review(client, author=author)
        response = client.get(f'/authors/{author["id"]}/reviews/{review["id"]}')
        assert response.status_code == 200
four tests are added, with its parameters, setup and request style:
    test_read_review_of_missing_author_returns_404     (the row, asked for under a key no row has)
    test_read_review_of_other_author_returns_404       (the row, asked for under another parent)
    test_list_reviews_of_missing_author_returns_404
    test_list_reviews_of_other_author_leaves_it_out    (another parent's list is not this one's)
The other parent is made by `other` (`create_author(client, email='other-ursula@example.com')`);
only tests named in `functions` (the clone's) are read. A row a test makes and nothing after
reads is still made (`create_review(client, author=author)`). `found` says whether the test to
start from was there.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.cases import RowCases
from codemods.clone.nesting.lookup_key import variable_uses
from codemods.clone.nesting.nodes import find_calls, named_assign


class MakerParentCases(RowCases):
    """Append the four tests above, once."""

    def __init__(
        self,
        segment: str,
        parent_segment: str,
        parent_key: str,
        other: str,
        missing: str,
        plural_snake: str,
        parent_snake: str,
        functions: frozenset[str],
        list_slash: bool = False,
    ) -> None:
        super().__init__()
        self.segment, self.parent_segment = segment, parent_segment
        self.parent_key = parent_key  # how the tests read the parent's key: `author["id"]`
        self.other, self.missing = other, missing
        self.plural, self.parent = plural_snake, parent_snake
        self.functions = functions
        self.list_slash = list_slash  # the collection's URL ends in `/` (`/reviews/`)

    def _candidate(self, test: cst.FunctionDef) -> bool:
        return test.name.value in self.functions and test.name.value.startswith("test")

    def _row_request(self, test: cst.FunctionDef) -> int | None:
        """Where the test GETs one row under its parent (`response = client.get(f'...')`)."""
        for i, stmt in enumerate(test.body.body):
            if not m.matches(stmt, m.SimpleStatementLine([m.Assign([m.AssignTarget(m.Name())])])):
                continue
            for call in find_calls(stmt, m.Call(func=m.Attribute(attr=m.Name("get")))):
                url = call.args[0].value if call.args else None
                if isinstance(url, cst.FormattedString) and self._key_part(url) is not None:
                    return i
        return None

    def _key_part(self, url: cst.FormattedString) -> int | None:
        """Index of the part holding the parent's key, in a URL of one row of the clone."""
        parts = url.parts
        for i, part in enumerate(parts[:-2]):
            key, after = parts[i + 1], parts[i + 2]
            if not (
                isinstance(part, cst.FormattedStringText)
                and part.value.endswith(f"/{self.parent_segment}/")
                and isinstance(key, cst.FormattedStringExpression)
                and _same(key.expression, self.parent_key)
                and isinstance(after, cst.FormattedStringText)
                and after.value.startswith(f"/{self.segment}/")
            ):
                continue
            if len(after.value) > len(self.segment) + 2 or i + 3 < len(parts):  # not the list's
                return i + 1
        return None

    def _cases(self, test: cst.FunctionDef, at: int) -> list[cst.FunctionDef]:
        lines = list(test.body.body)
        setup, request = lines[:at], lines[at]
        named = named_assign(request)
        assert named is not None  # `_row_request`'s `response = client.get(...)`
        target = named[0]
        other_row = f"other_{self.parent}"
        made = cst.parse_statement(f"{other_row} = {self.other}\n")
        other_key = self.parent_key.replace(self.parent, other_row, 1)
        name = test.name.value
        status = f"assert {target}.status_code == 404"
        return [
            _test(
                test,
                f"{name}_of_missing_{self.parent}_returns_404",
                [*setup, self._request(request, self.missing, False, target), status],
            ),
            _test(
                test,
                f"{name}_of_other_{self.parent}_returns_404",
                [*setup, made, self._request(request, other_key, False, target), status],
            ),
            _test(
                test,
                f"test_list_{self.plural}_of_missing_{self.parent}_returns_404",
                [self._request(request, self.missing, True, target), status],
            ),
            _test(
                test,
                f"test_list_{self.plural}_of_other_{self.parent}_leaves_it_out",
                [
                    *setup,
                    made,
                    self._request(request, None, True, "own"),
                    self._request(request, other_key, True, "other"),
                    "assert own.status_code == 200",
                    "assert other.status_code == 200",
                    "assert other.json() != own.json()",
                ],
            ),
        ]

    def _request(
        self, request: cst.SimpleStatementLine, key: str | None, collection: bool, target: str
    ) -> cst.SimpleStatementLine:
        """The row request, under another parent key and/or for the collection, bound to `target`."""
        outer = self

        class _Url(cst.CSTTransformer):
            def leave_FormattedString(
                self, original: cst.FormattedString, updated: cst.FormattedString
            ) -> cst.BaseExpression:
                at = outer._key_part(updated)
                if at is None:
                    return updated
                parts = list(updated.parts)
                if key is not None:
                    quoted = _quoted(key, updated.start[-1])
                    parts[at] = parts[at].with_changes(expression=cst.parse_expression(quoted))
                if collection:
                    tail = f"/{outer.segment}" + ("/" if outer.list_slash else "")
                    parts = [*parts[: at + 1], cst.FormattedStringText(tail)]
                parts = _literal_inline(parts)
                if len(parts) == 1 and isinstance(parts[0], cst.FormattedStringText):
                    text = parts[0].value.replace("{{", "{").replace("}}", "}")
                    return cst.SimpleString(f"{updated.start[1:]}{text}{updated.end}")
                return updated.with_changes(parts=parts)

        stmt = request.visit(_Url())
        assert isinstance(stmt, cst.SimpleStatementLine)  # `_Url` changes URLs only
        named = named_assign(stmt)
        assert named is not None
        line = cst.Assign([cst.AssignTarget(cst.Name(target))], named[1].value)
        return stmt.with_changes(body=[line], leading_lines=[])


def _test(test: cst.FunctionDef, name: str, body: list) -> cst.FunctionDef:
    lines = _used([s if isinstance(s, cst.BaseStatement) else cst.parse_statement(s) for s in body])
    return test.with_changes(
        name=cst.Name(name),
        body=test.body.with_changes(body=lines),
        leading_lines=[cst.EmptyLine(), cst.EmptyLine()],
    )


def _used(lines: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """The lines without assignments nothing after them reads (the row's key, in a list test):
    a call is kept for what it does (`create_review(client, author=author)`), its value dropped."""
    out = list(lines)
    for i in range(len(out) - 1, -1, -1):
        stmt = out[i]
        named = named_assign(stmt)
        if named is None:
            continue
        target, assign = named
        if any(variable_uses(s, target) for s in out[i + 1 :]):
            continue
        if m.findall(assign.value, m.Call()):
            out[i] = stmt.with_changes(body=[cst.Expr(assign.value)])
        else:
            del out[i]
    return out


def _quoted(expr: str, quote: str) -> str:
    """`expr` with its strings quoted unlike the f-string it goes in: before Python 3.12 a string
    in an f-string may not use the f-string's quote."""
    return expr.replace(quote, "'" if quote == '"' else '"')


def _same(node: cst.BaseExpression, code: str) -> bool:
    """Whether the expression is `code`, whatever quotes its strings use."""
    return cst.Module([]).code_for_node(node).replace("'", '"') == code.replace("'", '"')


def _literal_inline(parts: list) -> list:
    """A literal key (`{999999999}`) written as text, joined to the text around it."""
    out: list = []
    for part in parts:
        if isinstance(part, cst.FormattedStringExpression) and isinstance(
            part.expression, cst.Integer
        ):
            part = cst.FormattedStringText(part.expression.value)
        elif isinstance(part, cst.FormattedStringExpression) and isinstance(
            part.expression, cst.SimpleString
        ):
            text = str(part.expression.evaluated_value)
            part = cst.FormattedStringText(text.replace("{", "{{").replace("}", "}}"))
        if (
            out
            and isinstance(part, cst.FormattedStringText)
            and isinstance(out[-1], cst.FormattedStringText)
        ):
            out[-1] = cst.FormattedStringText(out[-1].value + part.value)
        else:
            out.append(part)
    return out
