"""Imports: merge into the module's existing import lines, never duplicate, isort-like placement.

libcst's AddImportsVisitor does this too, but it resolves scope metadata first; measured here it
costs about a second per run against a few milliseconds for this pass over top-level statements.
"""

from __future__ import annotations

import ast
import functools
import re
import sys
from dataclasses import dataclass

import libcst as cst

from codemods.docstrings import is_docstring
from codemods.formatting import FormatStyle, format_code
from codemods.parsing import parse_module
from codemods.slicing import edit_imports

STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}


@dataclass(frozen=True, order=True)
class Import:
    """`from module import name as alias`, or `import module` when name is None."""

    module: str
    name: str | None = None
    alias: str | None = None

    @property
    def bound(self) -> str:
        """The local name this import binds."""
        if self.name is None:
            return self.alias or self.module.split(".")[0]
        return self.alias or self.name

    @property
    def level(self) -> int:
        return len(self.module) - len(self.module.lstrip("."))


def section(module: str, first_party: frozenset[str]) -> int:
    """0 future, 1 stdlib, 2 third party, 3 first party, 4 relative."""
    if module.startswith("."):
        return 4
    top = module.split(".")[0]
    if top == "__future__":
        return 0
    if top in first_party:
        return 3
    return 1 if top in STDLIB else 2


def _module_key(module: str) -> tuple[int, str, str]:
    # isort/ruff defaults: case-insensitive, relative imports furthest first (`..core` before `.`).
    level = len(module) - len(module.lstrip("."))
    return -level, module[level:].lower(), module


def _name_key(name: str) -> tuple[int, str, str]:
    # isort/ruff "order by type": CONSTANTS, then Classes, then functions and modules; each
    # group compared case-insensitively (OrdersPublic before OrderUpdate).
    group = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return group, name.lower(), name


def render_imports(imports: list[Import], first_party: frozenset[str]) -> str:
    """An isort-style import block for a new module."""
    by_section: dict[int, list[str]] = {}
    plain = sorted({i for i in imports if i.name is None})
    froms: dict[str, set[str]] = {}
    for imp in imports:
        if imp.name is not None:
            froms.setdefault(imp.module, set()).add(
                imp.name if not imp.alias else f"{imp.name} as {imp.alias}"
            )
    for imp in plain:
        line = f"import {imp.module}" + (f" as {imp.alias}" if imp.alias else "")
        by_section.setdefault(section(imp.module, first_party), []).append(line)
    for module in sorted(froms, key=_module_key):
        names = ", ".join(sorted(froms[module], key=_name_key))
        by_section.setdefault(section(module, first_party), []).append(
            f"from {module} import {names}"
        )
    return "\n\n".join("\n".join(lines) for _, lines in sorted(by_section.items())) + "\n"


def _module_of(node: cst.ImportFrom) -> str:
    dots = "." * len(node.relative)
    return dots + (cst.helpers.get_full_name_for_node(node.module) or "" if node.module else "")


def imported_names(module: cst.Module) -> set[str]:
    """The names the module's top-level imports bind."""
    names: set[str] = set()
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    names.add(alias.evaluated_alias or alias.evaluated_name)
            elif isinstance(small, cst.Import):
                for alias in small.names:
                    names.add(alias.evaluated_alias or alias.evaluated_name.split(".")[0])
    return names


@functools.lru_cache(maxsize=256)
def library_names(
    code: str, first_party: frozenset[str], modules: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The names the module's top-level imports bind from installed libraries (standard or
    third party): `sa` in `import sqlalchemy as sa`, `UniqueConstraint` from sqlalchemy.

    Given `modules`, the project's own module names (`app.models`, `alembic.env`), an import is
    the library's when the project holds no module it names, whatever its sorting section:
    `op` in `from alembic import op` beside a migrations directory `alembic/` (which ruff sorts
    first party), while `from conftest import make_item` beside `tests/conftest.py` is the project's.
    Without them, the sorting section decides."""
    names: set[str] = set()
    held, within = _held(modules) if modules else (frozenset(), frozenset())
    for statement in _top_level_imports(code):
        node = _import_node(statement)
        if node is None:  # a docstring's line that begins with "from " or "import "
            continue
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            if modules and node.module in held:  # a module of the project's: its names are too
                continue
            names |= {
                a.asname or a.name
                for a in node.names
                if a.name != "*"
                and (
                    f"{node.module}.{a.name}" not in within
                    if modules
                    else section(node.module, first_party) in (1, 2)
                )
            }
        elif isinstance(node, ast.Import):
            for a in node.names:
                if (a.name not in within) if modules else section(a.name, first_party) in (1, 2):
                    names.add(a.asname or a.name.split(".")[0])
    return frozenset(names)


@functools.lru_cache(maxsize=4096)
def _import_node(statement: str) -> ast.stmt | None:
    """The import statement `statement` parsed, None where it is no Python (read, never changed:
    a batch asks again of the same lines of a shared module, a conftest of hundreds, for each
    resource)."""
    try:
        return ast.parse(statement).body[0]
    except SyntaxError:
        return None


@functools.lru_cache(maxsize=8)
def _held(modules: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The module names the project holds, also as imported from below a top-level directory
    without `__init__.py` that may sit on the path (`src/`, `tests/`: `conftest` for
    `tests.conftest`); and those with every package above one (`alembic` for `alembic.env`)."""
    held = set(modules)
    for name in modules:
        top, _, rest = name.partition(".")
        if rest and top not in modules:
            held.add(rest)
    parts = [name.split(".") for name in held]
    return frozenset(held), frozenset(".".join(p[:i]) for p in parts for i in range(1, len(p) + 1))


def _top_level_imports(code: str) -> list[str]:
    """The text of each import statement at column 0, continuation lines included: parsing
    only these, not a 4,000-line conftest, is what keeps this cheap."""
    statements: list[str] = []
    lines = code.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.startswith(("import ", "from ")):
            continue
        text = line
        while i < len(lines) and (text.count("(") > text.count(")") or text.endswith("\\")):
            text += "\n" + lines[i]
            i += 1
        statements.append(text)
    return statements


def is_library_path(expr: cst.BaseExpression, library: frozenset[str]) -> bool:
    """Whether an expression is a name a library import binds or a dotted path from one
    (`text`, `sa.PrimaryKeyConstraint`, `op.create_index`): what it names is the library's."""
    root = expr
    while isinstance(root, cst.Attribute):
        root = root.value
    return isinstance(root, cst.Name) and root.value in library


def is_library_class(func: cst.BaseExpression, library: frozenset[str]) -> bool:
    """Whether a call's callee is a class reached from a library import (`sa.UniqueConstraint`,
    `Index`): its keywords are the library's options, never the resource's fields."""
    last = func.attr if isinstance(func, cst.Attribute) else func
    return is_library_path(func, library) and isinstance(last, cst.Name) and last.value[:1].isupper()


def add_imports(
    module: cst.Module, imports: list[Import], style: FormatStyle, first_party: frozenset[str]
) -> cst.Module:
    """Add each import unless its name is already bound; extend `from m import ...` lines in place."""
    bound = imported_names(module)
    wanted = [i for i in dict.fromkeys(imports) if i.bound not in bound]
    if not wanted:
        return module
    body = list(module.body)
    for imp in wanted:
        # Looked up again for each import: one added a moment ago is extended, not repeated.
        at = (
            None
            if imp.name is None
            else next(
                (
                    i
                    for i, stmt in enumerate(body)
                    if isinstance(stmt, cst.SimpleStatementLine)
                    and len(stmt.body) == 1
                    and isinstance(stmt.body[0], cst.ImportFrom)
                    and not isinstance(stmt.body[0].names, cst.ImportStar)
                    and _module_of(stmt.body[0]) == imp.module
                ),
                None,
            )
        )
        if at is not None:
            body[at] = _extend_from(body[at], imp, style)
        else:
            body = _insert_new(body, imp, style, first_party)
    # An empty module has no trailing newline to keep; the new import line needs one.
    return module.with_changes(
        body=body, has_trailing_newline=module.has_trailing_newline or not module.body
    )


def _extend_from(
    line: cst.SimpleStatementLine, imp: Import, style: FormatStyle
) -> cst.SimpleStatementLine:
    """The line with `imp.name` added (in sorted place when the names are sorted), re-formatted.

    The alias is inserted into the parsed node, not into a re-typed line, so comments on the
    line (`# noqa: F401`) or between its names survive the formatter.
    """
    node: cst.ImportFrom = line.body[0]
    aliases = list(node.names)
    keys = [_name_key(a.evaluated_name) for a in aliases]
    new = cst.ImportAlias(
        name=cst.Name(imp.name), asname=cst.AsName(name=cst.Name(imp.alias)) if imp.alias else None
    )
    at = sum(k <= _name_key(imp.name) for k in keys) if keys == sorted(keys) else len(aliases)
    multiline = "\n" in cst.Module(body=[]).code_for_node(node)
    aliases = _insert_element(aliases, at, new, keep_trailing_comma=multiline)
    node = node.with_changes(names=aliases)
    text = cst.Module(body=[line.with_changes(body=[node], leading_lines=[])]).code
    new_line = cst.parse_statement(format_code(text, style))
    return new_line.with_changes(leading_lines=line.leading_lines)


def with_names(node: cst.ImportFrom, names: list[cst.ImportAlias]) -> cst.ImportFrom:
    """`node` importing only `names` (some of its own, in order): the last loses its comma, and
    the parentheses go where one name is left."""
    names = [*names[:-1], names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
    lpar = node.lpar if len(names) > 1 else None
    return node.with_changes(names=names, lpar=lpar, rpar=node.rpar if lpar else None)


def _insert_element(elements: list, at: int, new, keep_trailing_comma: bool) -> list:
    """Insert into a comma-separated sequence (import aliases, list elements); commas fixed up."""
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    elements = list(elements)
    if at < len(elements):
        return elements[:at] + [new.with_changes(comma=comma)] + elements[at:]
    last = elements[-1]
    trailing = last.comma if keep_trailing_comma else cst.MaybeSentinel.DEFAULT
    return elements[:-1] + [last.with_changes(comma=comma), new.with_changes(comma=trailing)]


def _insert_new(body: list, imp: Import, style: FormatStyle, first_party: frozenset[str]) -> list:
    text = f"from {imp.module} import {imp.name}" if imp.name else f"import {imp.module}"
    if imp.alias:
        text += f" as {imp.alias}"
    new_line = cst.parse_statement(format_code(text, style))
    my_section = section(imp.module, first_party)
    positions = []
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.SimpleStatementLine) and isinstance(
            stmt.body[0], (cst.Import, cst.ImportFrom)
        ):
            node = stmt.body[0]
            mod = (
                _module_of(node)
                if isinstance(node, cst.ImportFrom)
                else cst.helpers.get_full_name_for_node(node.names[0].name)
            )
            positions.append((i, mod, section(mod, first_party), isinstance(node, cst.ImportFrom)))
    if not positions:
        # After a module docstring, if any; then one blank line before the code, two before a
        # def or class (isort's and ruff's `lines-after-imports = -1`).
        start = 1 if body and is_docstring(body[0]) else 0
        new_line = new_line.with_changes(leading_lines=[cst.EmptyLine()] if start else [])
        if start < len(body):
            nxt = body[start]
            gap = 2 if isinstance(nxt, (cst.FunctionDef, cst.ClassDef)) else 1
            lines = list(nxt.leading_lines)
            while lines and lines[0].comment is None:
                lines.pop(0)
            body[start] = nxt.with_changes(
                leading_lines=[cst.EmptyLine() for _ in range(gap)] + lines
            )
        return body[:start] + [new_line] + body[start:]
    same = [p for p in positions if p[2] == my_section]
    is_from = imp.name is not None
    key = (is_from, _module_key(imp.module))
    if same:
        after = None
        for i, mod, _, frm in same:
            if (frm, _module_key(mod)) <= key:
                after = i
        if after is None:
            first = same[0][0]
            moved = body[first].leading_lines
            body[first] = body[first].with_changes(leading_lines=[])
            return body[:first] + [new_line.with_changes(leading_lines=moved)] + body[first:]
        return body[: after + 1] + [new_line] + body[after + 1 :]
    # A new section: after the last import of an earlier section, or before the first later one.
    earlier = [p for p in positions if p[2] < my_section]
    if earlier:
        at = earlier[-1][0] + 1
        return body[:at] + [new_line.with_changes(leading_lines=[cst.EmptyLine()])] + body[at:]
    first = positions[0][0]
    moved = body[first].leading_lines
    body[first] = body[first].with_changes(leading_lines=[cst.EmptyLine()])
    return body[:first] + [new_line.with_changes(leading_lines=moved)] + body[first:]



def used_imports(imports: list[Import] | tuple[Import, ...], code: str) -> list[Import]:
    """Only the imports whose names `code` uses (code added with them may have gone since)."""
    return [i for i in imports if reads_name(code, i.bound)]


def reads_name(code: str, name: str) -> bool:
    """Whether `code` reads `name` as a name of its own (`uuid4(`, `pytest.fixture`), not as an
    attribute of something else (`x.uuid4`) nor inside a longer name."""
    return re.search(rf"(?<![\w.]){re.escape(name)}\b", code) is not None


def with_imports(code: str, imports, fmt: FormatStyle | None, first_party: frozenset[str]) -> str:
    """`code` with those of `imports` it uses placed among its own (`add_imports`), the module's
    imports and first statements alone parsed (`edit_imports`)."""
    imports = used_imports(imports, code)
    if not imports:
        return code
    return edit_imports(code, lambda sliced: add_imports(parse_module(sliced), list(imports), fmt, first_party).code)


def imports_binding(tree: ast.Module, path: str, names: set[str]) -> list[Import]:
    """The imports of the module at `path` (parsed as `tree`) binding `names`, made absolute."""
    out = []
    dotted = path[:-3].replace("/", ".")
    package = dotted.removesuffix(".__init__") if path.endswith("__init__.py") else dotted.rsplit(".", 1)[0]
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            out += [Import(base, a.name, a.asname) for a in node.names if (a.asname or a.name) in names]
        elif isinstance(node, ast.Import):
            out += [Import(a.name, None, a.asname) for a in node.names if (a.asname or a.name.split(".")[0]) in names]
    return out
