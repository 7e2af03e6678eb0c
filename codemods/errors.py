"""Errors raised while planning or applying a codemod; one line each, typed by source."""

from __future__ import annotations

import sys

from detectors.errors import ConventionError, CrudToolError, ProjectError


class ConfigError(CrudToolError):
    """`[tool.add_crud]` in the project's pyproject.toml names an unknown key or a wrong value."""

    kind = "config error"


class SpecError(CrudToolError):
    """The resource spec (name or fields) does not parse."""

    kind = "spec error"


class ResourceExistsError(CrudToolError):
    """Every part of the resource is already in the project."""

    kind = "already exists"


class TargetError(CrudToolError):
    """A file the plan must edit cannot be edited (syntax error, missing anchor)."""

    kind = "target error"


__all__ = [
    "ConfigError",
    "ConventionError",
    "CrudToolError",
    "ProjectError",
    "ResourceExistsError",
    "SpecError",
    "TargetError",
]


def newer_syntax(where: str) -> TargetError:
    """The module at `where` (a path, maybe with its line) is in syntax newer than the Python
    add-crud runs on: detection reads such a module (rewritten, see detectors/project.py), an
    edit of it cannot be planned."""
    version = ".".join(map(str, sys.version_info[:2]))
    return TargetError(
        f"{where}: Python syntax newer than {version}, which add-crud runs on; "
        "install add-crud with the project's Python and run it from there"
    )
