"""A test makes the parent its rows go under as the row helper it calls would make it.

Where tests make their parent with the parent's own helper (MakeRowFirst, make_row.py), the
clone's row helper makes one too when given none, from its own parameters
(`create_review(client, headers, customer=None)` calls `create_customer(client, headers)`). A
test calling that helper with other arguments than the parent's tests pass (another user's
headers) makes its parent with those, so the row and its parent are made alike (a parent of
another owner would be another's to reach, and the row's create answer 404).

Before (`MakeParentAlike(maker, "customer", {"test_get_other_users_review"}, False)`, maker:
`create_customer(client, auth_headers)` taking `(client, headers)`):
    async def create_review(client, headers, **overrides):
        response = await client.post(f"/customers/{customer['id']}/reviews", json={"rating": 3}, headers=headers)
    async def test_get_other_users_review(client, auth_headers, other_auth_headers):
        review = await create_review(client, other_auth_headers)
        response = await client.get(f"/customers/{customer['id']}/reviews/{review['id']}", headers=auth_headers)
After:
    async def test_get_other_users_review(client, auth_headers, other_auth_headers):
        customer = await create_customer(client, other_auth_headers)
        review = await create_review(client, other_auth_headers)
        ...
(MakeRowFirst then passes `customer=customer` to the helper, and makes it in the others.) Only
arguments made of the test's parameters count, which exist before its first line; a test
whose call passes other values is left to MakeRowFirst.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.make_row import _params, _reads, is_fixture_function
from codemods.clone.nesting.nodes import find_calls, find_names
from codemods.clone.row_makers import RowMaker
from codemods.docstrings import is_docstring


class MakeParentAlike(cst.CSTTransformer):
    """See the module docstring: `variable` made first in the tests among `functions` that read it
    and call a helper reading it too."""

    def __init__(
        self, maker: RowMaker, variable: str, functions: frozenset[str], defined_here: bool
    ) -> None:
        super().__init__()
        self.maker, self.variable, self.functions, self.defined_here = (
            maker,
            variable,
            functions,
            defined_here,
        )
        self._helpers: dict[str, cst.FunctionDef] = {}

    def visit_Module(self, node: cst.Module) -> bool:
        self._helpers = {
            s.name.value: s
            for s in node.body
            if isinstance(s, cst.FunctionDef)
            and s.name.value in self.functions
            and not s.name.value.startswith("test")
            and not is_fixture_function(s)
            and _reads(s, self.variable)
        }
        return True

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # tests are top-level

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        name = updated.name.value
        if (
            name not in self.functions
            or not name.startswith("test")
            or self.maker.fixture
            or (self.maker.awaited and updated.asynchronous is None)
            or not _reads(updated, self.variable)
        ):
            return updated
        call = next(
            (
                c
                for c in find_calls(updated.body, m.Call())
                if isinstance(c.func, cst.Name) and c.func.value in self._helpers
            ),
            None,
        )
        args = self._alike(call, _params(updated)) if call is not None else None
        if args is None:
            return updated
        callee = self.maker.function if self.defined_here else self.maker.callee
        made = cst.parse_statement(
            f"{self.variable} = {'await ' if self.maker.awaited else ''}{callee}({', '.join(args)})\n"
        )
        body = list(updated.body.body)
        at = 1 if body and is_docstring(body[0]) else 0
        body.insert(at, made)
        return updated.with_changes(body=updated.body.with_changes(body=body))

    def _alike(self, call: cst.Call, params: set[str]) -> list[str] | None:
        """What `call` passes its helper for each of the maker's parameters, as code; None where
        one is not passed, or is not made of the test's parameters alone."""
        assert isinstance(call.func, cst.Name)  # a call of a helper, by its name
        helper = self._helpers[call.func.value]
        positional = [p.name.value for p in (*helper.params.posonly_params, *helper.params.params)]
        bound: dict[str, cst.BaseExpression] = {}
        for i, arg in enumerate(call.args):
            if arg.star:
                return None  # `*args`: which parameter gets what is not written
            if arg.keyword is not None:
                bound[arg.keyword.value] = arg.value
            elif i < len(positional):
                bound[positional[i]] = arg.value
        out = []
        for name in self.maker.params:
            value = bound.get(name)
            if value is None or not _of(value, params):
                return None
            out.append(cst.Module([]).code_for_node(value))
        if out == list(self.maker.args):
            return None  # as the parent's tests call it: MakeRowFirst makes it so already
        return out


def _of(value: cst.BaseExpression, params: set[str]) -> bool:
    """Whether the expression reads only the names in `params` (`user.id`: `id` is no name read)."""
    attributes = {id(a.attr) for a in m.findall(value, m.Attribute())}
    names = {n.value for n in find_names(value) if id(n) not in attributes}
    return names <= params
