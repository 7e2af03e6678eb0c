"""`--parent` where tests make rows with factories fixtures give (`collection_factory(owner)`),
the parent's and the clone's alike: each test makes its parent with the parent's factory, first,
and makes its rows and requests under it.

Before (`review_factory`, the clone's, a fixture of the conftest beside the parent's):
    async def test_read_review(client, user, auth_headers, review_factory):
        review = await review_factory(user)
        response = await client.get(f'/reviews/{review.id}', headers=auth_headers)
    async def test_create_review(client, auth_headers):
        response = await client.post('/reviews', json={'rating': 3}, headers=auth_headers)
After (`MakeFixtureParent(maker, "review_factory", "reviews", "collections", "collection_id",
"collection", owners={"auth_headers": "user"})`):
    async def test_read_review(client, user, auth_headers, review_factory, collection_factory):
        collection = await collection_factory(user)
        review = await review_factory(user, collection_id=collection.id)
        response = await client.get(f'/collections/{collection.id}/reviews/{review.id}', headers=auth_headers)
    async def test_create_review(client, auth_headers, collection_factory, user):
        collection = await collection_factory(user)
        response = await client.post(f'/collections/{collection.id}/reviews', json={'rating': 3}, headers=auth_headers)
The parent is made as the test's first row is (`review_factory(other_user)`: by `other_user`, a
row and its parent alike); a test making no row makes it for the user its requests sign in as
(`headers=auth_headers`, the fixture `auth_headers(user)`), else as the parent's own tests call
the factory. Then MadeParentCases adds the four tests of the nesting.
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.literal_url import nest_url
from codemods.clone.nesting.made_cases import MadeParentCases
from codemods.clone.nesting.nodes import find_calls
from codemods.clone.nesting.parent import is_fixture
from codemods.clone.row_makers import RowMaker
from codemods.docstrings import is_docstring
from detectors.project import ProjectIndex
from codemods.errors import ConventionError


def row_factories(text: str, names: set[str], model: str) -> set[str]:
    """The fixtures among `names` of the module giving a function that builds a row of `model`."""
    out = set()
    for node in ast.parse(text).body:
        if (
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name in names
            and is_fixture(node)
            and any(
                isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef))
                and any(
                    isinstance(c, ast.Call) and ast.unparse(c.func).rsplit(".", 1)[-1] == model
                    for c in ast.walk(inner)
                )
                for inner in node.body
            )
        ):
            out.add(node.name)
    return out


def conftest_trees(index: ProjectIndex) -> list[ast.Module]:
    """The trees of the project's conftest modules, where fixtures every test may ask for live."""
    return [info.tree for path in index.files if path.endswith("conftest.py") and (info := index.get(path)) is not None]


def header_owners(modules: list[ast.Module], models: frozenset[str] = frozenset()) -> dict[str, str]:
    """Fixtures of headers made for one user: fixture -> the parameter giving that user. The one
    parameter of `auth_headers(user)`; of several (`normal_user_token_headers(client,
    normal_user: User)`), the one annotated with a model of the project's (`models`)."""
    owners = {}
    for tree in modules:
        for node in tree.body:
            if not (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and is_fixture(node) and "headers" in node.name):
                continue
            params = node.args.args
            users = params if len(params) == 1 else [
                a for a in params if a.annotation is not None and _last_name(a.annotation) in models
            ]
            if len(users) == 1:
                owners[node.name] = users[0].arg
    return owners


def _last_name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


class MakeFixtureParent(cst.CSTTransformer):
    """Each named test makes its parent first and works under it (see the module docstring)."""

    def __init__(
        self,
        maker: RowMaker,
        row_factory: str,
        segment: str,
        parent_segment: str,
        key: str,
        variable: str,
        functions: frozenset[str],
        owners: dict[str, str],
    ) -> None:
        super().__init__()
        self.maker, self.row_factory = maker, row_factory
        self.segment, self.parent_segment, self.key = segment, parent_segment, key
        self.variable, self.functions, self.owners = variable, functions, owners
        self.value = maker.value.format(variable)  # `collection.id`

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # tests are top-level

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        if updated.name.value not in self.functions or not updated.name.value.startswith("test"):
            return updated
        if not (self._urls(updated) or self._rows(updated)):
            return updated
        owner = self._owner(updated)
        body = list(updated.body.body)
        body = [s.visit(_Under(self)) for s in body]
        at = 1 if body and is_docstring(body[0]) else 0
        wait = "await " if self.maker.awaited else ""
        made = cst.parse_statement(
            f"{self.variable} = {wait}{self.maker.callee}({', '.join(owner)})\n"
        )
        body.insert(at, made)
        params = list(updated.params.params)
        have = {p.name.value for p in params}
        for name in (self.maker.callee, *owner):
            if name not in have:
                params.append(cst.Param(cst.Name(name)))
                have.add(name)
        return updated.with_changes(
            params=updated.params.with_changes(params=_commas(params, updated.params.params)),
            body=updated.body.with_changes(body=body),
        )

    def _owner(self, test: cst.FunctionDef) -> tuple[str, ...]:
        """What the parent is made with: as the test's first row, else for its requests' user."""
        params = {p.name.value for p in test.params.params}
        rows = self._rows(test)
        if rows:
            args = [a.value for a in rows[0].args if a.keyword is None and not a.star]
            names = [a.value for a in args if isinstance(a, cst.Name) and a.value in params]
            if args and len(names) == len(args):
                return tuple(names)
        for call in find_calls(test, m.Call()):
            for arg in call.args:
                if (
                    arg.keyword
                    and arg.keyword.value == "headers"
                    and isinstance(arg.value, cst.Name)
                    and arg.value.value in self.owners
                ):
                    return (self.owners[arg.value.value],)
        return self.maker.args

    def _rows(self, test: cst.FunctionDef) -> list[cst.Call]:
        return find_calls(test, m.Call(func=m.Name(self.row_factory)))

    def _urls(self, test: cst.FunctionDef) -> bool:
        probe = _Under(self)
        test.visit(probe)
        return probe.nested


class _Under(cst.CSTTransformer):
    """URLs of the clone's under the test's parent, rows the clone's factory makes in it."""

    def __init__(self, outer: MakeFixtureParent) -> None:
        super().__init__()
        self.outer = outer
        self.nested = False

    def leave_SimpleString(
        self, original: cst.SimpleString, updated: cst.SimpleString
    ) -> cst.BaseExpression:
        return self._nest(updated)

    def leave_FormattedString(
        self, original: cst.FormattedString, updated: cst.FormattedString
    ) -> cst.BaseExpression:
        return self._nest(updated)

    def _nest(self, url: cst.BaseExpression) -> cst.BaseExpression:
        o = self.outer
        nested = nest_url(url, o.segment, o.parent_segment, o.value)
        if nested is None:
            return url
        self.nested = True
        return nested

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        o = self.outer
        if not m.matches(updated.func, m.Name(o.row_factory)) or any(
            a.keyword and a.keyword.value == o.key for a in updated.args
        ):
            return updated
        args = list(updated.args)
        last = args[-1] if args else None
        entry = cst.Arg(
            cst.parse_expression(o.value),
            keyword=cst.Name(o.key),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        if last is not None:
            args[-1] = last.with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
            entry = entry.with_changes(comma=last.comma)
        self.nested = True
        return updated.with_changes(args=[*args, entry])


def _commas(params: list[cst.Param], before) -> list[cst.Param]:
    """Appended parameters separated as the test's own are (one per line stays so)."""
    if len(params) == len(before) or not params:
        return params
    out = list(params)
    sep = (
        before[-2].comma
        if len(before) > 1 and isinstance(before[-2].comma, cst.Comma)
        else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    )
    closing = before[-1].comma if before else cst.MaybeSentinel.DEFAULT
    for i in range(len(out) - 1):
        out[i] = out[i].with_changes(comma=sep)
    out[-1] = out[-1].with_changes(comma=closing)
    return out


def nest_fixture_made_tests(
    path: str,
    texts: dict[str, str],
    functions: frozenset[str],
    maker: RowMaker,
    row_factory: str,
    owners: dict[str, str],
    segment: str,
    parent,
    names,
    missing: str,
) -> None:
    """The steps above on the test module at `path`; ConventionError where no test reads a row."""
    variable = parent.names.snake
    module = cst.parse_module(texts[path])
    module = module.visit(
        MakeFixtureParent(
            maker, row_factory, segment, parent.segment, parent.key, variable, functions, owners
        )
    )
    cases = MadeParentCases(
        segment, parent.segment, variable, missing, names.plural_snake, parent.names.snake
    )
    module = module.visit(cases)
    if not cases.found:
        raise ConventionError(
            f"--parent: {path} has no test reading one {names.pascal} under the "
            f"{variable} it makes to derive the nesting tests from"
        )
    texts[path] = module.code
