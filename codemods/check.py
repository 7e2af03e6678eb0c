"""Check a plan before writing: every touched module compiles and ruff's pyflakes rules (F) find
nothing new in it. A real linter, not our own symbol table: an undefined name, a redefinition
or an unused import we introduced blocks the write with file:line.
"""

from __future__ import annotations

import ast
import functools
import json
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

from codemods.errors import TargetError
from codemods.plan import FileEdit


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


@functools.cache
def _ruff() -> str:
    from ruff.__main__ import find_ruff_bin

    return find_ruff_bin()


def pyflakes(text: str, path: str, select: str = "F") -> list[Finding]:
    """ruff's F-rule findings for one module's text."""
    return list(_findings(text, path, select))


@functools.lru_cache(maxsize=512)
def _findings(text: str, path: str, select: str) -> tuple[Finding, ...]:
    """Once per text: a plan checks the same module's text before and after several edits."""
    proc = subprocess.run(
        [_ruff(), "check", "--isolated", "--select", select, "--output-format", "json",
         "--stdin-filename", path, "-"],
        input=text, capture_output=True, text=True,
    )
    try:
        rows = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        raise TargetError(f"{path}: ruff could not check the new text: {proc.stderr.strip()[:200]}") from None
    return tuple(Finding(path, r["location"]["row"], r["code"] or "E999", r["message"]) for r in rows)


def fix_unused(text: str, path: str) -> str:
    """`text` with unused imports and unused local assignments removed (ruff's own fixes)."""
    proc = subprocess.run(
        [_ruff(), "check", "--isolated", "--select", "F401,F841", "--fix", "--unsafe-fixes",
         "--exit-zero", "--quiet", "--stdin-filename", path, "-"],
        input=text, capture_output=True, text=True,
    )
    return proc.stdout if proc.returncode == 0 and proc.stdout else text


def check_edits(
    edits: tuple[FileEdit, ...],
    baselines: dict[str, str | None],
    translate: Callable[[str], str] = lambda text: text,
) -> None:
    """Raise TargetError naming the first new finding. `baselines[path]` is the text whose findings
    are the project's own (the original module, or the exemplar file a new one was cloned from);
    `translate` maps the new resource's names back to the exemplar's, so a habit of the project
    repeated for the new resource (an import kept for its side effect) is not counted as new."""
    for edit in edits:
        if not edit.path.endswith(".py") or not edit.changes:
            continue
        try:
            compile(edit.new, edit.path, "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise TargetError(f"{edit.path}:{exc.lineno}: the new code does not compile: {exc.msg}") from None
        # a clash names its cause better than the redefinition pyflakes would report for it
        clash = _new_shadowing(edit.old, edit.new)
        if clash:
            raise TargetError(f"{edit.path}: {clash}; pick another resource name (nothing written)")
        before = baselines.get(edit.path)
        known = {f.code + f.message for f in pyflakes(before, edit.path)} if before else set()
        for finding in pyflakes(edit.new, edit.path):
            if finding.code + finding.message in known:
                continue
            if finding.code + translate(finding.message) in known:
                continue
            if finding.code == "F401" and edit.path.endswith("__init__.py") and any(
                k.startswith("F401") for k in known
            ):
                continue  # a package that re-exports its modules' names without __all__
            raise TargetError(f"check failed, nothing written: {finding}")


def _bindings(text: str) -> list[tuple[str, str]]:
    """(name, what binds it) for each module-level binding, in order."""
    out = []
    try:
        tree = ast.parse(text.removeprefix("\ufeff"))  # a BOM is the file's, not code
    except SyntaxError:
        return out  # an old text that does not parse has no bindings to compare with
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            out += [(a.asname or a.name, f"imported from {node.module or '.'}") for a in node.names]
        elif isinstance(node, ast.Import):
            out += [(a.asname or a.name.split(".")[0], f"import {a.name}") for a in node.names]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.append((node.name, "defined here"))
    return out


def _new_shadowing(old: str | None, new: str) -> str | None:
    """A name the new text binds twice, two different ways (`from fastapi import Depends` and
    `from app.models import Depends`), where the old text did not: the new resource's name
    shadows something the module uses."""
    def clashes(text: str) -> dict[str, tuple[str, str]]:
        first: dict[str, str] = {}
        found = {}
        for name, how in _bindings(text):
            if name in first and first[name] != how and name not in found:
                found[name] = (first[name], how)
            first.setdefault(name, how)
        return found

    before = clashes(old) if old else {}
    for name, (one, other) in clashes(new).items():
        if name not in before:
            return f"{name} would be both {one} and {other}"
    return None
