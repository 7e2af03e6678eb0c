"""Where tests make rows through the routes with URLs written out, each makes its parent first.

Before (a clone's tests, URLs as the project writes them):
    def test_read_review(client: TestClient, normal_user_token_headers: Dict[str, str]) -> None:
        created = client.post(f"{settings.API_V1_STR}/reviews/", headers=normal_user_token_headers, json={"rating": 3}).json()
        response = client.get(f"{settings.API_V1_STR}/reviews/{created['id']}", headers=normal_user_token_headers)
    def test_read_reviews_requires_authentication(client: TestClient) -> None:
        response = client.get(f"{settings.API_V1_STR}/reviews/")
        assert response.status_code == 401
After (`ParentThroughUrl(maker, "reviews", "items", "item_id", "999999999")`):
    def new_item(client, headers):
        \"\"\"An Item made through its create route, as the tests make their rows; its key.\"\"\"
        made = client.post(f"{settings.API_V1_STR}/items/", json={"title": "title one"}, headers=headers)
        assert made.status_code == 200, made.text
        return made.json()["id"]

    def test_read_review(client: TestClient, normal_user_token_headers: Dict[str, str]) -> None:
        item_id = new_item(client, normal_user_token_headers)
        created = client.post(f"{settings.API_V1_STR}/items/{item_id}/reviews/", ...).json()
        response = client.get(f"{settings.API_V1_STR}/items/{item_id}/reviews/{created['id']}", ...)
    def test_read_reviews_requires_authentication(client: TestClient) -> None:
        response = client.get(f"{settings.API_V1_STR}/items/999999999/reviews/")
The parent's create URL is the clone's, its collection segment the parent's (the nested URLs
already say the parent's collection sits there). A test expecting its request refused (401/403)
sends it under a missing parent; where the parent's create route reads the signed-in user, the
helper sends the headers the test sends (`unreached` names tests sending none).
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.literal_url import collection, names_segment, nest_url, tail_after
from codemods.clone.nesting.nodes import find_calls
from codemods.clone.nesting.route_parent import RouteMaker, _refused

VERBS = ("get", "post", "put", "patch", "delete")


class ParentThroughUrl(cst.CSTTransformer):
    """Tests of `functions` requesting the clone's URLs make their parent first (see above)."""

    def __init__(
        self,
        maker: RouteMaker,
        segment: str,
        parent_segment: str,
        key: str,
        missing: str,
        functions: frozenset[str] | None = None,
    ) -> None:
        super().__init__()
        self.maker, self.segment, self.parent_segment = maker, segment, parent_segment
        self.key, self.missing, self.functions = key, missing, functions
        self.unreached: list[str] = []
        self._helper: cst.FunctionDef | None = None
        self._create_url: cst.BaseExpression | None = None

    def visit_Module(self, node: cst.Module) -> None:
        # the clone's create URL, from a POST to its collection: the parent's is beside it
        for call in find_calls(node, _request("post")):
            url = call.args[0].value
            tail = tail_after(url, self.segment)
            if tail is not None:
                self._create_url = _parent_collection(url, self.segment, self.parent_segment, tail)
                return

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # tests are top-level

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        if self.functions is not None and updated.name.value not in self.functions:
            return updated
        if not self._unnested(updated):
            return updated
        if _refused(updated):
            return updated.visit(_NestUrls(self.segment, self.parent_segment, self.missing, True))
        calls = find_calls(updated, _request(url=False))
        first = next(
            (c for c in calls if names_segment(c.args[0].value, self.segment)),
            calls[0] if calls else None,
        )
        if first is None:
            return updated
        assert isinstance(first.func, cst.Attribute)  # `client.get`: `_request`'s
        client = cst.Module([]).code_for_node(first.func.value)
        headers = next(
            (a.value for a in first.args if a.keyword and a.keyword.value == "headers"),
            None,
        )
        if (self.maker.signed_in and headers is None) or self._create_url is None:
            self.unreached.append(updated.name.value)
            return updated
        is_async = updated.asynchronous is not None
        if self._helper is None:
            self._helper = url_helper(self.maker, client, self._create_url, is_async)
        sent = f", {cst.Module([]).code_for_node(headers)}" if self.maker.signed_in else ""
        made = cst.parse_statement(
            f"{self.key} = {'await ' if is_async else ''}{self.maker.helper}({client}{sent})\n"
        )
        nested = updated.body.visit(_NestUrls(self.segment, self.parent_segment, self.key, False))
        body = list(nested.body)
        at = (
            1
            if body and m.matches(body[0], m.SimpleStatementLine([m.Expr(m.SimpleString())]))
            else 0
        )
        body.insert(at, made)
        return updated.with_changes(body=nested.with_changes(body=body))

    def _unnested(self, node: cst.CSTNode) -> bool:
        """Whether a string under `node` is a URL of the clone not under a parent yet (requested
        or kept in a variable)."""
        return any(
            nest_url(s, self.segment, self.parent_segment, self.key) is not None
            for s in m.findall(node, m.SimpleString() | m.FormattedString())
            if isinstance(s, (cst.SimpleString, cst.FormattedString))
        )

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body = list(updated.body)
        if self._helper is None or any(
            isinstance(s, cst.FunctionDef) and s.name.value == self.maker.helper for s in body
        ):
            return updated
        at = next(
            i
            for i, s in enumerate(body)
            if isinstance(s, cst.FunctionDef) and s.name.value.startswith("test")
        )
        if at == 0:  # the module's first statement: the blank lines go after it
            body[0] = body[0].with_changes(leading_lines=self._helper.leading_lines)
            body.insert(0, self._helper.with_changes(leading_lines=[]))
        else:
            body.insert(at, self._helper)
        return updated.with_changes(body=body)


def url_helper(
    mk: RouteMaker, client: str, url: cst.BaseExpression, is_async: bool
) -> cst.FunctionDef:
    """The test helper making one parent row by POSTing to `url` and returning its key."""
    wait = "await " if is_async else ""
    headers = ", headers" if mk.signed_in else ""
    written = cst.Module([]).code_for_node(url)
    code = (
        f"{'async ' if is_async else ''}def {mk.helper}({client}{headers}):\n"
        f'    """A {mk.model} made through its create route, as the tests make their rows; its key."""\n'
        f"    made = {wait}{client}.post({written}, json={mk.payload}"
        f"{', headers=headers' if mk.signed_in else ''})\n"
        f"    assert made.status_code == {mk.status}, made.text\n"
        f'    return made.json()["{mk.key}"]\n'
    )
    helper = cst.parse_statement(code)
    assert isinstance(helper, cst.FunctionDef)
    return helper.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])


def requests_segment(module: cst.Module, segment: str, functions: frozenset[str]) -> bool:
    """Whether a test of `functions` sends a request to a URL written out naming `/segment`."""
    return any(
        isinstance(s, cst.FunctionDef)
        and s.name.value in functions
        and any(names_segment(r.args[0].value, segment) for r in find_calls(s, _request()))
        for s in module.body
    )


def _request(verb: str | None = None, url: bool = True) -> m.Call:
    """`client.get(<a string or f-string>, ...)` (with `url` False, the URL any expression)."""
    method = m.Name(verb) if verb else m.Name(m.MatchIfTrue(lambda v: v in VERBS))
    first = m.SimpleString() | m.FormattedString() if url else m.DoNotCare()
    return m.Call(func=m.Attribute(attr=method), args=[m.Arg(first, keyword=None), m.ZeroOrMore()])


def _parent_collection(
    url: cst.BaseExpression, segment: str, parent_segment: str, tail: str
) -> cst.BaseExpression | None:
    """The clone's collection URL with the parent's segment in place of its own."""
    cut = collection(url, segment, "")
    if cut is None:
        return None
    if isinstance(cut, cst.SimpleString):
        text = cut.evaluated_value
        assert isinstance(text, str)
        new = text[: len(text) - len(segment)] + parent_segment + tail
        return cut.with_changes(value=f"{cut.prefix}{cut.quote}{new}{cut.quote}")
    # an f-string `collection` cut: its last part is the text ending in `/segment`
    assert isinstance(cut, cst.FormattedString)
    last = cut.parts[-1]
    assert isinstance(last, cst.FormattedStringText)
    value = last.value[: len(last.value) - len(segment)] + parent_segment + tail
    return cut.with_changes(parts=[*cut.parts[:-1], last.with_changes(value=value)])


class _NestUrls(cst.CSTTransformer):
    """Each URL naming the clone's segment (requested, or kept in a variable), under the parent
    keyed by `value`."""

    def __init__(self, segment: str, parent_segment: str, value: str, literal: bool) -> None:
        super().__init__()
        self.segment, self.parent_segment = segment, parent_segment
        self.value, self.literal = value, literal

    def leave_SimpleString(
        self, original: cst.SimpleString, updated: cst.SimpleString
    ) -> cst.BaseExpression:
        return self._nest(updated)

    def leave_FormattedString(
        self, original: cst.FormattedString, updated: cst.FormattedString
    ) -> cst.BaseExpression:
        return self._nest(updated)

    def _nest(self, url: cst.BaseExpression) -> cst.BaseExpression:
        nested = nest_url(url, self.segment, self.parent_segment, self.value, self.literal)
        return url if nested is None else nested
