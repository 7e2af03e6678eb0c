"""Detection on the other core: on a large project the conventions are detected in a forked
copy while the command imports the planning stages and reads the footprints. They are the same
conventions, and an error is the same error."""

from __future__ import annotations

from pathlib import Path

import pytest

import detectors.detect as detect_module
from detectors.detect import Detection, detect_conventions
from detectors.errors import ProjectError
from detectors.forked import Forked, can_fork
from detectors.project import ProjectIndex
from tests.detectors._project import make_project

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures_repos"

pytestmark = pytest.mark.skipif(not can_fork(), reason="detection apart is forked, on Linux only")


@pytest.fixture
def apart_for_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(detect_module, "APART_MIN_MODULES", 1)


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_the_conventions_detected_apart_are_those_detected_here(
    fixture: str, apart_for_any_size: None
) -> None:
    root = FIXTURES / fixture
    detection = Detection(root, ProjectIndex(root))
    assert detection.apart
    assert detection.conventions() == detect_conventions(root, ProjectIndex(root))
    assert (
        detection.conventions() is detection.conventions()
    )  # asked again: the same, not detected again


def test_a_small_project_is_detected_here_when_asked(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n"})
    detection = Detection(root, ProjectIndex(root))
    assert not detection.apart
    assert detection.conventions().app.variable == "app"


def test_a_project_detection_refuses_is_refused_with_the_same_words(
    tmp_path: Path, apart_for_any_size: None
) -> None:
    root = make_project(tmp_path, {"lib.py": "import pydantic\n\nx = 1\n"})  # no app anywhere
    with pytest.raises(ProjectError) as here:
        detect_conventions(root, ProjectIndex(root))
    detection = Detection(root, ProjectIndex(root))
    assert detection.apart
    with pytest.raises(ProjectError) as apart:
        detection.conventions()
    assert str(apart.value) == str(here.value)


def test_a_copy_that_sends_nothing_leaves_detection_to_this_process(
    tmp_path: Path, apart_for_any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Forked, "result", lambda self: None)
    root = make_project(tmp_path, {"main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n"})
    detection = Detection(root, ProjectIndex(root))
    assert detection.apart and detection.conventions().app.variable == "app"
