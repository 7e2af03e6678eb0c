"""A helper of a test module given a fixture's row takes it from its callers, who pass it on.

SetRequiredKey gives each function that builds a whole row the key's row, read from a fixture
(`"buyer_id": user.id`), and has the function ask for that fixture. A test or a fixture asks
pytest; a plain helper (`create_order(client, headers)`) cannot: it takes the row as a parameter
(`*, user`), and each call of it passes its caller's (`create_order(client, headers, user=user)`),
the caller asking for the fixture in turn, up to the tests.

Before (`PassFixture("user", helpers={"create_order"}, functions=...)`):
    def create_order(client, headers, n=1, *, user):
        return client.post("/orders", json=order_payload(n, buyer_id=user.id), headers=headers).json()

    def test_get_order(client, user_token_headers):
        created = create_order(client, user_token_headers)
After:
    def test_get_order(client, user_token_headers, user):
        created = create_order(client, user_token_headers, user=user)
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.make_row import is_fixture_function, with_fixtures


def helpers_taking(module: cst.Module, fixture: str, functions: frozenset[str]) -> frozenset[str]:
    """The plain helpers among `functions` (no test, no fixture) with a parameter `fixture`."""
    return frozenset(
        s.name.value
        for s in module.body
        if isinstance(s, cst.FunctionDef)
        and s.name.value in functions
        and not s.name.value.startswith("test")
        and not is_fixture_function(s)
        and fixture in {p.name.value for p in (*s.params.params, *s.params.kwonly_params)}
    )


def pass_fixture(module: cst.Module, fixture: str, functions: frozenset[str]) -> cst.Module:
    """`module` with each call of a helper taking `fixture` passing it (see the module's
    docstring), until no caller is left to pass it on: a helper calling one takes it too."""
    helpers = helpers_taking(module, fixture, functions)
    while helpers:
        module = module.visit(PassFixture(fixture, helpers, functions))
        more = helpers_taking(module, fixture, functions)
        if more == helpers:
            break
        helpers = more
    return module


class PassFixture(cst.CSTTransformer):
    """Calls of `helpers` in `functions` pass `fixture`; the function calling asks for it."""

    def __init__(self, fixture: str, helpers: frozenset[str], functions: frozenset[str]) -> None:
        super().__init__()
        self.fixture, self.helpers, self.functions = fixture, helpers, functions
        self._top: str | None = None
        self._passed = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if self._top is None:
            if node.name.value not in self.functions:
                return False
            self._top, self._passed = node.name.value, False
        return True

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        func = updated.func
        if self._top is None or not isinstance(func, cst.Name) or func.value not in self.helpers or func.value == self._top:
            return updated
        if any(a.keyword is not None and a.keyword.value == self.fixture for a in updated.args):
            return updated
        self._passed = True
        args = list(updated.args)
        if args:
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        equal = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
        return updated.with_changes(args=[*args, cst.Arg(cst.Name(self.fixture), keyword=cst.Name(self.fixture), equal=equal)])

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if self._top != original.name.value:
            return updated
        self._top = None
        if not self._passed or self.fixture in _params(updated) or self.fixture in _assigned(updated):
            return updated  # it has the row already, or a row of its own under that name
        return with_fixtures(updated, [self.fixture])  # a helper then takes it, as a keyword


def _assigned(function: cst.FunctionDef) -> set[str]:
    """The names the function's own statements assign."""
    found: set[str] = set()

    class _Targets(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            if isinstance(node.target, cst.Name):
                found.add(node.target.value)

    function.body.visit(_Targets())
    return found


def _params(function: cst.FunctionDef) -> set[str]:
    p = function.params
    return {x.name.value for x in (*p.posonly_params, *p.params, *p.kwonly_params)}
