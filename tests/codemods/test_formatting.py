"""format_code: generated code laid out by the project's formatter (ruff, or black when configured)."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.errors import TargetError
from codemods.formatting import FormatStyle, format_code
from detectors.conventions import StyleFinding


def code(text: str) -> str:
    return textwrap.dedent(text)


def style(
    formatter: str = "ruff", line_length: int = 88, quotes: str = "double", indent: str = "    "
) -> FormatStyle:
    return FormatStyle(formatter=formatter, line_length=line_length, quotes=quotes, indent=indent)


CALL = "app.include_router(orders.router, prefix='/orders', tags=['orders'])\n"

CASES = [
    # -- already formatted: unchanged byte for byte -----------------------------------------------
    pytest.param(style(), 'x = {"a": 1}\n', 'x = {"a": 1}\n', id="unchanged-ruff"),
    pytest.param(style("black"), 'x = {"a": 1}\n', 'x = {"a": 1}\n', id="unchanged-black"),
    # -- ruff ----------------------------------------------------------------------------------------
    pytest.param(style(), "x = {'a':1}\n", 'x = {"a": 1}\n', id="ruff-double-quotes"),
    pytest.param(
        style(quotes="single"), 'x = {"a":1}\n', "x = {'a': 1}\n", id="ruff-single-quotes"
    ),
    pytest.param(
        style(),
        CALL,
        'app.include_router(orders.router, prefix="/orders", tags=["orders"])\n',
        id="ruff-fits-in-88",
    ),
    pytest.param(
        style(line_length=60),
        CALL,
        code("""\
                    app.include_router(
                        orders.router, prefix="/orders", tags=["orders"]
                    )
                 """),
        id="ruff-wraps-at-60",
    ),
    pytest.param(
        style(indent="  "), "if x:\n    y = 1\n", "if x:\n  y = 1\n", id="ruff-two-space-indent"
    ),
    pytest.param(
        style(indent="\t"), "if x:\n    y = 1\n", "if x:\n\ty = 1\n", id="ruff-tab-indent"
    ),
    pytest.param(
        style(),
        "class A: pass\ndef f(): pass\n",
        "class A:\n    pass\n\n\ndef f():\n    pass\n",
        id="ruff-blank-lines-between-definitions",
    ),
    # -- black ---------------------------------------------------------------------------------------
    pytest.param(style("black"), "x = {'a':1}\n", 'x = {"a": 1}\n', id="black-double-quotes"),
    pytest.param(
        style("black", quotes="single"),
        "x = {'a':1}\ny = \"b\"\n",
        "x = {'a': 1}\ny = \"b\"\n",
        id="black-single-leaves-quotes-alone",
    ),
    pytest.param(
        style("black", line_length=60),
        CALL,
        code("""\
                    app.include_router(
                        orders.router, prefix="/orders", tags=["orders"]
                    )
                 """),
        id="black-wraps-at-60",
    ),
]


@pytest.mark.parametrize("fmt, before, after", CASES)
def test_format_code(fmt: FormatStyle, before: str, after: str) -> None:
    expected = cst.parse_module(after).code  # a bad expectation fails here, loudly
    assert format_code(before, fmt) == expected


@pytest.mark.parametrize("fmt, before, after", CASES)
def test_format_code_is_idempotent(fmt: FormatStyle, before: str, after: str) -> None:
    once = format_code(before, fmt)
    assert format_code(once, fmt) == once


@pytest.mark.parametrize("formatter", ["ruff", "black"])
@pytest.mark.parametrize("line_length", [40, 60, 88])
def test_line_length_is_respected(formatter: str, line_length: int) -> None:
    text = (
        "app.include_router(orders.router, prefix='/orders', tags=['orders'], "
        "dependencies=[Depends(get_current_user)])\n"
    )
    out = format_code(text, style(formatter, line_length))
    assert max(len(line) for line in out.splitlines()) <= line_length


@pytest.mark.parametrize("formatter", ["ruff", "black"])
def test_nested_statement_is_formatted_for_its_depth_and_dedented(formatter: str) -> None:
    # 57 characters: fits in 60 columns at the top level, not four spaces deep.
    text = 'app.include_router(orders.router, prefix="/orders", x=12)\n'
    fmt = style(formatter, line_length=60)
    assert format_code(text, fmt) == text
    nested = format_code(text, fmt, depth=1)
    assert nested == 'app.include_router(\n    orders.router, prefix="/orders", x=12\n)\n'
    assert max(len("    " + line) for line in nested.splitlines()) <= 60


def test_depth_two_and_indented_input() -> None:
    text = "    if ready:\n        app.include_router(orders.router, prefix='/orders')\n"
    out = format_code(text, style(line_length=60), depth=2)
    assert (
        out
        == 'if ready:\n    app.include_router(\n        orders.router, prefix="/orders"\n    )\n'
    )


@pytest.mark.parametrize("formatter", ["ruff", "black"])
def test_code_that_does_not_parse_raises_one_line_target_error(formatter: str) -> None:
    with pytest.raises(TargetError, match="generated code does not format") as exc:
        format_code("x = (\n", style(formatter))
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize(
    "detected, expected",
    [
        pytest.param(
            StyleFinding(formatter="black", line_length=100, quotes="single"),
            style("black", 100, "single"),
            id="black",
        ),
        pytest.param(
            StyleFinding(formatter="ruff", line_length=None),
            style("ruff", 88),
            id="ruff-default-length",
        ),
        pytest.param(
            StyleFinding(formatter=None, indent="  "),
            style("ruff", 88, indent="  "),
            id="none-means-ruff",
        ),
    ],
)
def test_style_from_detected_conventions(detected: StyleFinding, expected: FormatStyle) -> None:
    assert FormatStyle.from_style(detected) == expected


def test_what_ruff_formatted_is_known_formatted_without_running_it_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # a batch asks whether the text the resource before left is formatted: it is ruff's own output
    import subprocess

    style = FormatStyle(formatter="ruff", line_length=71, quotes="single", indent="    ")  # a style no other test uses
    out = format_code("x = {  'a':37,'b':42,\n'c':927}\n", style)
    runs: list[object] = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: runs.append(a))
    assert format_code(out, style) == out
    assert runs == []


def test_snippets_formatted_ahead_in_one_run_are_what_each_alone_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """A class's new fields are formatted where they go in one ruff run, each as format_code
    formats it on its own."""
    import subprocess

    from codemods.formatting import format_snippets

    fmt = FormatStyle(formatter="ruff", line_length=57, quotes="double", indent="    ")  # a style no other test uses
    snippets = [
        "total: Mapped[Decimal] = mapped_column(Numeric(10, 2), nullable=False, index=True)\n",
        "status: Mapped[str] = mapped_column(String(20), default='pending')\n",
        "    note:str|None=None\n",
    ]
    alone = [format_code.__wrapped__(s, fmt, depth=1) for s in snippets]  # each in its own run
    real_run = subprocess.run
    runs: list[object] = []

    def counted(*args, **kwargs):
        runs.append(args)
        return real_run(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counted)
    format_snippets(snippets, fmt, depth=1)
    assert len(runs) == 1
    assert [format_code(s, fmt, depth=1) for s in snippets] == alone
    assert len(runs) == 1  # answered from the run ahead


IMPORT_LINES = [
    "from decimal import Decimal",
    "import enum",
    "import os.path as osp",
    "from app.models.order import OrderStatus",
    "from . import models",
    "from ..schemas import ItemCreate as Create, ItemRead",
    "from fastapi import APIRouter, Depends, HTTPException, Path, Query, status",
    "from sqlalchemy import DateTime, Numeric, func",
    "from a import (b)",  # parentheses: the formatter decides
    "from a import b  # noqa: F401",  # a comment: the formatter decides
    "from a import  b",  # two spaces
    "import a, b",
    "from a import b,",
    "from  import b",  # no module: the formatter refuses it
    "from import b",
    "from import import b",  # a keyword for a name
    "from a import as",
    "import class",
]


@pytest.mark.parametrize("formatter", ["ruff", "black"])
@pytest.mark.parametrize("line", IMPORT_LINES)
@pytest.mark.parametrize("line_length", [30, 40, 88])
def test_an_import_line_is_given_back_as_the_formatter_gives_it(formatter: str, line: str, line_length: int) -> None:
    """An import line the formatter would leave alone is answered without running it; whatever
    the formatter would change goes to it. Either way the answer is the formatter's."""
    from codemods.formatting import _black, _laid_out, _ruff

    fmt = style(formatter, line_length=line_length)
    run = _black if formatter == "black" else _ruff
    for text in (line, line + "\n"):
        try:
            expected = run(text, fmt)
        except TargetError:  # a line the formatter refuses is never laid out
            assert not _laid_out(text, fmt)
            continue
        assert format_code(text, fmt) == expected
        if _laid_out(text, fmt):
            assert expected == line + "\n"
