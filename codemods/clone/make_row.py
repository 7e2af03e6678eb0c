"""Each function reading a row it does not have makes it first, with the project's own helper.

SetRequiredKey points the rows the new tests build at `customer.id`; where the target's tests make
their rows with a helper rather than a fixture, each function reading `customer` makes one first,
calling the helper as the target's tests do (a test or fixture asks for the fixtures it passes)
or, in a helper or a nested function, with its own parameters of the same names. A top-level
helper takes the row as an optional parameter, and the functions calling it pass theirs, so the
rows of one test share one (the project's helper may make only one per test).

Before (`MakeRowFirst(maker, "customer", {"test_create_order", "create_order"}, defined_here=False)`,
maker: `factories.create_customer(db)`):
    def create_order(db, **overrides):
        fields = {"total": "1", "customer_id": customer.id}
    def test_create_order(client, auth_headers):
        order = create_order(db)
        client.post("/orders/", json={"total": "1", "customer_id": customer.id}, headers=auth_headers)
After:
    def create_order(db, customer=None, **overrides):
        if customer is None:
            customer = factories.create_customer(db)
        fields = {"total": "1", "customer_id": customer.id}
    def test_create_order(client, auth_headers, db):
        customer = factories.create_customer(db)
        order = create_order(db, customer=customer)
        client.post("/orders/", json={"total": "1", "customer_id": customer.id}, headers=auth_headers)
`keywords` go into each call too (`owner_id=user.id`, as the target's tests make a row the
signed-in user's), the fixtures they read asked for like the maker's own. `unreached` names the
functions that cannot call it (a parameter missing, or a sync function where the helper is
awaited).
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.row_makers import Keyword, RowMaker
from codemods.docstrings import is_docstring
from codemods.visit import visit


class MakeRowFirst(cst.CSTTransformer):
    """See the module docstring."""

    def __init__(
        self, maker: RowMaker, variable: str, functions: frozenset[str], defined_here: bool, keywords: tuple[Keyword, ...] = ()
    ) -> None:
        super().__init__()
        self.maker, self.variable, self.functions, self.defined_here = maker, variable, functions, defined_here
        self.keywords = keywords
        self.unreached: list[str] = []
        self._stack: list[cst.FunctionDef] = []
        self._asks: set[str] = set()  # fixtures the top-level function must ask for
        self._helpers: set[str] = set()

    def visit_Module(self, node: cst.Module) -> bool:
        # helpers reading the row take it as an optional parameter: a test making rows with one
        # passes its own, so one test's rows share one (the helper may make only one per test)
        self._helpers = {
            s.name.value
            for s in node.body
            if isinstance(s, cst.FunctionDef)
            and s.name.value in self.functions
            and not s.name.value.startswith("test")
            and not is_fixture_function(s)
            and _reads(s, self.variable)
        }
        return True

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if not self._stack and node.name.value not in self.functions:
            return False  # libcst still calls leave_FunctionDef
        self._stack.append(node)
        return True

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        func = updated.func
        if (
            not self._stack
            or not isinstance(func, cst.Name)
            or func.value not in self._helpers
            or func.value == self._stack[0].name.value
            or any(a.keyword is not None and a.keyword.value == self.variable for a in updated.args)
        ):
            return updated
        return with_keyword(updated, self.variable, self.variable)

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if not self._stack:
            return updated
        self._stack.pop()
        top = not self._stack
        if _reads(updated, self.variable):
            updated = self._make_first(updated, top)
        if top:
            updated = with_fixtures(updated, sorted(self._asks))
            self._asks = set()
        return updated

    def _make_first(self, function: cst.FunctionDef, top: bool) -> cst.FunctionDef:
        maker, name = self.maker, function.name.value
        own = _params(function)
        if maker.awaited and function.asynchronous is None:
            self.unreached.append(name)
            return function
        serves_tests = top and (name.startswith("test") or is_fixture_function(function))
        read = {f for k in self.keywords for f in k.fixtures}
        keywords = self.keywords
        if serves_tests:
            args = maker.args
            self._asks |= {a for a in (*args, *read) if a not in own and a not in maker.shared}
        elif set(maker.params) <= own and (read <= own or not _sends_request(function)):
            args = maker.params
            # a helper of the suite asks for no fixture: one making rows without a request (through
            # the crud layer) leaves a keyword reading a fixture it lacks to the maker's default;
            # no route of the app checks whose rows those are
            keywords = tuple(k for k in keywords if set(k.fixtures) <= own)
        else:
            self.unreached.append(name)
            return function
        args = (*args, *map(str, keywords))
        if maker.fixture:
            if not (serves_tests or self._stack and is_fixture_function(self._stack[0])):
                self.unreached.append(name)
                return function
            self._asks.add(maker.callee)
        callee = maker.function if self.defined_here else maker.callee
        call = f"{'await ' if maker.awaited else ''}{callee}({', '.join(args)})"
        if top and name in self._helpers:
            made = cst.parse_statement(f"if {self.variable} is None:\n    {self.variable} = {call}\n")
            function = _with_optional(function, self.variable)
        else:
            made = cst.parse_statement(f"{self.variable} = {call}\n")
        body = list(function.body.body)
        at = 1 if body and is_docstring(body[0]) else 0
        body.insert(at, made)
        return function.with_changes(body=function.body.with_changes(body=body))


def _with_optional(function: cst.FunctionDef, name: str) -> cst.FunctionDef:
    """`def f(db, **overrides)` -> `def f(db, customer=None, **overrides)`."""
    params = list(function.params.params)
    param = cst.Param(
        cst.Name(name), default=cst.Name("None"), equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))
    )
    if params:
        last = params[-1]
        if isinstance(last.comma, cst.Comma):  # a separator before `*args`, or one per line
            param = param.with_changes(comma=last.comma)
            between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            if isinstance(last.comma.whitespace_after, cst.ParenthesizedWhitespace):
                between = params[-2].comma if len(params) > 1 else cst.Comma(whitespace_after=function.whitespace_before_params)
            params[-1] = last.with_changes(comma=between)
        else:
            params[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    elif function.params.star_arg is not cst.MaybeSentinel.DEFAULT or function.params.star_kwarg is not None:
        param = param.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return function.with_changes(params=function.params.with_changes(params=[*params, param]))


def with_keyword(call: cst.Call, keyword: str, value: str) -> cst.Call:
    """`call` with `keyword=value` as its last argument."""
    args = list(call.args)
    arg = cst.Arg(
        cst.parse_expression(value),
        keyword=cst.Name(keyword),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )
    if args:
        last = args[-1]
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        arg = arg.with_changes(comma=last.comma)
    return call.with_changes(args=[*args, arg])


def _reads(function: cst.FunctionDef, name: str) -> bool:
    """Whether the function's own statements (not its nested functions') read `name`, which it
    neither takes nor assigns."""
    if name in _params(function):
        return False
    finder = _OwnNames()
    visit(function.body, finder)
    return name in finder.read and name not in finder.assigned


class _OwnNames(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.read: set[str] = set()
        self.assigned: set[str] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if isinstance(node.target, cst.Name):
            self.assigned.add(node.target.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        visit(node.value, self)  # `customer.id`: the object is read, the attribute name is none
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.read.add(node.value)


def _params(function: cst.FunctionDef) -> set[str]:
    p = function.params
    return {x.name.value for x in (*p.posonly_params, *p.params, *p.kwonly_params)}


def is_fixture_function(function: cst.FunctionDef) -> bool:
    """Whether a pytest fixture decorator marks the function (libcst; `nesting.parent.is_fixture` reads ast)."""
    return any("fixture" in cst.Module([]).code_for_node(d.decorator) for d in function.decorators)


def with_fixtures(function: cst.FunctionDef, names: list[str]) -> cst.FunctionDef:
    """The function asking for the fixtures `names` it lacks, as parameters separated like the
    others (keyword-only after one with a default)."""
    names = [n for n in names if n not in _params(function)]
    if not names:
        return function
    params = list(function.params.params)
    new = [cst.Param(cst.Name(n)) for n in names]
    if params and params[-1].default is not None:
        kwonly = [*function.params.kwonly_params, *new]
        return function.with_changes(params=function.params.with_changes(kwonly_params=kwonly))
    if params:
        last = params[-1]
        if isinstance(last.comma, cst.Comma):  # a separator before `*args`, or one per line
            between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            if isinstance(last.comma.whitespace_after, cst.ParenthesizedWhitespace):
                between = params[-2].comma if len(params) > 1 else cst.Comma(whitespace_after=function.whitespace_before_params)
            new = [p.with_changes(comma=between) for p in new[:-1]] + [new[-1].with_changes(comma=last.comma)]
            params[-1] = last.with_changes(comma=between)
        else:
            new[-1] = new[-1].with_changes(whitespace_after_param=last.whitespace_after_param)
            params[-1] = last.with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
                whitespace_after_param=cst.SimpleWhitespace(""),
            )
            new = [p.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for p in new[:-1]] + [new[-1]]
    return function.with_changes(params=function.params.with_changes(params=[*params, *new]))


_METHODS = frozenset({"get", "post", "put", "patch", "delete"})
# keywords of a test client's request (httpx, requests), never of a session's `get` or `delete`
_REQUEST_KEYWORDS = frozenset({"json", "data", "content", "params", "headers", "files", "cookies"})


def _sends_request(function: cst.FunctionDef) -> bool:
    """Whether `function` sends the app a request: a `.post(...)` or another method's call
    given a URL as written (a literal, an f-string) or a request's keywords (`json=`,
    `headers=`), not `session.get(Model, id)` or `session.delete(row)`."""
    found = False

    class _Requests(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            nonlocal found
            if not (isinstance(node.func, cst.Attribute) and node.func.attr.value in _METHODS):
                return
            first = node.args[0].value if node.args and node.args[0].keyword is None else None
            keywords = {a.keyword.value for a in node.args if a.keyword is not None}
            if isinstance(first, (cst.SimpleString, cst.FormattedString)) or keywords & _REQUEST_KEYWORDS:
                found = True

    visit(function, _Requests())
    return found
