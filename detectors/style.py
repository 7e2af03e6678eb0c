"""Code style: quotes, indentation, line length, annotation spelling, import style."""

from __future__ import annotations

import ast
import configparser
from collections import Counter

from detectors._ast import last_name
from detectors._toml import tomllib
from detectors.conventions import Evidence, StyleFinding
from detectors.project import ProjectIndex


def _formatter_config(
    index: ProjectIndex,
) -> tuple[str | None, int | None, str | None, Evidence | None]:
    """(formatter, line length, quote style) from pyproject/ruff.toml/setup.cfg."""
    for name in ("ruff.toml", ".ruff.toml"):
        path = index.root / name
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError:
                continue
            quote = data.get("format", {}).get("quote-style")
            return "ruff", data.get("line-length"), quote, Evidence(name, 1, "ruff config")
    pyproject = index.root / "pyproject.toml"
    if pyproject.is_file():
        try:
            tool = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
        except tomllib.TOMLDecodeError:
            tool = {}
        lines = pyproject.read_text(encoding="utf-8").splitlines()
        for key in ("ruff", "black"):
            if key in tool:
                line = next(
                    (i for i, t in enumerate(lines, 1) if t.strip().startswith(f"[tool.{key}")), 1
                )
                quote = tool[key].get("format", {}).get("quote-style") if key == "ruff" else None
                if key == "black" and tool[key].get("skip-string-normalization"):
                    quote = "preserve"
                return (
                    key,
                    tool[key].get("line-length"),
                    quote,
                    Evidence("pyproject.toml", line, f"[tool.{key}]"),
                )
    for name in ("setup.cfg", "tox.ini", ".flake8"):
        path = index.root / name
        if path.is_file():
            parser = configparser.ConfigParser(interpolation=None)
            try:
                parser.read(path, encoding="utf-8")
                value = parser.get("flake8", "max-line-length", fallback=None)
            except configparser.Error:
                value = None
            if value and value.isdigit():
                return (
                    None,
                    int(value),
                    None,
                    Evidence(name, 1, f"flake8 max-line-length = {value}"),
                )
    return None, None, None, None


def _has_none(node: ast.AST) -> bool:
    elements = node.elts if isinstance(node, ast.Tuple) else [node]
    return any(isinstance(e, ast.Constant) and e.value is None for e in elements)


def detect_style(index: ProjectIndex) -> StyleFinding:
    """Count what the project's own (non-test) code does; config files win for line length."""
    quotes: Counter[str] = Counter()
    indents: Counter[str] = Counter()
    optional: Counter[str] = Counter()
    lists: Counter[str] = Counter()
    imports: Counter[str] = Counter()
    for info in index.relevant:
        if info.is_test:
            continue
        lines = info.lines
        for node in info.nodes(ast.Constant):
            if not isinstance(node.value, str) or node.lineno != node.end_lineno:
                continue
            line, col = lines[node.lineno - 1], node.col_offset
            if col < len(line):
                ch = line[col : col + 1]
                if ch in "\"'" and line[col : col + 3] not in ('"""', "'''"):
                    quotes["double" if ch == '"' else "single"] += 1
        for line in lines:
            stripped = line.lstrip(" \t")
            if stripped and len(stripped) != len(line):
                indent = line[: len(line) - len(stripped)]
                indents["\t" if indent.startswith("\t") else " " * min(len(indent), 8)] += 1
                break
        for node in info.nodes(ast.Subscript):
            name = last_name(node.value)
            if name == "Optional":
                optional["optional"] += 1
            elif name == "Union" and _has_none(node.slice):
                optional["union"] += 1  # Union[X, None], as the FastAPI tutorial writes it
            elif name in ("List", "Dict"):
                lists["typing"] += 1
            elif name in ("list", "dict"):
                lists["builtin"] += 1
        for node in info.nodes(ast.BinOp):
            if (
                isinstance(node.op, ast.BitOr)
                and isinstance(node.right, ast.Constant)
                and node.right.value is None
            ):
                optional["pipe"] += 1
        for node in info.nodes(ast.ImportFrom):
            if node.level:
                imports["relative"] += 1
            elif node.module and index.path_of(node.module):
                imports["absolute"] += 1
    formatter, line_length, quote_cfg, cfg_ev = _formatter_config(index)
    quote = quotes.most_common(1)[0][0] if quotes else "double"
    if quote_cfg in ("single", "double"):
        quote = quote_cfg
    indent = indents.most_common(1)[0][0] if indents else "    "
    if indent.strip(" ") == "" and len(indent) not in (2, 4, 8):
        indent = "    "
    ev = (cfg_ev,) if cfg_ev else ()
    counts = f"quotes {dict(quotes)}; optional {dict(optional)}; lists {dict(lists)}; imports {dict(imports)}"
    return StyleFinding(
        quotes=quote,
        indent=indent,
        line_length=line_length,
        optional_style=optional.most_common(1)[0][0] if optional else "pipe",
        list_style=lists.most_common(1)[0][0] if lists else "builtin",
        imports="relative" if imports["relative"] > imports["absolute"] else "absolute",
        formatter=formatter,
        evidence=ev,
        note=counts,
    )
