"""The new code uses nothing newer than the libraries the project declares.

A uuid column is written with `sqlalchemy.Uuid`, which SQLAlchemy 2.0 added: in a project pinning
SQLAlchemy 1.3 the app would no longer import. What the project's own code uses already is
known to be there; only names the edits bring in are looked up, in `SINCE`.
"""

from __future__ import annotations

import ast

from codemods.plan import FileEdit
from detectors.conventions import Libraries
from detectors.project import parsed

# (module, name) -> (the distribution, the first version that has it)
SINCE: dict[tuple[str, str], tuple[str, tuple[int, ...]]] = {
    ("sqlalchemy", "Uuid"): ("SQLAlchemy", (2, 0)),
    ("sqlalchemy", "Double"): ("SQLAlchemy", (2, 0)),
    ("sqlalchemy.orm", "Mapped"): ("SQLAlchemy", (2, 0)),
    ("sqlalchemy.orm", "mapped_column"): ("SQLAlchemy", (2, 0)),
    ("sqlalchemy.orm", "DeclarativeBase"): ("SQLAlchemy", (2, 0)),
}


def _names(text: str | None) -> set[tuple[str, str]]:
    """(module, name) of each name of `SINCE` the text takes from a module: imported, or read as
    an attribute of an imported module (`sa.Uuid`)."""
    if not text or not any(name in text for _, name in SINCE):
        return set()  # most modules of a large batch: no tree to walk
    try:
        tree = parsed(text)  # the tree the check parses too
    except SyntaxError:
        return set()  # the check says what does not compile
    aliases: dict[str, str] = {}
    found: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found |= {(node.module, a.name) for a in node.names}
        elif isinstance(node, ast.Import):
            aliases.update({a.asname or a.name: a.name for a in node.names})
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            found.add((aliases[node.value.id], node.attr))
    return found


def too_new(edits: tuple[FileEdit, ...], libraries: Libraries) -> str | None:
    """Why the edits cannot run on the library versions the project declares (`libraries`, as
    detection read them), or None."""
    for edit in edits:
        if not edit.path.endswith(".py") or edit.new is None:
            continue
        brought = _names(edit.new) & SINCE.keys()
        for module, name in sorted(brought - _names(edit.old) if brought else ()):
            package, since = SINCE[(module, name)]
            declared = libraries.version(package)
            if declared is not None and declared.version < since:
                wanted = ".".join(map(str, since))
                return (
                    f"{edit.path}: the new code uses {module}.{name}, which {package} {wanted} added; the project "
                    f"declares {package} {declared.text} ({declared.source})"
                )
    return None
