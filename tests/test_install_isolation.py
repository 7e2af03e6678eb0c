"""Installing the tool into a project's own environment changes none of the project's packages:
a pydantic 1 / FastAPI 0.99 project with a pinned black keeps every version it had."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import REPO_ROOT, copy_fixture

PROJECT_PINS = ("fastapi==0.99.1", "pydantic==1.10.27", "black==23.12.1", "rich==13.0.0")


def freeze(python: Path) -> dict[str, str]:
    out = subprocess.run(
        [str(python), "-m", "pip", "freeze"], capture_output=True, text=True, check=True
    ).stdout
    return dict(line.split("==", 1) for line in out.splitlines() if "==" in line)


def test_installing_the_tool_upgrades_nothing_the_project_has(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    pins = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", *PROJECT_PINS], capture_output=True, text=True
    )
    if pins.returncode != 0:
        pytest.skip(
            f"the project's pins cannot be installed here (no package index?): {pins.stderr[-300:]}"
        )
    before = freeze(python)
    tool = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(REPO_ROOT)], capture_output=True, text=True
    )
    assert tool.returncode == 0, tool.stderr[-2000:]
    after = freeze(python)
    changed = {
        name: (version, after.get(name))
        for name, version in before.items()
        if after.get(name) != version
    }
    assert changed == {}, f"the install changed the project's packages: {changed}"
    # and it works there, with the project's older black and rich
    project = copy_fixture("single_file", tmp_path)
    diff = subprocess.run(
        [
            str(venv / "bin" / "add-crud"),
            "Order",
            "total:decimal",
            "--project",
            str(project),
            "--dry-run",
        ],
        capture_output=True,
        text=True,
    )
    assert diff.returncode == 0 and "+++ b/main.py" in diff.stdout, diff.stderr
