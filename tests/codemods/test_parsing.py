"""parse_module: a long statement a pass printed is taken again, as a node, where a text holds it."""

from __future__ import annotations

import libcst as cst
import pytest

from codemods import parsing
from codemods.parsing import parse_module, remember_statement

NAMES = [f"widget_{n:03d}" for n in range(200)]
LONG = "__all__ = [\n" + "".join(f'    "{n}",\n' for n in NAMES) + "]\n"  # a models package's


@pytest.fixture(autouse=True)
def _nothing_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "_PRINTED", {})
    parse_module.cache_clear()


def remembered(text: str) -> cst.SimpleStatementLine:
    """The statement `text` parsed and handed over as a pass that printed it would."""
    node = cst.parse_module("x = 1\n" + text).body[1]
    remember_statement(cst.Module(body=[]).code_for_node(node), node)
    return node


def test_a_text_holding_a_remembered_statement_gets_the_node_and_prints_the_same() -> None:
    node = remembered("\n" + LONG)
    text = '"""The models."""\nfrom app.models.item import Item\n\n' + LONG + "\nVERSION = 2\n"
    module = parse_module(text)
    assert module.body[2] is node
    assert module.code == text
    assert module.deep_equals(cst.parse_module(text))


def test_the_first_statement_is_parsed_the_lines_above_it_are_the_modules() -> None:
    node = remembered(LONG)
    text = "# the models\n" + LONG
    module = parse_module(text)
    assert module.body[0] is not node
    assert module.code == text


def test_a_statement_with_other_lines_above_it_is_parsed() -> None:
    node = remembered(LONG)
    for text in ("import os\n\n" + LONG, "import os\n# the names\n" + LONG):
        module = parse_module(text)
        assert module.body[1] is not node  # its text is the blank line or comment and the statement
        assert module.code == text


def test_the_remembered_text_inside_a_string_is_no_statement() -> None:
    remembered(LONG)
    text = 'import os\nDOC = """\n' + LONG + '"""\n'
    module = parse_module(text)
    assert module.code == text
    assert module.deep_equals(cst.parse_module(text))


def test_a_short_statement_or_one_under_a_comment_is_not_remembered() -> None:
    remembered('__all__ = ["Item"]\n')
    remembered("# every model\n" + LONG)
    assert parsing._PRINTED == {}


def test_only_the_last_statements_printed_are_kept() -> None:
    for n in range(parsing._KEPT + 3):
        remembered(LONG.replace("widget_000", f"gadget_{n}"))
    assert len(parsing._PRINTED) == parsing._KEPT
    assert not any("gadget_0\"" in text for text in parsing._PRINTED)
