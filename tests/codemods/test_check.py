"""check_edits: a plan is refused on the first pyflakes finding it adds, never on the project's own,
and every module of the plan is checked in one ruff run."""

from __future__ import annotations

import subprocess

import pytest

from codemods import check
from codemods.check import check_edits, pyflakes
from codemods.errors import TargetError
from codemods.plan import FileEdit

OLD = "import os\n\n\ndef f():\n    return 1\n"  # the project's own unused import


def _ruff_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    runs: list[list[str]] = []
    real = subprocess.run

    def counting(args, *a, **kw):
        runs.append(list(args))
        return real(args, *a, **kw)

    monkeypatch.setattr(check.subprocess, "run", counting)
    check._FOUND.clear()
    return runs


def test_a_new_undefined_name_is_refused_with_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _ruff_runs(monkeypatch)
    edits = (
        FileEdit("app/a.py", OLD, OLD + "\n\ndef g():\n    return missing\n"),
        FileEdit("app/b.py", None, "def h():\n    return 2\n"),
    )
    with pytest.raises(TargetError, match=r"check failed, nothing written: app/a.py:9: F821 Undefined name `missing`"):
        check_edits(edits, {"app/a.py": OLD})
    assert len(runs) == 1  # both modules and the baseline, one process


def test_the_project_s_own_findings_are_not_the_plan_s(monkeypatch: pytest.MonkeyPatch) -> None:
    _ruff_runs(monkeypatch)
    check_edits((FileEdit("app/a.py", OLD, OLD + "\n\ndef g():\n    return 2\n"),), {"app/a.py": OLD})


def test_findings_read_from_files_equal_those_read_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [("from .a import f\n", "app/__init__.py"), ("from .a import f\n", "app/c.py"), ("def (:\n", "app/d.py")]
    one_by_one = []
    for text, path in texts:
        _ruff_runs(monkeypatch)
        one_by_one.append(pyflakes(text, path))
    runs = _ruff_runs(monkeypatch)
    check._prefetch(texts, "F")
    assert len(runs) == 1
    assert [pyflakes(text, path) for text, path in texts] == one_by_one
    assert one_by_one[0] and one_by_one[0][0].path == "app/__init__.py"  # an unused re-export there
    assert one_by_one[2][0].code in ("E999", "invalid-syntax")  # a syntax error is a finding too


def test_the_first_module_s_problem_is_named_whatever_kind_the_later_ones_are(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compiling runs beside ruff, yet the error is the one the modules give in order: a finding
    of the first module before a syntax error of the second, a syntax error before a finding."""
    _ruff_runs(monkeypatch)
    finding = FileEdit("app/a.py", OLD, OLD + "\n\ndef g():\n    return missing\n")
    broken = FileEdit("app/b.py", None, "def h(:\n    return 2\n")
    with pytest.raises(TargetError, match=r"app/a.py:9: F821"):
        check_edits((finding, broken), {"app/a.py": OLD})
    with pytest.raises(TargetError, match=r"app/b.py:1: the new code does not compile"):
        check_edits((broken, finding), {"app/a.py": OLD})
