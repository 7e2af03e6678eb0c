"""Read a FastAPI project and classify its conventions, each finding with its evidence.

The package's names load on first use (PEP 562): `from detectors.errors import ...` or a run
answered from the result cache then never imports the detectors themselves.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from detectors.conventions import Conventions
    from detectors.detect import detect_conventions
    from detectors.project import ProjectIndex

_HOMES = {"Conventions": "detectors.conventions", "ProjectIndex": "detectors.project", "detect_conventions": "detectors.detect"}

__all__ = ["Conventions", "ProjectIndex", "detect_conventions"]


def __getattr__(name: str) -> object:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'detectors' has no attribute {name!r}")
