"""Nested tests: the clone's tests request its URLs under a parent row, and its rows have one.

Before:
    async def test_get_review(client, review: Review):
        response = await client.get(f"/reviews/{review.id}")
    async def test_create_review(client):
        response = await client.post("/reviews", json={"rating": 3, "item_id": 1})
    async def review(db_session) -> Review:
        review = Review(rating=3)
After (`NestTestUrls("reviews", "items", "item_id", "review", "item", "Item")`):
    async def test_get_review(client, review: Review):
        response = await client.get(f"/items/{review.item_id}/reviews/{review.id}")
    async def test_create_review(client, item: Item):
        response = await client.post(f"/items/{item.id}/reviews", json={"rating": 3})
    async def review(db_session, item: Item) -> Review:
        review = Review(rating=3, item_id=item.id)
URLs in a test's decorator (`parametrize`) are nested under a literal key; URLs outside any
function are listed in `outside`, not nested. A test using the clone's row fixture requests it
under that row's parent; one whose payload
named a parent (`"item_id": 9999`) requests under that one; any other gets the parent's fixture. The key leaves request payloads: clients never send it.
With `made='{}["id"]'` the tests make the parent themselves (made_parent): URLs go under
`item['id']` (quoted unlike the f-string around it) and no fixture is asked for.
"""

from __future__ import annotations

from typing import TypeGuard

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.build import callee, with_keyword


class NestTestUrls(cst.CSTTransformer):
    """Each top-level function's URLs of the clone, nested (see the module docstring)."""

    def __init__(
        self,
        segment: str,
        parent_segment: str,
        key: str,
        row_fixture: str | None,
        parent_fixture: str,
        parent_annotation: str | None,
        model: str,
        missing: str = "999999999",
        functions: frozenset[str] | None = None,
        made: str | None = None,
    ) -> None:
        super().__init__()
        # where tests make the parent themselves (`customer = await create_customer(...)`), its key
        # as code on `{}` (`{}["id"]`): requested under it, never asked for as a fixture
        self.made = made
        self.parent_value = made.format(parent_fixture) if made else f"{parent_fixture}.id"
        # the functions the plan adds (None: all): others are other resources', whose payloads
        # may send the same key (a required `customer_id` beside `--parent Customer`)
        self.functions, self._skipped = functions, None
        self.segment, self.parent_segment, self.key = segment, parent_segment, key
        self.row_fixture, self.parent_fixture = row_fixture, parent_fixture
        self.parent_annotation, self.model = parent_annotation, model
        self.missing = missing  # the parent key written where no fixture reaches (a decorator)
        self.depth = 0
        self.needs_parent = False
        self.literal: str | None = None  # a parent key the test wrote as a number
        self.in_decorator = 0
        self.in_assert = 0  # a dict asserted describes a row: its key is the parent's
        self.outside: list[str] = []  # the clone's URLs outside functions, which nothing here nests

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if self.depth == 0 and self.functions is not None and node.name.value not in self.functions:
            self._skipped = node
            return False
        self.depth += 1
        if self.depth == 1:
            names = {p.name.value for p in (*node.params.params, *node.params.kwonly_params)}
            self.expr = (
                f"{self.row_fixture}.{self.key}"
                if self.row_fixture in names
                else self.parent_value
            )
            asserted = {id(e) for a in m.findall(node, m.Assert()) for e in m.findall(a, m.DictElement())}
            sent = [
                e.value
                for e in m.findall(node, m.DictElement(m.SimpleString()))
                if _keyed(e, self.key)
                and id(e) not in asserted  # what a row is expected to be, not what was sent
                and not m.matches(e.value, m.Name("None"))
            ]
            self.literal = None
            if sent:  # the key the test sent in its payload is the parent it meant
                self.expr = cst.Module([]).code_for_node(sent[0])
                if isinstance(sent[0], cst.Integer):
                    self.literal = sent[0].value
            self.needs_parent = False
        return True

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        if original is self._skipped:
            self._skipped = None
            return updated
        self.depth -= 1
        if self.depth or not self.needs_parent:
            return updated
        params = updated.params
        if any(
            p.name.value == self.parent_fixture for p in (*params.params, *params.kwonly_params)
        ):
            return updated
        typed = any(p.annotation is not None for p in params.params)
        annotation = (
            cst.Annotation(cst.Name(self.parent_annotation))
            if typed and self.parent_annotation
            else None
        )
        new = cst.Param(cst.Name(self.parent_fixture), annotation)
        listed = list(params.params)
        if listed:
            last = listed[-1]
            listed[-1] = last.with_changes(
                comma=listed[-2].comma
                if len(listed) > 1
                else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
            new = new.with_changes(comma=last.comma)
        return updated.with_changes(params=params.with_changes(params=[*listed, new]))

    def visit_Decorator(self, node: cst.Decorator) -> None:
        self.in_decorator += 1

    def leave_Decorator(self, original: cst.Decorator, updated: cst.Decorator) -> cst.Decorator:
        self.in_decorator -= 1
        return updated

    def leave_SimpleString(
        self, original: cst.SimpleString, updated: cst.SimpleString
    ) -> cst.BaseExpression:
        value = updated.evaluated_value
        if not isinstance(value, str):
            return updated
        at = _segment_at(value, self.segment)
        if at is None:
            return updated
        if not self.depth:
            self.outside.append(value)
            return updated
        head, tail = value[:at], value[at:]
        quote = updated.quote
        literal = self.missing if self.in_decorator else self.literal
        if literal is not None:  # a decorator's arguments see no fixture
            nested = f"{head}/{self.parent_segment}/{literal}{tail}"
            return updated.with_changes(value=f"{updated.prefix}{quote}{nested}{quote}")
        self._uses(self.expr)
        escaped = [p.replace("{", "{{").replace("}", "}}") for p in (head, tail)]
        expr = _quoted(self.expr, quote)
        code = f"f{quote}{escaped[0]}/{self.parent_segment}/{{{expr}}}{escaped[1]}{quote}"
        return cst.parse_expression(code)

    def leave_FormattedString(
        self, original: cst.FormattedString, updated: cst.FormattedString
    ) -> cst.FormattedString:
        if not self.depth:
            texts = [p.value for p in updated.parts if isinstance(p, cst.FormattedStringText)]
            self.outside += [t for t in texts if _segment_at(t, self.segment) is not None]
            return updated
        parts = list(updated.parts)
        for i, part in enumerate(parts):
            if isinstance(part, cst.FormattedStringText):
                at = _segment_at(part.value, self.segment)
                if at is not None and f"/{self.parent_segment}/" not in part.value[:at]:
                    self._uses(self.expr)
                    nested = [
                        cst.FormattedStringText(part.value[:at] + f"/{self.parent_segment}/"),
                        cst.FormattedStringExpression(
                            cst.parse_expression(_quoted(self.expr, updated.start[-1]))
                        ),
                        cst.FormattedStringText(part.value[at:]),
                    ]
                    if self.literal is not None:
                        nested = [
                            cst.FormattedStringText(
                                f"{part.value[:at]}/{self.parent_segment}/{self.literal}{part.value[at:]}"
                            )
                        ]
                    return updated.with_changes(parts=[*parts[:i], *nested, *parts[i + 1 :]])
        return updated

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if (
            self.depth
            and callee(updated) == self.model
            and not any(a.keyword and a.keyword.value == self.key for a in updated.args)
        ):
            self._uses(self.parent_value)
            call = with_keyword(updated, self.key)
            value = cst.parse_expression(self.parent_value)
            return call.with_changes(
                args=[
                    a.with_changes(value=value) if a.keyword and a.keyword.value == self.key else a
                    for a in call.args
                ]
            )
        return updated

    def visit_Assert(self, node: cst.Assert) -> None:
        self.in_assert += 1

    def leave_Assert(self, original: cst.Assert, updated: cst.Assert) -> cst.Assert:
        self.in_assert -= 1
        return updated

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        keyed = [_keyed(e, self.key) for e in updated.elements]
        if self.in_assert and self.depth and any(keyed):  # the row expected: under the parent
            self._uses(self.expr)
            value = cst.parse_expression(self.expr)
            return updated.with_changes(
                elements=[
                    e.with_changes(value=value) if k else e
                    for e, k in zip(updated.elements, keyed)
                ]
            )
        if self.in_assert and self.depth:  # a whole row expected (its "id" there): with the key
            return self._with_key(updated)
        kept = [
            e
            for e in updated.elements
            if not (isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString))
            or e.key.evaluated_value != self.key
        ]
        if len(kept) == len(updated.elements):
            return updated
        if kept and updated.elements and kept[-1] is not updated.elements[-1]:
            kept[-1] = kept[-1].with_changes(comma=updated.elements[-1].comma)
        return updated.with_changes(elements=kept)

    def _with_key(self, row: cst.Dict) -> cst.Dict:
        """`{"id": x, "rating": 3}` -> `{"id": x, "KEY": PARENT, "rating": 3}`."""
        at = next(
            (i for i, e in enumerate(row.elements) if _keyed(e, "id")),
            None,
        )
        if at is None:
            return row
        self._uses(self.expr)
        first = row.elements[at]
        assert isinstance(first, cst.DictElement) and isinstance(first.key, cst.SimpleString)
        quote = first.key.quote
        entry = first.with_changes(
            key=cst.SimpleString(f"{quote}{self.key}{quote}"),
            value=cst.parse_expression(self.expr),
        )
        elements = list(row.elements)
        if at == len(elements) - 1:  # the last one: the new one takes its comma, it takes one
            comma = first.comma
            if not isinstance(comma, cst.Comma):
                comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            elements[at] = first.with_changes(comma=comma)
            entry = entry.with_changes(comma=first.comma)
        elements.insert(at + 1, entry)
        return row.with_changes(elements=elements)

    def _uses(self, expr: str) -> None:
        if self.made is None and expr.startswith(f"{self.parent_fixture}."):
            self.needs_parent = True


def _keyed(node: cst.CSTNode, key: str) -> TypeGuard[cst.DictElement]:
    """Whether the node is a dict's entry under the string `key` (`"customer_id": 3`)."""
    return (
        isinstance(node, cst.DictElement)
        and isinstance(node.key, cst.SimpleString)
        and node.key.evaluated_value == key
    )


def _quoted(expr: str, quote: str) -> str:
    """`expr` as it can sit in an f-string quoted by `quote` (before Python 3.12, a string in it
    may not use the same quote): `customer["id"]` in `f"..."` is `customer['id']`."""
    other = "'" if quote == '"' else '"'
    return expr.replace(quote, other) if quote in expr and other not in expr else expr


def _segment_at(text: str, segment: str) -> int | None:
    """Where `/segment` starts in a URL, as a whole path segment; None if it is not there."""
    needle = f"/{segment}"
    at = text.find(needle)
    while at != -1:
        end = at + len(needle)
        if end == len(text) or text[end] in "/?":
            return at
        at = text.find(needle, end)
    return None
