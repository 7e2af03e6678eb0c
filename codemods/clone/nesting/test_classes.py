"""Tests written as methods of a test class, lifted to module level for the passes that nest
top-level tests, then put back where they were.

Before (`lift_tests`):
    class TestReviews:
        def test_get(self, client, user_headers):
            review = make_review(client, user_headers)
After:
    class TestReviews:
        pass


    def test_get(client, user_headers):
        review = make_review(client, user_headers)
`put_back` reverses it: the lifted tests, and the tests the passes derived from them (new test
functions of a module whose tests were all in classes), go back into their class after its own
members, taking `self` again. A class whose members are not all methods of plain `self` (a
static method, a fixture method) keeps its tests: only plain test methods are lifted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeGuard

import libcst as cst


@dataclass(frozen=True)
class Lifted:
    """What `lift_tests` moved: class -> its tests, in order; the classes it emptied; and the
    module's top-level names before (tests new after the passes are derived ones)."""

    tests: dict[str, tuple[str, ...]]
    emptied: frozenset[str]
    before: frozenset[str]


def lift_tests(text: str) -> tuple[str, Lifted]:
    """The module with its test classes' test methods at module level (see the module docstring)."""
    module = cst.parse_module(text)
    before = frozenset(
        s.name.value for s in module.body if isinstance(s, (cst.FunctionDef, cst.ClassDef))
    )
    body: list[cst.BaseStatement] = []
    tests: dict[str, tuple[str, ...]] = {}
    emptied = set()
    for stmt in module.body:
        if not _test_class(stmt):
            body.append(stmt)
            continue
        assert isinstance(stmt, cst.ClassDef)
        lifted = [b for b in stmt.body.body if _test_method(b)]
        kept = [b for b in stmt.body.body if not _test_method(b)]
        if not lifted:
            body.append(stmt)
            continue
        tests[stmt.name.value] = tuple(f.name.value for f in lifted)
        if not kept:
            emptied.add(stmt.name.value)
            kept = [cst.SimpleStatementLine([cst.Pass()])]
        body.append(stmt.with_changes(body=stmt.body.with_changes(body=kept)))
        for f in lifted:
            params = f.params.with_changes(params=f.params.params[1:])
            body.append(
                f.with_changes(params=params, leading_lines=[cst.EmptyLine(indent=False)] * 2)
            )
    out = module.with_changes(body=body)
    return out.code, Lifted(tests, frozenset(emptied), before)


def put_back(text: str, lifted: Lifted) -> str:
    """The lifted tests, and those derived from them, back in their classes."""
    if not lifted.tests:
        return text
    module = cst.parse_module(text)
    owner = {name: cls for cls, names in lifted.tests.items() for name in names}
    only_classes = not any(n.startswith("test") and n not in owner for n in lifted.before)
    going: dict[str, list[cst.FunctionDef]] = {cls: [] for cls in lifted.tests}
    last = None  # the class of the last lifted test seen: derived tests after it join it
    body: list[cst.BaseStatement] = []
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value in owner:
            last = owner[stmt.name.value]
            going[last].append(stmt)
            continue
        if (
            isinstance(stmt, cst.FunctionDef)
            and only_classes
            and last is not None
            and stmt.name.value.startswith("test")
            and stmt.name.value not in lifted.before
        ):
            going[last].append(stmt)
            continue
        body.append(stmt)
    out: list[cst.BaseStatement] = []
    for stmt in body:
        if isinstance(stmt, cst.ClassDef) and stmt.name.value in going:
            members = list(stmt.body.body) if stmt.name.value not in lifted.emptied else []
            for i, f in enumerate(going[stmt.name.value]):
                self_param = cst.Param(cst.Name("self"))
                params = f.params.with_changes(params=_with_commas([self_param, *f.params.params]))
                blank = [] if i == 0 and not members else [cst.EmptyLine(indent=False)]
                members.append(f.with_changes(params=params, leading_lines=blank))
            stmt = stmt.with_changes(body=stmt.body.with_changes(body=members))
        out.append(stmt)
    return module.with_changes(body=out).code


def _with_commas(params: list[cst.Param]) -> list[cst.Param]:
    """`self` first, separated from the rest as the rest are from each other."""
    if len(params) < 2:
        return [p.with_changes(comma=cst.MaybeSentinel.DEFAULT) for p in params]
    comma = params[1].comma if len(params) > 2 else cst.MaybeSentinel.DEFAULT
    if not isinstance(comma, cst.Comma):
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [params[0].with_changes(comma=comma), *params[1:]]


def _test_class(stmt: cst.BaseStatement) -> bool:
    return isinstance(stmt, cst.ClassDef) and stmt.name.value.startswith("Test")


def _test_method(node: cst.CSTNode) -> TypeGuard[cst.FunctionDef]:
    """A plain test method: `def test_x(self, ...)`, decorated by nothing but marks."""
    return (
        isinstance(node, cst.FunctionDef)
        and node.name.value.startswith("test")
        and bool(node.params.params)
        and node.params.params[0].name.value == "self"
        and all("mark" in cst.Module([]).code_for_node(d.decorator) for d in node.decorators)
    )
