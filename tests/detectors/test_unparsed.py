"""`ModuleInfo.unparsed`: `ast.unparse` of a node, read once per source text."""

from __future__ import annotations

import ast
from pathlib import Path

from detectors.project import ModuleInfo

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures_repos"


def _statement_expressions(tree: ast.Module):
    """The expressions statements hold directly (an annotation, a value, a call), and every
    expression below them outside f-strings: where the parser's positions are the node's own."""
    for stmt in ast.walk(tree):
        if not isinstance(stmt, ast.stmt):
            continue
        for value in ast.iter_child_nodes(stmt):
            if isinstance(value, ast.expr):
                yield from _outside_fstrings(value)


def _outside_fstrings(node: ast.expr):
    yield node
    if not isinstance(node, ast.JoinedStr):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                yield from _outside_fstrings(child)


def test_every_expression_of_the_fixtures_comes_out_as_ast_unparse_gives_it() -> None:
    checked = 0
    for path in sorted(FIXTURES.rglob("*.py")):
        info = ModuleInfo(str(path), path.stem, path.read_text(encoding="utf-8"))
        for node in _statement_expressions(info.tree):
            assert info.unparsed(node) == ast.unparse(node), f"{path}:{node.lineno}"
            checked += 1
    assert checked > 10_000


def test_the_same_text_in_another_module_is_the_same_tree_unparsed() -> None:
    a = ModuleInfo("a.py", "a", "x = Column(String( 50 ),  nullable=False)\n")
    b = ModuleInfo("b.py", "b", "class T:\n    y = Column(String( 50 ),  nullable=False)\n")
    first = a.unparsed(a.tree.body[0].value)
    assert b.unparsed(b.tree.body[0].body[0].value) == first == "Column(String(50), nullable=False)"


def test_a_form_feed_or_a_non_ascii_line_does_not_mislead_the_reading() -> None:
    """A form feed breaks no line for the parser (`str.splitlines` would), and on a line with
    other than ASCII the offsets count bytes."""
    info = ModuleInfo("m.py", "m", "a = 1\n\x0cb = f(x)\nname = 'é' + g(y)\nz = h(w)\n")
    values = [s.value for s in info.tree.body]
    assert [info.unparsed(v) for v in values] == [ast.unparse(v) for v in values]


def test_a_tree_of_rewritten_text_is_unparsed_from_its_nodes() -> None:
    """A module parsed only rewritten (syntax newer than this Python) has positions of the
    rewritten text: its nodes are unparsed as they are, never looked up by this text."""
    info = ModuleInfo("m.py", "m", "x = Column(Integer)\n", tree=ast.parse("y = Column(String, index=True)\n"))
    assert info.unparsed(info.tree.body[0].value) == "Column(String, index=True)"
