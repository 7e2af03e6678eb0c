"""reachable: the node types libcst's declarations allow below a node type include every type
met below a node of it in real code (the fixture projects' own modules)."""

from __future__ import annotations

import libcst as cst

from codemods.cst_reach import reachable
from tests.codemods.test_visit import MODULES


class _Below(cst.CSTVisitor):
    """For each node, the types met below it, checked against what `reachable` allows."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[cst.CSTNode, set[str]]] = []
        self.wrong: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        for _, below in self.stack:
            below.add(type(node).__name__)
        self.stack.append((node, set()))
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        node, below = self.stack.pop()
        allowed = reachable(type(node))
        if allowed is None or not below <= allowed:
            self.wrong.append(f"{type(node).__name__}: {sorted(below - (allowed or set()))}")


def test_every_type_met_below_a_node_is_one_its_declarations_allow() -> None:
    for name, module in MODULES:
        below = _Below()
        module.visit(below)
        assert below.wrong == [], name


def test_whitespace_holds_only_whitespace_and_comments_and_no_expression_holds_a_statement() -> None:
    assert reachable(cst.Comma) == {
        "BaseParenthesizableWhitespace", "Comment", "EmptyLine", "Newline", "ParenthesizedWhitespace",
        "SimpleWhitespace", "TrailingWhitespace",
    }
    assert reachable(cst.SimpleWhitespace) == frozenset()
    for expression in (cst.Call, cst.Lambda, cst.ListComp, cst.Attribute):
        assert not reachable(expression) & {"FunctionDef", "ClassDef", "SimpleStatementLine", "IndentedBlock"}
    assert {"Name", "SimpleStatementLine", "Lambda"} <= reachable(cst.FunctionDef)
