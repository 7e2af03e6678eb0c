"""Imports: merge into the module's existing import lines, never duplicate, isort-like placement.

libcst's AddImportsVisitor does this too, but it resolves scope metadata first; measured here it
costs about a second per run against a few milliseconds for this pass over top-level statements.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import libcst as cst

from codemods.formatting import FormatStyle, format_code

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
            froms.setdefault(imp.module, set()).add(imp.name if not imp.alias else f"{imp.name} as {imp.alias}")
    for imp in plain:
        line = f"import {imp.module}" + (f" as {imp.alias}" if imp.alias else "")
        by_section.setdefault(section(imp.module, first_party), []).append(line)
    for module in sorted(froms, key=lambda m: (m.startswith("."), m.lstrip(".") if not m.startswith(".") else m)):
        names = ", ".join(sorted(froms[module], key=_name_key))
        by_section.setdefault(section(module, first_party), []).append(f"from {module} import {names}")
    return "\n\n".join("\n".join(lines) for _, lines in sorted(by_section.items())) + "\n"


def _module_of(node: cst.ImportFrom) -> str:
    dots = "." * len(node.relative)
    return dots + (cst.helpers.get_full_name_for_node(node.module) or "" if node.module else "")


def _bound_names(module: cst.Module) -> set[str]:
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


def add_imports(module: cst.Module, imports: list[Import], style: FormatStyle,
                first_party: frozenset[str]) -> cst.Module:
    """Add each import unless its name is already bound; extend `from m import ...` lines in place."""
    bound = _bound_names(module)
    wanted = [i for i in dict.fromkeys(imports) if i.bound not in bound]
    if not wanted:
        return module
    body = list(module.body)
    import_positions = [
        i for i, stmt in enumerate(body)
        if isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], (cst.Import, cst.ImportFrom))
    ]
    pending: list[Import] = []
    for imp in wanted:
        if imp.name is None:
            pending.append(imp)
            continue
        for i in import_positions:
            node = body[i].body[0]
            if isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar) \
                    and _module_of(node) == imp.module:
                body[i] = _extend_from(body[i], imp, style)
                break
        else:
            pending.append(imp)
    for imp in pending:
        body = _insert_new(body, imp, style, first_party)
    return module.with_changes(body=body)


def _extend_from(line: cst.SimpleStatementLine, imp: Import, style: FormatStyle) -> cst.SimpleStatementLine:
    node: cst.ImportFrom = line.body[0]
    names = [(a.evaluated_name, a.evaluated_alias) for a in node.names]
    names.append((imp.name, imp.alias))
    if [n for n, _ in names[:-1]] == sorted((n for n, _ in names[:-1]), key=_name_key):
        names.sort(key=lambda na: _name_key(na[0]))
    text = f"from {imp.module} import " + ", ".join(n if not a else f"{n} as {a}" for n, a in names)
    formatted = format_code(text, style)
    new_line = cst.parse_statement(formatted)
    return new_line.with_changes(leading_lines=line.leading_lines)


def _insert_new(body: list, imp: Import, style: FormatStyle, first_party: frozenset[str]) -> list:
    text = f"from {imp.module} import {imp.name}" if imp.name else f"import {imp.module}"
    if imp.alias:
        text += f" as {imp.alias}"
    new_line = cst.parse_statement(format_code(text, style))
    my_section = section(imp.module, first_party)
    positions = []
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], (cst.Import, cst.ImportFrom)):
            node = stmt.body[0]
            mod = _module_of(node) if isinstance(node, cst.ImportFrom) else \
                cst.helpers.get_full_name_for_node(node.names[0].name)
            positions.append((i, mod, section(mod, first_party), isinstance(node, cst.ImportFrom)))
    if not positions:
        # After a module docstring, if any; then a blank line before the code.
        start = 1 if body and _is_docstring(body[0]) else 0
        new_line = new_line.with_changes(leading_lines=[cst.EmptyLine()] if start else [])
        if start < len(body) and not body[start].leading_lines:
            body[start] = body[start].with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        return body[:start] + [new_line] + body[start:]
    same = [p for p in positions if p[2] == my_section]
    is_from = imp.name is not None
    key = (is_from, imp.module)
    if same:
        after = None
        for i, mod, _, frm in same:
            if (frm, mod) <= key:
                after = i
        if after is None:
            first = same[0][0]
            moved = body[first].leading_lines
            body[first] = body[first].with_changes(leading_lines=[])
            return body[:first] + [new_line.with_changes(leading_lines=moved)] + body[first:]
        return body[: after + 1] + [new_line] + body[after + 1:]
    # A new section: after the last import of an earlier section, or before the first later one.
    earlier = [p for p in positions if p[2] < my_section]
    if earlier:
        at = earlier[-1][0] + 1
        return body[:at] + [new_line.with_changes(leading_lines=[cst.EmptyLine()])] + body[at:]
    first = positions[0][0]
    moved = body[first].leading_lines
    body[first] = body[first].with_changes(leading_lines=[cst.EmptyLine()])
    return body[:first] + [new_line.with_changes(leading_lines=moved)] + body[first:]


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.Expr) and isinstance(
        stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
