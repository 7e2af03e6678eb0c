"""`--verify`: the plan is tried in a scratch copy before it touches the project.

The copy gets the plan, then the project's interpreter (its `.venv`/`venv` if it has one, else
the one running add_crud) imports the app and runs the test modules the plan wrote or changed.
Anything but success names what failed, and the project stays as it was.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from codemods.errors import CrudToolError
from codemods.plan import Plan
from codemods.safe_write import write_plan

_SKIP = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", ".pytest_cache", "node_modules", "*.db")


class VerifyError(CrudToolError):
    """The planned change did not pass its own verification; nothing was written."""

    kind = "verify failed, nothing written"


def project_python(root: Path) -> str:
    """The project's own interpreter when it keeps a virtualenv in its tree."""
    for venv in (".venv", "venv"):
        for python in (root / venv / "bin" / "python", root / venv / "Scripts" / "python.exe"):
            if python.is_file():
                return str(python)
    return sys.executable


def verify(plan: Plan, root: Path, app_module: str | None, app_attr: str | None) -> int:
    """Raise VerifyError unless the app imports and the plan's tests pass; return how many ran."""
    python = project_python(root)
    tests = [e.path for e in plan.changed if _is_test(e.path)]
    with tempfile.TemporaryDirectory(prefix="add-crud-verify.") as tmp:
        copy = Path(tmp) / root.name
        shutil.copytree(root, copy, ignore=_SKIP, symlinks=True)
        write_plan(plan, copy)
        if app_module:
            script = f"import importlib; getattr(importlib.import_module({app_module!r}), {app_attr or 'app'!r})"
            _run([python, "-c", script], copy, f"the app ({app_module}) does not import")
        if tests:
            _run([python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests], copy, "generated tests fail")
    return len(tests)


def _run(args: list[str], cwd: Path, what: str) -> None:
    try:
        proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        raise VerifyError(f"{what}: timed out") from None
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
        detail = next((ln for ln in reversed(lines) if "Error" in ln or "FAILED" in ln), lines[-1] if lines else "")
        raise VerifyError(f"{what}: {detail.strip()}")


def _is_test(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return path.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))
