"""Errors raised while planning or applying a codemod; one line each, typed by source."""

from __future__ import annotations

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
