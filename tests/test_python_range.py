"""The oldest Python the package declares (3.10) installs it and runs both commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import FIXTURES, REPO_ROOT, copy_fixture, snapshot

OLDEST = "python3.10"


def _oldest() -> str | None:
    """A Python 3.10 on PATH, or one pyenv installed (its shims only serve the selected version)."""
    pyenv = sorted(str(p) for p in Path.home().glob(f".pyenv/versions/3.10*/bin/{OLDEST}"))
    for found in filter(None, [shutil.which(OLDEST), *pyenv]):
        probe = subprocess.run(
            [found, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True
        )
        if probe.returncode == 0 and probe.stdout.strip() == "(3, 10)":
            return found
    return None


@pytest.mark.skipif(_oldest() is None, reason=f"{OLDEST} is not installed here")
def test_the_oldest_declared_python_installs_and_runs_the_tool(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([_oldest(), "-m", "venv", str(venv)], check=True)
    install = subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "install", "-q", str(REPO_ROOT)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    diff = subprocess.run(
        [
            str(venv / "bin/add-crud"),
            "Order",
            "total:decimal",
            "--project",
            str(project),
            "--dry-run",
        ],
        capture_output=True,
        text=True,
    )
    assert diff.returncode == 0, diff.stderr
    assert "+++ b/app/routers/orders.py" in diff.stdout and snapshot(project) == before
    profile = subprocess.run(
        [str(venv / "bin/detect-conventions"), str(FIXTURES / "users_only"), "--json"],
        capture_output=True,
        text=True,
    )
    assert profile.returncode == 0 and profile.stdout.lstrip().startswith("{"), profile.stderr
    assert sys.version_info >= (3, 10)
