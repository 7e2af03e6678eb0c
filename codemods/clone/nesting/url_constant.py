"""A test module naming the clone's collection URL once, in a constant: the URL written out where
the constant is used, and the constant gone, so each request's URL can go under its test's parent.

Before:
    URL = "/api/v2/reviews"

    def make_review(client, headers) -> dict:
        return client.post(URL, json={"rating": 3}, headers=headers).json()["data"]

    def test_get(client, headers):
        response = client.get(f"{URL}/{review['id']}", headers=headers)
After (`InlineUrlConstant("reviews")`):
    def make_review(client, headers) -> dict:
        return client.post("/api/v2/reviews", json={"rating": 3}, headers=headers).json()["data"]

    def test_get(client, headers):
        response = client.get(f"/api/v2/reviews/{review['id']}", headers=headers)
Only a top-level constant assigned once from a plain string naming `/segment` as a whole path
segment; inside an f-string the URL becomes part of its text.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.nodes import named_assign
from codemods.clone.nesting.tests import _segment_at


class InlineUrlConstant(cst.CSTTransformer):
    """The module's constants holding the clone's URL, written out (see the module docstring);
    `inlined` names them."""

    def __init__(self, segment: str) -> None:
        super().__init__()
        self.segment = segment
        self.inlined: dict[str, cst.SimpleString] = {}

    def visit_Module(self, node: cst.Module) -> None:
        assigned: dict[str, int] = {}
        for found in m.findall(node, m.AssignTarget(m.Name()) | m.AugAssign(m.Name())):
            target = found.target if isinstance(found, (cst.AssignTarget, cst.AugAssign)) else None
            if isinstance(target, cst.Name):
                assigned[target.value] = assigned.get(target.value, 0) + 1
        for stmt in node.body:
            value = _constant(stmt)
            if value is None:
                continue
            name, text = value
            if (
                assigned.get(name) == 1
                and _segment_at(text.evaluated_value, self.segment) is not None
            ):
                self.inlined[name] = text

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
        text = self.inlined.get(updated.value)
        return text if text is not None else updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)  # `settings.URL` is another name

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(keyword=original.keyword)

    def leave_Param(self, original: cst.Param, updated: cst.Param) -> cst.Param:
        return updated.with_changes(name=original.name)

    def leave_AssignTarget(
        self, original: cst.AssignTarget, updated: cst.AssignTarget
    ) -> cst.AssignTarget:
        return updated.with_changes(target=original.target)

    def leave_FormattedString(
        self, original: cst.FormattedString, updated: cst.FormattedString
    ) -> cst.FormattedString:
        parts: list[cst.BaseFormattedStringContent] = []
        for part in updated.parts:
            if (
                isinstance(part, cst.FormattedStringExpression)
                and isinstance(part.expression, cst.SimpleString)
                and part.expression.value in {t.value for t in self.inlined.values()}
                and part.format_spec is None
                and part.conversion is None
            ):
                text = part.expression.evaluated_value.replace("{", "{{").replace("}", "}}")
                if parts and isinstance(parts[-1], cst.FormattedStringText):
                    parts[-1] = cst.FormattedStringText(parts[-1].value + text)
                else:
                    parts.append(cst.FormattedStringText(text))
            elif (
                isinstance(part, cst.FormattedStringText)
                and parts
                and isinstance(parts[-1], cst.FormattedStringText)
            ):
                parts[-1] = cst.FormattedStringText(parts[-1].value + part.value)
            else:
                parts.append(part)
        return updated.with_changes(parts=parts)

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body: list[cst.BaseStatement] = []
        dropped = None  # the blank lines before a constant that went, for the next statement
        for stmt in updated.body:
            found = _constant(stmt)
            if found is not None and found[0] in self.inlined:
                dropped = stmt.leading_lines if dropped is None else dropped
                continue
            if dropped is not None and len(dropped) > len(stmt.leading_lines):
                stmt = stmt.with_changes(leading_lines=dropped)
            dropped = None
            body.append(stmt)
        return updated.with_changes(body=body)


def _constant(stmt: cst.BaseStatement) -> tuple[str, cst.SimpleString] | None:
    """(name, string) of `NAME = "..."`."""
    named = named_assign(stmt)
    if named is not None and isinstance(named[1].value, cst.SimpleString):
        return named[0], named[1].value
    return None
