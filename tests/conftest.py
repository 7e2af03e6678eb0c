"""Shared fixtures: fresh copies of the fixture projects."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.harness import copy_fixture


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Factory: `fixture_copy("seed_async")` gives a fresh, private copy of that project."""
    return lambda name: copy_fixture(name, tmp_path)


@pytest.fixture(autouse=True, scope="session")
def private_plan_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tool's result cache (codemods/add_crud/result_cache.py) goes to a directory of the
    session, for the tool run in-process and in subprocesses alike: never the user's own."""
    before = os.environ.get("ADD_CRUD_CACHE_DIR")
    os.environ["ADD_CRUD_CACHE_DIR"] = str(tmp_path_factory.mktemp("plan-cache"))
    yield
    if before is None:
        del os.environ["ADD_CRUD_CACHE_DIR"]
    else:
        os.environ["ADD_CRUD_CACHE_DIR"] = before
