"""Format generated code the way the project's formatter would, before it is inserted.

Only code we generate passes through here (new modules, new statements, an import line we
extended), so untouched code stays byte-identical. Projects configured for black get black;
every other project gets ruff's formatter (black-compatible) set to the detected quote style
and line length.
"""

from __future__ import annotations

import ast
import functools
import re
import subprocess
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

from codemods.errors import TargetError
from codemods.ruff_bin import ruff_bin
from codemods.scratch_space import scratch_dir
from detectors.conventions import StyleFinding

_WRAPPER = "def _wrapper():\n"


@dataclass(frozen=True)
class FormatStyle:
    formatter: str  # black | ruff
    line_length: int
    quotes: str  # double | single
    indent: str

    @classmethod
    def from_style(cls, style: StyleFinding) -> FormatStyle:
        return cls(
            formatter="black" if style.formatter == "black" else "ruff",
            line_length=style.line_length or 88,
            quotes=style.quotes,
            indent=style.indent,
        )


# (module text, style) -> formatted, filled by `format_modules` for the modules of a plan
_MODULES: dict[tuple[str, FormatStyle], str] = {}


def format_modules(codes: list[str], style: FormatStyle) -> None:
    """Format whole modules in one ruff run, ahead of `format_code` asking for each: a process
    per module cost more than the formatting. Where any fails, each is formatted on its own."""
    todo = list(dict.fromkeys(c for c in codes if (c, style) not in _MODULES))
    if style.formatter == "black" or len(todo) < 2:
        return
    formatted = _formatted_files([textwrap.dedent(code) for code in todo], style)  # as format_code would
    if formatted is None:
        return
    if len(_MODULES) > 1024:
        _MODULES.clear()
    for code, out in zip(todo, formatted):
        # the formatter's output formats to itself: a batch's next resource starts from it
        _MODULES[(code, style)] = _MODULES[(out, style)] = out


# (snippet, style, depth) -> formatted, filled by `format_snippets`
_SNIPPETS: dict[tuple[str, FormatStyle, int], str] = {}


def format_snippets(codes: list[str], style: FormatStyle, depth: int) -> None:
    """Format snippets as standing `depth` blocks deep in one ruff run, ahead of `format_code`
    asking for each (a class's new fields, each formatted where it goes)."""
    todo = list(dict.fromkeys(c for c in codes if (c, style, depth) not in _SNIPPETS))
    if style.formatter == "black" or len(todo) < 2 or depth < 1:
        return
    formatted = _formatted_files([_wrapped(code, depth) for code in todo], style)
    if formatted is None:
        return
    if len(_SNIPPETS) > 1024:
        _SNIPPETS.clear()
    for code, out in zip(todo, formatted):
        _SNIPPETS[(code, style, depth)] = _unwrapped(out, depth)


def _formatted_files(texts: list[str], style: FormatStyle) -> list[str] | None:
    """Each text as ruff formats it, from one run over a file each; None where the run fails."""
    with tempfile.TemporaryDirectory(prefix="add-crud-format-", dir=scratch_dir()) as tmp:
        files = [Path(tmp, f"m{i}.py") for i in range(len(texts))]
        for file, text in zip(files, texts):
            file.write_text(text, encoding="utf-8")
        proc = subprocess.run([*_ruff_args(style), "--no-cache", *map(str, files)], capture_output=True, text=True)
        if proc.returncode != 0:
            return None
        return [file.read_text(encoding="utf-8") for file in files]


def _wrapped(code: str, depth: int) -> str:
    """`code` inside `depth` function bodies, as the formatter sees it."""
    code = textwrap.dedent(code)
    for _ in range(depth):
        code = _WRAPPER + textwrap.indent(code, "    ")
    return code


def _unwrapped(formatted: str, depth: int) -> str:
    for _ in range(depth):
        formatted = textwrap.dedent(formatted.split("\n", 1)[1])
    return formatted


@functools.lru_cache(maxsize=512)  # a plan formats the same snippet and module more than once
def format_code(code: str, style: FormatStyle, depth: int = 0) -> str:
    """Format `code` as if it stood `depth` blocks deep; the result is dedented back to column 0."""
    if depth == 0 and (code, style) in _MODULES:
        return _MODULES[(code, style)]
    if depth == 0 and _laid_out(code, style):
        return code.removesuffix("\n") + "\n"
    if (code, style, depth) in _SNIPPETS:
        return _SNIPPETS[(code, style, depth)]
    code = _wrapped(code, depth)
    formatted = _black(code, style) if style.formatter == "black" else _ruff(code, style)
    formatted = _unwrapped(formatted, depth)
    if depth == 0:  # the formatter's output formats to itself: the next resource of a batch asks
        if len(_MODULES) > 1024:
            _MODULES.clear()
        _MODULES[(formatted, style)] = formatted
    return formatted


def formats_to_itself(text: str, style: FormatStyle) -> bool:
    """Whether the module `text` is as the formatter writes it (one that does not format: no)."""
    try:
        return format_code(text, style) == text
    except TargetError:
        return False


# one import line as either formatter leaves it: single spaces, no parentheses, no comment
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_ALIASED = rf"{_NAME}(?: as {_NAME})?"
_DOTTED = rf"{_NAME}(?:\.{_NAME})*"
_IMPORT_LINE = re.compile(
    rf"(?:from (?:\.+(?:{_DOTTED})?|{_DOTTED}) import {_ALIASED}(?:, {_ALIASED})*"
    rf"|import {_DOTTED}(?: as {_NAME})?)\n?"
)


def _laid_out(code: str, style: FormatStyle) -> bool:
    """Whether `code` is one import line the formatter gives back as it is: a plan places a few
    in every module it edits, and a formatter run for each cost more than the rest of placing."""
    if len(code.removesuffix("\n")) > style.line_length or _IMPORT_LINE.fullmatch(code) is None:
        return False
    try:  # a keyword for a name has the shape and is no Python
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def _black(code: str, style: FormatStyle) -> str:
    import black

    mode = black.Mode(line_length=style.line_length, string_normalization=style.quotes == "double")
    try:
        return black.format_str(code, mode=mode)
    except Exception as exc:  # black raises several unrelated types for bad input
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise TargetError(f"generated code does not format: {first}") from None


def _ruff(code: str, style: FormatStyle) -> str:
    proc = subprocess.run([*_ruff_args(style), "--stdin-filename", "generated.py"], input=code, capture_output=True, text=True)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["ruff failed"])[-1]
        raise TargetError(f"generated code does not format: {last}")
    return proc.stdout


def _ruff_args(style: FormatStyle) -> list[str]:
    """`ruff format` in the style, without the project's configuration (the style is read from it)."""
    args = [
        ruff_bin(),
        "format",
        "--isolated",
        "--line-length",
        str(style.line_length),
        "--config",
        f"format.quote-style='{style.quotes}'",
    ]
    if style.indent == "\t":
        args += ["--config", "format.indent-style='tab'"]
    elif style.indent.strip() == "" and len(style.indent) != 4:
        args += ["--config", f"indent-width={len(style.indent)}"]
    return args
