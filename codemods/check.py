"""Check a plan before writing: every touched module compiles and ruff's pyflakes rules (F) find
nothing new in it. A real linter, not our own symbol table: an undefined name, a redefinition
or an unused import we introduced blocks the write with file:line.
"""

from __future__ import annotations

import ast
import json
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from codemods.errors import TargetError, newer_syntax
from codemods.edited_statements import added_statements
from codemods.plan import FileEdit
from codemods.ruff_bin import ruff_bin, started
from codemods.scratch_space import scratch_dir
from detectors.project import is_newer_syntax, parsed


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


def pyflakes(text: str, path: str, select: str = "F") -> list[Finding]:
    """ruff's F-rule findings for one module's text."""
    return list(_findings(text, path, select))


# (text, path, select) -> findings: a plan checks the same module's text before and after
# several edits. Cleared when full; a batch checks thousands of texts.
_FOUND: dict[tuple[str, str, str], tuple[Finding, ...]] = {}


def prefetch_findings(pairs: list[tuple[str, str]], select: str = "F") -> None:
    """The findings of each (text, path) found side by side, for `pyflakes` to answer at once."""
    _prefetch(pairs, select)


def _findings(text: str, path: str, select: str) -> tuple[Finding, ...]:
    """Once per text. (A batch checks a plan in a thread of its own: the cache may be cleared
    between the run and the lookup, so the run's own answer is used.)"""
    key = (text, path, select)
    found = _FOUND.get(key)
    return found if found is not None else _prefetch([(text, path)], select)[key]


def _prefetch(pairs: list[tuple[str, str]], select: str) -> dict[tuple[str, str, str], tuple[Finding, ...]]:
    """The findings of every (text, path), those not known yet from one ruff run: a process per
    module cost more than the checking. One text goes through stdin; several are written to
    files (`_written`)."""
    out: dict[tuple[str, str, str], tuple[Finding, ...]] = {}
    todo = []
    for text, path in dict.fromkeys(pairs):
        known = _FOUND.get((text, path, select))
        if known is None:
            todo.append((text, path))
        else:
            out[(text, path, select)] = known
    if not todo:
        return out
    if len(_FOUND) > 4096:
        _FOUND.clear()
    args = [ruff_bin(), "check", "--isolated", "--no-cache", "--select", select, "--output-format", "json"]
    if len(todo) == 1:
        (text, path), = todo
        rows = _ruff_json([*args, "--stdin-filename", path, "-"], text, path)
        out[(text, path, select)] = _FOUND[(text, path, select)] = tuple(_finding(path, r) for r in rows)
        _unused_imports_of(out)
        return out
    with tempfile.TemporaryDirectory(prefix="add-crud-check-", dir=scratch_dir()) as tmp:
        files = {str(file): i for i, file in enumerate(_written(tmp, todo))}
        found: dict[int, list[Finding]] = {i: [] for i in range(len(todo))}
        for r in _ruff_json([*args, *files], None, todo[0][1]):
            i = files[str(Path(r["filename"]).resolve())]
            found[i].append(_finding(todo[i][1], r))
    fresh = {(text, path, select): tuple(found[i]) for i, (text, path) in enumerate(todo)}
    _FOUND.update(fresh)
    _unused_imports_of(fresh)
    return {**out, **fresh}


def _unused_imports_of(found: dict[tuple[str, str, str], tuple[Finding, ...]]) -> None:
    """Where all the F rules were asked, the answer to F401 alone (its findings are the same
    whatever else is selected): a wiring asks F401 of the texts the plan's check asks F of."""
    for (text, path, select), findings in found.items():
        if select == "F":
            _FOUND.setdefault((text, path, "F401"), tuple(f for f in findings if f.code == "F401"))


def _ruff_json(args: list[str], text: str | None, path: str) -> list[dict]:
    proc = subprocess.run(args, input=text, capture_output=True, text=True, encoding="utf-8")
    try:
        return json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        raise TargetError(f"{path}: ruff could not check the new text: {proc.stderr.strip()[:200]}") from None


def _finding(path: str, row: dict) -> Finding:
    return Finding(path, row["location"]["row"], row["code"] or "E999", row["message"])


# (text, path) -> the text fixed: a batch fixes the texts of many clones; cleared when full
_FIXED: dict[tuple[str, str], str] = {}


def fix_unused(text: str, path: str) -> str:
    """`text` with unused imports and unused local assignments removed (ruff's own fixes)."""
    if (text, path) not in _FIXED:
        fix_unused_all([(text, path)])
    return _FIXED[(text, path)]


def fix_unused_all(pairs: list[tuple[str, str]]) -> None:
    """`fix_unused` for each (text, path) not fixed yet: one ruff run fixing them as files (see
    `_written`), a process per module cost more than the fixing."""
    todo = list(dict.fromkeys(p for p in pairs if p not in _FIXED))
    if not todo:
        return
    args = [ruff_bin(), "check", "--isolated", "--no-cache", "--select", "F401,F841", "--fix", "--unsafe-fixes",
            "--exit-zero", "--quiet"]
    if len(_FIXED) + len(todo) > 4096:
        _FIXED.clear()
    if len(todo) == 1:
        (text, path), = todo
        proc = subprocess.run(
            [*args, "--stdin-filename", path, "-"], input=text, capture_output=True, text=True, encoding="utf-8", check=False
        )
        _FIXED[(text, path)] = proc.stdout if proc.returncode == 0 and proc.stdout else text
        return
    with tempfile.TemporaryDirectory(prefix="add-crud-fix-", dir=scratch_dir()) as tmp:
        files = _written(tmp, todo)
        proc = subprocess.run([*args, *map(str, files)], capture_output=True, text=True, encoding="utf-8", check=False)
        for (text, path), file in zip(todo, files):
            # read as a text run's output is (newlines as "\n"); a module the fixes would empty
            # is kept as it was, as `fix_unused` keeps it
            fixed = file.read_text(encoding="utf-8") if proc.returncode == 0 else ""
            _FIXED[(text, path)] = fixed or text


def _written(tmp: str, pairs: list[tuple[str, str]]) -> list[Path]:
    """Each (text, path) written under `tmp`, in a folder of its own under the module's own file
    name (`__init__.py` matters to the rules, the folders a module sits in do not, and made one
    by one they cost more than the check), for one ruff run over them all."""
    files = []
    for i, (text, path) in enumerate(pairs):
        file = Path(tmp).resolve() / str(i) / path.rsplit("/", 1)[-1]
        file.parent.mkdir()
        with open(file, "w", encoding="utf-8", newline="") as out:  # the text's own line endings
            out.write(text)
        files.append(file)
    return files


# what a planner hands its finished plan to: `check_edits`, or a batch's `start_check`
Check = Callable[[tuple[FileEdit, ...], dict[str, "str | None"], Callable[[str], str]], object]


def check_edits(
    edits: tuple[FileEdit, ...],
    baselines: dict[str, str | None],
    translate: Callable[[str], str] = lambda text: text,
) -> None:
    """Raise TargetError naming the first new finding. `baselines[path]` is the text whose findings
    are the project's own (the original module, or the exemplar file a new one was cloned from);
    `translate` maps the new resource's names back to the exemplar's, so a habit of the project
    repeated for the new resource (an import kept for its side effect) is not counted as new."""
    start_check(edits, baselines, translate)()


def start_check(
    edits: tuple[FileEdit, ...],
    baselines: dict[str, str | None],
    translate: Callable[[str], str] = lambda text: text,
) -> Callable[[], None]:
    """`check_edits` begun: the modules are compiled now, ruff's run on them is started, and the
    call returned waits for the run and raises what `check_edits` would (at once, if compiling
    found a problem). A batch plans the next resource meanwhile: the run is all waiting, and
    the compiling, which would hold the interpreter from it, is done here."""
    checked = [e for e in edits if e.path.endswith(".py") and e.changes]
    texts = [(e.new, e.path) for e in checked] + [(b, e.path) for e in checked if (b := baselines.get(e.path))]
    # every module of the plan in one ruff run, while the interpreter compiles them
    prefetched = started(_prefetch, texts, "F")
    problems = [_compile_problem(edit) for edit in checked]

    def finish() -> None:
        found = prefetched.result()
        for edit, problem in zip(checked, problems):
            if problem:  # each module's own problems first, in the order they were reported before
                raise TargetError(problem)
            before = baselines.get(edit.path)
            known = {f.code + f.message for f in found[(before, edit.path, "F")]} if before else set()
            for finding in found[(edit.new, edit.path, "F")]:
                if finding.code + finding.message in known:
                    continue
                if finding.code + translate(finding.message) in known:
                    continue
                if finding.code == "F401" and edit.path.endswith("__init__.py") and any(
                    k.startswith("F401") for k in known
                ):
                    continue  # a package that re-exports its modules' names without __all__
                raise TargetError(f"check failed, nothing written: {finding}")

    if any(problems):
        finish()  # a finding of a module before the one that does not compile is named first
    return finish


def _compile_problem(edit: FileEdit) -> str | None:
    """Why the edit's new text cannot be written before pyflakes is asked: it does not compile, or
    the new resource's name shadows a name of the module. None when neither."""
    assert edit.new is not None
    try:
        # from the tree the bindings below and a batch's next index read: the text is parsed once
        compile(added_statements(parsed(edit.new), edit.new, edit.old), edit.path, "exec", dont_inherit=True)
    except SyntaxError as exc:
        if edit.old is not None and is_newer_syntax(edit.old):  # the module's own code, not ours
            return newer_syntax(f"{edit.path}:{exc.lineno}").args[0]
        return f"{edit.path}:{exc.lineno}: the new code does not compile: {exc.msg}"
    # a clash names its cause better than the redefinition pyflakes would report for it
    clash = _new_shadowing(edit.old, edit.new)
    if clash:
        return f"{edit.path}: {clash}; pick another resource name (nothing written)"
    return None


def _bindings(text: str) -> list[tuple[str, str]]:
    """(name, what binds it) for each module-level binding, in order."""
    out = []
    try:
        tree = parsed(text.removeprefix("\ufeff"))  # a BOM is the file's, not code
    except SyntaxError:
        return out  # an old text that does not parse has no bindings to compare with
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            out += [(a.asname or a.name, f"imported from {node.module or '.'}") for a in node.names]
        elif isinstance(node, ast.Import):
            # `import app.auth.models` and `import app.orders.models` both bind the package app
            out += [
                (a.asname, f"import {a.name}") if a.asname else (a.name.split(".")[0], f"import {a.name.split('.')[0]}")
                for a in node.names
            ]
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
