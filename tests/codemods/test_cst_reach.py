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


def test_the_child_types_read_off_the_fields_are_those_the_evaluated_annotations_name() -> None:
    """The fields' own annotations are read where libcst evaluated them, and evaluated again
    only where they name a class as text: the same types, for every node class."""
    import dataclasses
    import typing

    from codemods.cst_reach import _child_types, _derived, _node_classes

    def evaluated(ncls: type) -> frozenset[type]:
        hints = typing.get_type_hints(ncls)
        return frozenset(c for f in dataclasses.fields(ncls) for t in _node_classes(hints.get(f.name)) for c in _derived(t))

    classes = [t for t in vars(cst).values() if isinstance(t, type) and issubclass(t, cst.CSTNode) and dataclasses.is_dataclass(t)]
    assert len(classes) > 150
    assert [t.__name__ for t in classes if _child_types(t) != evaluated(t)] == []
