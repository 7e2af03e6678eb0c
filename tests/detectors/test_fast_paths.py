"""The shortcuts detection takes on a large project answer as the long way round would.

Each is checked against its plain definition on every module of the fixture projects and of the
tool itself (thousands of functions, calls and constants, f-strings and escapes among them):
- `words_unparse_may_hold`: a word in `ast.unparse(node)` is never said to be impossible;
- `encloses`: a node outside an f-string stands in a definition by position exactly when the
  definition's walk reaches it;
- `ModuleInfo.calls_to`: the calls of the callees asked for, in the order of `nodes(ast.Call)`;
- `_may_name_a_key`: a call is said to spell a foreign key exactly when a word of `ast.walk`'s
  nodes does.
"""

from __future__ import annotations

import ast
import re

import pytest

from detectors._ast import encloses, parser_lines, walk
from detectors._unparse_words import words_unparse_may_hold
from detectors.project import ProjectIndex
from detectors.resources import _may_name_a_key
from tests.harness import FIXTURES, REPO_ROOT

SOURCES = sorted(
    p for root in (FIXTURES, REPO_ROOT / "codemods", REPO_ROOT / "detectors") for p in root.rglob("*.py")
)
WORD = re.compile(r"[A-Za-z0-9_]+")


def _trees():
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        yield path, source, ast.parse(source)


def test_no_word_of_an_unparsed_node_is_said_impossible() -> None:
    checked = 0
    for path, source, tree in _trees():
        lines = parser_lines(source)
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Call, ast.JoinedStr)):
                continue
            text = ast.unparse(node)
            present = sorted(set(WORD.findall(text)))[:30]
            # words in the text, pieces of them, and words most texts lack
            words = (*present, *(w[1:-1] for w in present if len(w) > 3), "TestClient", "Authorization", "elif", "eturn")
            may = words_unparse_may_hold(lines, node, words)
            missed = [w for w in words if w in text and w not in may]
            assert not missed, f"{path}:{node.lineno}: {missed}"
            checked += 1
    assert checked > 1000


def test_a_node_stands_in_a_definition_by_position_as_by_its_walk() -> None:
    for path, _, tree in _trees():
        in_fstrings = {id(sub) for j in ast.walk(tree) if isinstance(j, ast.JoinedStr) for sub in ast.walk(j)}
        defs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))][:40]
        nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.Call, ast.Compare)) and id(n) not in in_fstrings]
        for outer in defs:
            inside = {id(n) for n in walk(outer)}
            for node in nodes:
                assert encloses(outer, node) == (id(node) in inside), f"{path}:{node.lineno} in {outer.name}"


@pytest.mark.parametrize("names", [("include_router",), ("Field", "Depends"), ("select", "execute", "get")])
def test_the_calls_of_some_callees_are_those_a_scan_finds(names: tuple[str, ...]) -> None:
    for fixture in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for info in ProjectIndex(fixture).relevant:
            calls = info.nodes(ast.Call)
            scanned = [c for c in calls if _callee(c) in names]
            assert info.calls_to(*names) == scanned, info.path


def _callee(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None



def test_a_call_spells_a_key_as_its_plain_walk_says() -> None:
    said = 0
    for path, _, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                assert _may_name_a_key(node) == _spells_a_key(node), f"{path}:{node.lineno}"
                said += _may_name_a_key(node)
    assert said > 10  # the fixtures' models and this repository's key detection among them


def _spells_a_key(call: ast.Call) -> bool:
    """The plain definition: a name, attribute, keyword, parameter or string of the call holds
    `ForeignKey` or `foreign_key`."""
    for node in ast.walk(call):
        if isinstance(node, ast.Name):
            word = node.id
        elif isinstance(node, ast.Attribute):
            word = node.attr
        elif isinstance(node, (ast.keyword, ast.arg)):
            word = node.arg
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            word = node.value
        else:
            continue
        if word and ("ForeignKey" in word or "foreign_key" in word):
            return True
    return False
