"""Shared fixtures: fresh copies of the fixture projects."""

from __future__ import annotations

import compileall
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.harness import copy_fixture


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the tool's modules once: the suite starts the tool hundreds of times, and where
    PYTHONDONTWRITEBYTECODE is set (an editable install writes no bytecode of its own) each start
    would compile all of them again, half a second apiece. An installed tool has them compiled."""
    root = Path(__file__).resolve().parents[1]
    for package in ("codemods", "detectors"):
        compileall.compile_dir(root / package, quiet=1)


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
