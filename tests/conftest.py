"""Shared fixtures: fresh copies of the fixture projects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.harness import copy_fixture


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Factory: `fixture_copy("seed_async")` gives a fresh, private copy of that project."""
    return lambda name: copy_fixture(name, tmp_path)
