"""Imports a plan adds follow the module's own style: relative where the module's are.

A module whose imports of the project are all relative (`from ..crud import crud_tiers`) is one a
project may run under another package name (a Dockerfile copying `src/app` to `/code/app`); an
absolute import the plan adds there (`from src.app.crud.crud_customer import crud_customers`,
for a parent's lookup or a cache helper) would no longer import. So where the module before the
plan (the project's own, or for a new one the exemplar it was cloned from) imports the project
only relatively, each absolute import of the project the new text has is written relative to the
module, the same names from the same module:

Before:  from src.app.crud.crud_customer import crud_customers      (in src/app/api/v1/reviews.py)
After:   from ...crud.crud_customer import crud_customers
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace

from codemods.plan import FileEdit
from detectors.project import module_name


def relative_imports(
    edits: tuple[FileEdit, ...], before: dict[str, str | None], first_party: frozenset[str]
) -> tuple[FileEdit, ...]:
    """The edits, the absolute imports of the project each adds written relative where the text
    `before[path]` (the module before the plan, or the exemplar a new one copies) imports the
    project only relatively."""
    out = []
    for edit in edits:
        old = before.get(edit.path)
        if edit.path.endswith(".py") and old is not None and _relative_only(old, first_party):
            edit = replace(edit, new=_relativised(edit.new, edit.path, first_party))
        out.append(edit)
    return tuple(out)


_RELATIVE = re.compile(r"^[ \t]*from[ \t]+\.", re.MULTILINE)


def _relative_only(text: str, first_party: frozenset[str]) -> bool:
    """Whether the text imports the project, and only relatively."""
    if _RELATIVE.search(text) is None:  # most modules, a conftest of hundreds of fixtures among them
        return False
    try:
        imports = [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.ImportFrom)]
    except SyntaxError:
        return False
    relative = any(n.level for n in imports)
    absolute = any(not n.level and (n.module or "").split(".")[0] in first_party for n in imports)
    return relative and not absolute


def _relativised(text: str, path: str, first_party: frozenset[str]) -> str:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text  # the check says what does not compile
    lines = text.splitlines(keepends=True)
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
            continue
        if node.module.split(".")[0] not in first_party:
            continue
        relative = _relative_to(node.module, path)
        if relative is None:
            continue
        at = node.lineno - 1
        spelled = re.compile(rf"(\bfrom\s+){re.escape(node.module)}(\s+import\b)")
        lines[at] = spelled.sub(rf"\g<1>{relative}\g<2>", lines[at], count=1)  # dots and names only
    return "".join(lines)


def _relative_to(target: str, path: str) -> str | None:
    """`target` as a relative module from the module at `path` (None where they share no package)."""
    here = module_name(path).split(".")
    package = here if path.endswith("__init__.py") else here[:-1]
    if package and package[0] != target.split(".")[0] and package[0] == "src":
        package = package[1:]  # a src layout importing its package by its own name
    parts = target.split(".")
    common = 0
    while common < min(len(package), len(parts)) and package[common] == parts[common]:
        common += 1
    if common == 0:
        return None
    return "." * (len(package) - common + 1) + ".".join(parts[common:])


__all__ = ["relative_imports"]
