"""The README's preferred install: `pipx install .`, then both commands on a project via --project.

The tool lives in pipx's own environment, on the oldest Python it declares (3.10, which also
proves the declared range installs and runs); the project keeps its own older interpreter (3.9,
in its `.venv`). The tool reads and writes the project's files without importing
them, and `--verify` runs the new tests with the project's interpreter: the generated code must
work on the project's Python, not the tool's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import REPO_ROOT, copy_fixture


def _python(minor: int) -> str | None:
    """A Python 3.MINOR on PATH, or one pyenv installed (its shims only serve the selected one)."""
    name = f"python3.{minor}"
    found = [shutil.which(name), *map(str, sorted(Path.home().glob(f".pyenv/versions/3.{minor}.*/bin/{name}")))]
    for path in filter(None, found):
        probe = subprocess.run([path, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == f"(3, {minor})":
            return path
    return None


def _sh(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, env=env, cwd=cwd, timeout=900)


@pytest.mark.skipif(_python(10) is None or _python(9) is None, reason="python3.10 and python3.9 are not both installed here")
def test_pipx_install_on_the_oldest_declared_python_runs_both_commands_on_an_older_project(tmp_path: Path) -> None:
    tools = tmp_path / "tools"
    _sh(sys.executable, "-m", "venv", str(tools))
    got = _sh(str(tools / "bin/python"), "-m", "pip", "install", "-q", "pipx")
    if got.returncode != 0:
        pytest.skip(f"pipx cannot be installed here (no package index?): {got.stderr.strip()[-200:]}")
    env = dict(os.environ, PIPX_HOME=str(tmp_path / "pipx"), PIPX_BIN_DIR=str(tmp_path / "bin"))
    env.pop("PYTHONPATH", None)
    installed = _sh(str(tools / "bin/pipx"), "install", "--python", _python(10), str(REPO_ROOT), env=env)
    assert installed.returncode == 0, installed.stderr[-2000:]

    project = copy_fixture("legacy_orm_mode", tmp_path)
    _sh(_python(9), "-m", "venv", str(project / ".venv"))
    deps = _sh(str(project / ".venv/bin/python"), "-m", "pip", "install", "-q", "-e", ".[dev]", cwd=project)
    if deps.returncode != 0:
        pytest.skip(f"the project's dependencies cannot be installed here: {deps.stderr.strip()[-200:]}")

    elsewhere = tmp_path / "elsewhere"  # not inside the project: --project finds it
    elsewhere.mkdir()
    profile = _sh(str(tmp_path / "bin/detect-conventions"), str(project), "--json", env=env, cwd=elsewhere)
    assert profile.returncode == 0 and '"orm"' in profile.stdout, profile.stderr
    added = _sh(
        str(tmp_path / "bin/add-crud"), "Order", "total:decimal", "note:text?",
        "--project", str(project), "--verify", "--yes",
        env=env, cwd=elsewhere,
    )
    assert added.returncode == 0, added.stderr
    suite = _sh(str(project / ".venv/bin/python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    assert suite.returncode == 0 and "passed" in suite.stdout, suite.stdout[-2000:]
    assert (project / "tests" / "test_orders.py").is_file() or any(project.rglob("test_order*.py"))
