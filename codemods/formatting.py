"""Format generated code the way the project's formatter would, before it is inserted.

Only code we generate passes through here (new modules, new statements, an import line we
extended), so untouched code stays byte-identical. Projects configured for black get black;
every other project gets ruff's formatter (black-compatible) set to the detected quote style
and line length.
"""

from __future__ import annotations

import functools
import subprocess
import textwrap
from dataclasses import dataclass

from codemods.errors import TargetError
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


@functools.lru_cache(maxsize=512)  # a plan formats the same snippet and module more than once
def format_code(code: str, style: FormatStyle, depth: int = 0) -> str:
    """Format `code` as if it stood `depth` blocks deep; the result is dedented back to column 0."""
    code = textwrap.dedent(code)
    for _ in range(depth):
        code = _WRAPPER + textwrap.indent(code, "    ")
    formatted = _black(code, style) if style.formatter == "black" else _ruff(code, style)
    for _ in range(depth):
        formatted = textwrap.dedent(formatted.split("\n", 1)[1])
    return formatted


def _black(code: str, style: FormatStyle) -> str:
    import black

    mode = black.Mode(line_length=style.line_length, string_normalization=style.quotes == "double")
    try:
        return black.format_str(code, mode=mode)
    except Exception as exc:  # black raises several unrelated types for bad input
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise TargetError(f"generated code does not format: {first}") from None


def _ruff(code: str, style: FormatStyle) -> str:
    from ruff.__main__ import find_ruff_bin

    args = [
        find_ruff_bin(),
        "format",
        "--isolated",
        "--stdin-filename",
        "generated.py",
        "--line-length",
        str(style.line_length),
        "--config",
        f"format.quote-style='{style.quotes}'",
    ]
    if style.indent == "\t":
        args += ["--config", "format.indent-style='tab'"]
    elif style.indent.strip() == "" and len(style.indent) != 4:
        args += ["--config", f"indent-width={len(style.indent)}"]
    proc = subprocess.run(args, input=code, capture_output=True, text=True)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["ruff failed"])[-1]
        raise TargetError(f"generated code does not format: {last}")
    return proc.stdout
