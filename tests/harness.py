"""End-to-end harness: copy a fixture project, run commands in it, run its own test suite."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = REPO_ROOT / "fixtures_repos"
FIXTURE_NAMES = tuple(
    sorted(p.name for p in FIXTURES.iterdir() if (p / "pyproject.toml").is_file())
)
# The resource every end-to-end test adds: a decimal, an enum with a default, optional text, a string.
ORDER = (
    "Order",
    "total:decimal",
    "status:enum[pending,paid]=pending",
    "note:text?",
    "customer_name:str",
)
_IGNORE = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".ruff_cache", "*.db", "*.pyc")
_SUMMARY = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)")


@dataclass(frozen=True)
class SuiteOutcome:
    """What a project's own `pytest` run said."""

    project: Path
    returncode: int
    passed: int
    failed: int
    errors: int
    skipped: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and self.failed == 0 and self.errors == 0 and self.passed > 0

    def passed_in(self, test_path: str) -> int:
        """How many tests of one module passed (needs `-rA` in the pytest arguments)."""
        return sum(
            1 for line in self.output.splitlines() if line.startswith(f"PASSED {test_path}::")
        )

    def explain(self) -> str:
        """A failure message that shows the project's own output."""
        tail = "\n".join(self.output.splitlines()[-80:])
        return (
            f"{self.project.name}: exit {self.returncode}, {self.passed} passed, {self.failed} failed, "
            f"{self.errors} errors, {self.skipped} skipped\n{tail}"
        )


def copy_fixture(name: str, destination: Path) -> Path:
    """A fresh copy of fixtures_repos/NAME (else tests/sample_projects/NAME) at destination/NAME."""
    target = destination / name
    source = (
        FIXTURES / name
        if (FIXTURES / name).is_dir()
        else REPO_ROOT / "tests/sample_projects" / name
    )
    shutil.copytree(source, target, ignore=_IGNORE)
    return target


def run(project: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a command with the project as working directory, this interpreter first on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = str(REPO_ROOT)
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        list(args), cwd=project, env=env, capture_output=True, text=True, timeout=timeout
    )


def run_codemod(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m codemods.add_crud ARGS` inside the project."""
    return run(project, sys.executable, "-m", "codemods.add_crud", *args)


def run_project_tests(project: Path, *pytest_args: str, timeout: float = 600) -> SuiteOutcome:
    """The project's own suite, as its authors run it: `python -m pytest` from its root."""
    proc = run(
        project,
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        *pytest_args,
        timeout=timeout,
    )
    output = proc.stdout + proc.stderr
    counts = {"passed": 0, "failed": 0, "errors": 0, "skipped": 0}
    summary = next(
        (
            line
            for line in reversed(output.splitlines())
            if " in " in line and _SUMMARY.search(line)
        ),
        "",
    )
    for number, word in _SUMMARY.findall(summary):
        key = "errors" if word.startswith("error") else word
        if key in counts:
            counts[key] = int(number)
    return SuiteOutcome(project, proc.returncode, output=output, **counts)


def suite_passes(project: Path, *pytest_args: str, postgres: bool = False) -> SuiteOutcome:
    """Assert the project's suite passes (`run_project_tests`), some test of it run. With
    `postgres` (repository_pg's suite, which skips itself, passing nothing, where no PostgreSQL
    answers on 127.0.0.1:5432) the test skips saying so instead: .ci/run starts PostgreSQL, so
    CI runs it."""
    outcome = run_project_tests(project, *pytest_args)
    if postgres and outcome.skipped and not outcome.passed and not outcome.failed and not outcome.errors:
        pytest.skip(f"{project.name}: PostgreSQL not reachable on 127.0.0.1:5432")
    assert outcome.ok and outcome.passed, outcome.explain()
    return outcome


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file of a project tree by relative path (caches left out), for byte comparisons."""
    files: dict[str, bytes] = {}
    for path in sorted(project.rglob("*")):
        rel = path.relative_to(project).as_posix()
        if path.is_file() and not any(
            part in rel for part in ("__pycache__", ".pytest_cache", ".ruff_cache")
        ):
            if not rel.endswith(".db"):
                files[rel] = path.read_bytes()
    return files
