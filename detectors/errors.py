"""Typed, one-line errors shared by both halves of the tool.

The CLIs print `str(error)` and exit 2; a traceback is only shown with `--debug`.
"""

from __future__ import annotations


class CrudToolError(Exception):
    """Base of every error the tool reports to a user as one line."""

    kind = "error"

    def __str__(self) -> str:
        return f"{self.kind}: {self.args[0] if self.args else ''}"


class ProjectError(CrudToolError):
    """The project cannot be read (missing directory, no FastAPI app)."""

    kind = "project error"


class ConventionError(CrudToolError):
    """A convention the codemod needs is unknown or unsupported."""

    kind = "convention error"
