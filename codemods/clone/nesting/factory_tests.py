"""Where tests make rows with helpers, not fixtures, a test's parent row is made by the helper too.

NestTestUrls asks for the parent as a fixture parameter; with no such fixture the parameter
becomes a call of the parent's helper, and the rows the test makes go under that parent.
Before (after NestTestUrls):
    def test_read_reviews(client: TestClient, db: Session, item: Item) -> None:
        create_random_review(db)
        response = client.get(f"/items/{item.id}/reviews/")
After (`FactoryParent("item", "create_random_item", ["db"], "create_random_review")`):
    def test_read_reviews(client: TestClient, db: Session) -> None:
        item = create_random_item(db)
        create_random_review(db, item=item)
        response = client.get(f"/items/{item.id}/reviews/")
Where the parent's lookup keeps to the signed-in user's rows, the parent is made as its own
tests make theirs (`signed_in`, `create_random_item(db, owner_id=user.id)`), the test asking for
the fixtures that reads. `unreached` names the tests lacking a parameter the parent's helper needs.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.make_row import with_fixtures
from codemods.clone.nesting.build import callee
from codemods.clone.row_makers import Keyword


class FactoryParent(cst.CSTTransformer):
    """Each top-level function's `parent` parameter, made by `factory(*needs)` in its body."""

    def __init__(
        self,
        parent: str,
        factory: str,
        needs: list[str],
        row_factory: str,
        fixtures: frozenset[str] = frozenset(),
        accepts: frozenset[str] = frozenset(),
        signed_in: tuple[Keyword, ...] = (),
    ) -> None:
        super().__init__()
        self.fixtures = fixtures  # needs a test may ask pytest for (the parent's tests do)
        self.accepts = accepts  # the parent helper's optional parameters (`owner_id`)
        self.signed_in = signed_in  # what makes the parent the signed-in user's (`owner_id=user.id`)
        self.parent, self.factory, self.needs, self.row_factory = (
            parent,
            factory,
            needs,
            row_factory,
        )
        self.unreached: list[str] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # tests are top-level

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        params = updated.params
        names = [p.name.value for p in (*params.params, *params.kwonly_params)]
        asked = [p for p in (*params.params, *params.kwonly_params) if p.name.value == self.parent]
        if not asked or asked[0].default is not None:  # a helper taking an optional row is no test
            return updated
        if updated.name.value == self.row_factory:  # ParentForFactory gives it the row, or makes one
            return updated.with_changes(
                params=params.with_changes(
                    params=_without(list(params.params), self.parent),
                    kwonly_params=_without(list(params.kwonly_params), self.parent),
                )
            )
        shared = _shared(updated, self.row_factory, self.accepts, set(names))
        given = {s.partition("=")[0] for s in shared}
        owner = [k for k in self.signed_in if k.name not in given]
        owner_fixtures = {f for k in owner for f in k.fixtures}
        missing = list(dict.fromkeys(n for n in [*self.needs, *sorted(owner_fixtures)] if n not in names))
        if missing and not (updated.name.value.startswith("test") and set(missing) <= self.fixtures | owner_fixtures):
            self.unreached.append(updated.name.value)
            return updated
        if missing:
            updated = with_fixtures(updated, missing)
            params = updated.params
        kept = _without(list(params.params), self.parent)
        kwonly = _without(list(params.kwonly_params), self.parent)
        made = cst.parse_statement(f"{self.parent} = {self.factory}({', '.join([*self.needs, *shared, *map(str, owner)])})\n")
        body = [s.visit(_PassParent(self.parent, self.row_factory)) for s in updated.body.body]
        at = (
            1
            if body and m.matches(body[0], m.SimpleStatementLine([m.Expr(m.SimpleString())]))
            else 0
        )
        body.insert(at, made)
        return updated.with_changes(
            params=params.with_changes(params=kept, kwonly_params=kwonly),
            body=updated.body.with_changes(body=body),
        )


def _shared(test: cst.FunctionDef, row_factory: str, accepts: frozenset[str], params: set[str]) -> list[str]:
    """What the test's first row gets that the parent's helper takes too (`owner_id=user.id`): the
    parent is made alike (a parent of another owner would be another's to reach). Only values
    made of the test's parameters, which exist before its first line."""
    first = next((c for c in m.findall(test.body, m.Call()) if callee(c) == row_factory), None)
    out = []
    for arg in first.args if first is not None else ():
        attributes = {a.attr for a in m.findall(arg.value, m.Attribute())}  # `.id` reads no variable
        names = {n.value for n in m.findall(arg.value, m.Name()) if not any(n is a for a in attributes)}
        if arg.keyword is not None and arg.keyword.value in accepts and names <= params:
            out.append(f"{arg.keyword.value}={cst.Module([]).code_for_node(arg.value)}")
    return out


def _without(params: list[cst.Param], name: str) -> list[cst.Param]:
    """The parameters without `name`, the last one keeping the comma layout of the removed one."""
    out = [p for p in params if p.name.value != name]
    if len(out) < len(params) and out and params[-1].name.value == name:
        out[-1] = out[-1].with_changes(comma=params[-1].comma)
    return out


class _PassParent(cst.CSTTransformer):
    """`create_random_review(db)` -> `create_random_review(db, item=item)`."""

    def __init__(self, parent: str, row_factory: str) -> None:
        super().__init__()
        self.parent, self.row_factory = parent, row_factory

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if callee(updated) != self.row_factory or any(
            a.keyword and a.keyword.value == self.parent for a in updated.args
        ):
            return updated
        args = list(updated.args)
        new = cst.Arg(
            cst.Name(self.parent),
            keyword=cst.Name(self.parent),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        if args:
            last = args[-1]
            args[-1] = last.with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
            new = new.with_changes(comma=last.comma)
        return updated.with_changes(args=[*args, new])
