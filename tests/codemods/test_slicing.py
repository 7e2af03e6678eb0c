"""edit_sliced: an edit of a big module sees only the statements it needs, and the rest comes back
byte for byte, as if it had run on the whole text."""

from __future__ import annotations

import ast
import re

import pytest

from codemods import slicing
from codemods.slicing import edit_sliced

MODULE = '''\
"""Registry."""

# routers, one per resource
from app.routers import items, orders  # noqa: F401


@decorated("x")
def other():  # not wanted
    return 1


app.include_router(items.router)
run(items)
unrelated = 0


class Unrelated:
    x = 1; y = 2


a = 1; b = items
# trailing comment
'''


@pytest.fixture(autouse=True)
def _always_slice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slicing, "MIN_STATEMENTS", 0)
    monkeypatch.setattr(slicing, "_CUTS", {})  # each spec starts with no text cut before


def _mentions_items(node: ast.stmt, chunk: str) -> bool:
    return "items" in chunk and not isinstance(node, (ast.Import, ast.ImportFrom))


def _twin_after_include(code: str) -> str:
    return re.sub(r"^(app\.include_router\(items\.router\)\n)", r"\1app.include_router(orders.router)\n", code, flags=re.M)


def test_the_edit_sees_only_the_wanted_statements_and_the_rest_comes_back_unchanged() -> None:
    seen: list[str] = []

    def edit(code: str) -> str:
        seen.append(code)
        return _twin_after_include(code)

    assert edit_sliced(MODULE, _mentions_items, edit) == _twin_after_include(MODULE)
    assert len(seen) == 1
    assert "def other" not in seen[0] and "class Unrelated" not in seen[0]
    # the docstring, the import, the wanted statements and the one after each are kept
    assert '"""Registry."""' in seen[0] and "from app.routers import" in seen[0]
    assert "run(items)" in seen[0] and "a = 1; b = items" in seen[0]
    assert "unrelated = 0" in seen[0]  # right after a wanted one: `stmt = ...` and its use go together


def test_an_unchanged_edit_gives_the_text_back_byte_for_byte() -> None:
    assert edit_sliced(MODULE, _mentions_items, lambda code: code) == MODULE


def test_statements_that_share_a_line_are_kept_or_dropped_together() -> None:
    seen: list[str] = []
    edit_sliced(MODULE, lambda node, chunk: isinstance(node, ast.Assign) and "a = 1" in chunk, lambda c: seen.append(c) or c)
    assert "a = 1; b = items\n" in seen[0]


def test_an_edit_that_loses_a_placeholder_runs_again_on_the_whole_text() -> None:
    def first_three_lines(code: str) -> str:
        return "".join(code.splitlines(keepends=True)[:3])

    assert edit_sliced(MODULE, _mentions_items, first_three_lines) == first_three_lines(MODULE)


def test_an_edit_that_fails_on_the_slice_fails_on_the_whole_text() -> None:
    calls: list[str] = []

    def failing(code: str) -> str:
        calls.append(code)
        raise ValueError(f"{len(code.splitlines())} lines")

    with pytest.raises(ValueError, match=f"^{len(MODULE.splitlines())} lines$"):
        edit_sliced(MODULE, _mentions_items, failing)
    assert calls[-1] == MODULE


def test_a_small_module_is_edited_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slicing, "MIN_STATEMENTS", 150)
    seen: list[str] = []
    edit_sliced(MODULE, _mentions_items, lambda c: seen.append(c) or c)
    assert seen == [MODULE]


def test_an_edit_that_adds_no_import_line_sees_only_the_imports_it_wants() -> None:
    seen: list[str] = []
    module = MODULE.replace("unrelated = 0\n", "unrelated = 0\nimport os\n")

    def edit(code: str) -> str:
        seen.append(code)
        return _twin_after_include(code)

    def wanted(node: ast.stmt, chunk: str) -> bool:  # the import of items included
        return "items" in chunk

    assert edit_sliced(module, wanted, edit, imports=False) == _twin_after_include(module)
    assert "from app.routers import items, orders" in seen[0] and "import os" not in seen[0]
    seen.clear()
    edit_sliced(module, wanted, edit)  # by default every import is kept: an import merger needs them
    assert "import os" in seen[0]


def test_the_text_an_edit_gave_back_is_cut_again_without_parsing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # wiring edits the conftest cloning just edited: its statements are known from that edit
    once = edit_sliced(MODULE, _mentions_items, _twin_after_include)
    parses: list[str] = []
    real = slicing.parsed
    monkeypatch.setattr(slicing, "parsed", lambda text: parses.append(text) or real(text))
    seen: list[str] = []
    twice = edit_sliced(once, _mentions_items, lambda code: seen.append(code) or code.replace("run(items)", "run(items, orders)"))
    assert once not in parses
    assert twice == once.replace("run(items)", "run(items, orders)")
    assert "def other" not in seen[0] and "app.include_router(orders.router)" in seen[0]


def test_a_remembered_cut_is_the_cut_a_parse_gives() -> None:
    def adds_lines_before_each_placeholder(code: str) -> str:  # leading lines travel with the statement
        return re.sub(r"^(__sliced_\w+\n)", r"# moved here\n\1", _twin_after_include(code), flags=re.M)

    for edit in (_twin_after_include, adds_lines_before_each_placeholder, lambda code: code):
        slicing._CUTS.clear()
        out = edit_sliced(MODULE, _mentions_items, edit)
        remembered = slicing._CUTS.pop(out)
        fresh = slicing.cut_statements(out)  # parsed: nothing remembered now
        assert fresh is not None and remembered.text == fresh.text == out
        assert [chunk for _, chunk in remembered.units] == [chunk for _, chunk in fresh.units]
        # the same statements (line numbers aside: a left-out one keeps those of the text it came from)
        assert [ast.dump(node) for node, _ in remembered.units] == [ast.dump(node) for node, _ in fresh.units]


@pytest.mark.parametrize(
    "module",
    [
        '"""Doc."""\n\n\n# first\ndef a():\n    return 1\n\n\ndef b():\n    return 2\n\n\nc = 3\n',  # no import: it goes before the first statement
        '# no docstring\ndef a():\n    return 1\n\n\nb = 2\nc = 3\n',
        '"""Doc."""\n\nimport sys\n\nfrom app import x\n\n\ndef a():\n    return 1\n\n\nc = 3\n',
    ],
)
def test_an_import_merger_seeing_only_imports_places_a_new_import_as_on_the_whole_module(module: str) -> None:
    from codemods.formatting import FormatStyle
    from codemods.imports import Import, add_imports
    from codemods.parsing import parse_module

    style = FormatStyle(formatter="ruff", line_length=88, quotes="double", indent="    ")

    def merge(code: str) -> str:
        return add_imports(parse_module(code), [Import("os"), Import("app", "y")], style, frozenset({"app"})).code

    seen: list[str] = []
    sliced = edit_sliced(module, lambda node, chunk: False, lambda code: seen.append(code) or merge(code))
    assert sliced == merge(module)
    assert "c = 3" not in seen[0]  # sliced indeed


def test_an_edit_that_only_adds_imports_sees_the_imports_of_a_module_of_a_dozen_statements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from codemods.formatting import FormatStyle
    from codemods.imports import Import, add_imports
    from codemods.parsing import parse_module

    monkeypatch.setattr(slicing, "MIN_STATEMENTS", 150)  # too small for any other sliced edit
    style = FormatStyle(formatter="ruff", line_length=88, quotes="double", indent="    ")
    module = '"""Doc."""\n\nfrom app import x\nimport os\n\n' + "".join(f"\ndef f{i}():\n    return x\n\n" for i in range(12))

    def merge(code: str) -> str:
        return add_imports(parse_module(code), [Import("sys"), Import("app", "y")], style, frozenset({"app"})).code

    seen: list[str] = []
    assert slicing.edit_imports(module, lambda code: seen.append(code) or merge(code)) == merge(module)
    assert "def f5" not in seen[0]  # sliced
    seen.clear()
    few = '"""Doc."""\n\nfrom app import x\n\n\ndef f():\n    return x\n'
    assert slicing.edit_imports(few, lambda code: seen.append(code) or merge(code)) == merge(few)
    assert seen == [few]  # a handful of statements: parsed whole
