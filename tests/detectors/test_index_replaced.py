"""A batch's next index names the modules it read again, and one released goes as soon as nothing
holds it: its routes refer back to it, and without the release only a collection frees it."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from detectors.project import ProjectIndex

APP = """\
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health() -> dict:
    return {"ok": True}
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app/__init__.py").write_text("")
    (tmp_path / "app/main.py").write_text(APP)
    (tmp_path / "app/models.py").write_text("import sqlalchemy\n\nX = 1\n")
    return tmp_path


def _next(root: Path, index: ProjectIndex, path: str, text: str) -> ProjectIndex:
    (root / path).write_text(text)
    return ProjectIndex(root, reuse=index, changed=frozenset({path}))


def test_the_modules_read_again_are_those_whose_files_changed_but_for_those_kept(root: Path) -> None:
    first = ProjectIndex(root)
    second = _next(root, first, "app/main.py", APP + "\nVERSION = 2\n")
    assert [m.path for m in second.replaced(first, kept=ProjectIndex(root))] == ["app/main.py"]
    assert second.replaced(first, kept=first) == []  # the project as it was keeps its modules
    third = _next(root, second, "app/models.py", "import sqlalchemy\n\nX = 2\n")
    assert first.get("app/models.py") is second.get("app/models.py") is not None
    assert third.replaced(second, kept=first) == []  # models.py read again, but first's own


def test_a_released_module_goes_without_a_collection(root: Path) -> None:
    first = ProjectIndex(root)
    second = _next(root, first, "app/main.py", APP + "\nVERSION = 2\n")
    module = second.get("app/main.py")
    assert module is not None and [e.func.name for e in module.endpoints] == ["health"]  # the cycle
    gone = weakref.ref(module)
    third = _next(root, second, "app/main.py", APP + "\nVERSION = 3\n")
    replaced = third.replaced(second, kept=first)
    assert replaced == [module]
    was = gc.isenabled()
    gc.disable()
    try:
        for info in replaced:
            info.release()
        del second, module, replaced, info
        assert gone() is None
    finally:
        if was:
            gc.enable()


def test_without_the_release_the_module_waits_for_a_collection(root: Path) -> None:
    # the reason for the release: the same steps, no release, and the module is still there
    first = ProjectIndex(root)
    second = _next(root, first, "app/main.py", APP + "\nVERSION = 2\n")
    module = second.get("app/main.py")
    assert module is not None and module.endpoints
    gone = weakref.ref(module)
    third = _next(root, second, "app/main.py", APP + "\nVERSION = 3\n")
    assert third.get("app/main.py") is not module
    was = gc.isenabled()
    gc.disable()
    try:
        del second, module
        assert gone() is not None
        gc.collect()
        assert gone() is None
    finally:
        if was:
            gc.enable()
