"""The project's settings object: a pydantic `BaseSettings` class and the instance the code reads."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from detectors._ast import last_name
from detectors.project import ProjectIndex


@dataclass(frozen=True)
class SettingsObject:
    """Where the settings live: `settings = Settings()` in app/config.py."""

    path: str
    module: str
    class_name: str
    instance: str | None  # None: built elsewhere (a `get_settings()` factory)
    line: int
    upper: bool = False  # its fields are spelled in capitals (`DATABASE_URL`)


def detect_settings(index: ProjectIndex) -> SettingsObject | None:
    """The first settings class of the project (not its tests), with its module-level instance."""
    for path in index.files:
        info = index.get(path)
        if info is None or info.is_test or "BaseSettings" not in info.source:
            continue
        classes = {s.name: s for s in info.tree.body if isinstance(s, ast.ClassDef)
                   and any(last_name(b) == "BaseSettings" for b in s.bases)}
        if not classes:
            continue
        for stmt in info.tree.body:
            if (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)
                    and last_name(stmt.value.func) in classes and isinstance(stmt.targets[0], ast.Name)):
                cls = classes[last_name(stmt.value.func)]
                return SettingsObject(path, info.name, cls.name, stmt.targets[0].id, cls.lineno, _upper(cls))
        cls = next(iter(classes.values()))
        return SettingsObject(path, info.name, cls.name, None, cls.lineno, _upper(cls))
    return None


def _upper(cls: ast.ClassDef) -> bool:
    names = [s.target.id for s in cls.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
    return sum(n.isupper() for n in names) * 2 > len(names)
