"""Fixtures for the detector specs: build a small project in tmp_path and index it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from detectors.project import ProjectIndex

pytest.register_assert_rewrite("tests.detectors._project")

from tests.detectors._project import index_project


@pytest.fixture
def project(tmp_path: Path) -> Callable[[Mapping[str, str]], ProjectIndex]:
    """`project({"app/main.py": "..."})` writes the files into tmp_path and returns their index."""
    return lambda files: index_project(tmp_path, files)
