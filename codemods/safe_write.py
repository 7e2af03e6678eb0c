"""Writing a plan so that no interruption leaves a half-changed project.

A run stages every new text, and a copy of every file it replaces, in `.add-crud.journal/` at the
project root. Only when all of that is on disk does it write `journal.json` (atomically, by
rename): from then on the change is committed and will be completed. Then each staged file is
renamed over its target, and the journal directory goes.

Whatever moment the process dies at, the next run (any mode) finds the directory first:
  - no `journal.json`: the change was never committed; the staging is removed, the tree was
    never touched;
  - `journal.json`: the renames are finished (each is atomic and a rename that happened left no
    staged file behind), then the directory goes.
Either way the tree ends untouched or complete, and nothing of ours is left behind.

Files keep their bytes' conventions: CRLF or LF line endings and a UTF-8 BOM are kept per file, a
symlinked file is written through to its target (which must be inside the project), and an
edited file keeps its mode.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from codemods.errors import TargetError
from codemods.plan import FileEdit, Plan

JOURNAL_DIR = ".add-crud.journal"
_BOM = "\ufeff"


@dataclass(frozen=True)
class Convention:
    """How a file spells its bytes: line ending and BOM."""

    newline: str | None = None  # None: a new file, written as planned
    bom: bool = False

    @classmethod
    def of(cls, data: bytes) -> Convention:
        return cls("\r\n" if b"\r\n" in data else "\n", data.startswith(b"\xef\xbb\xbf"))

    def encode(self, text: str) -> bytes:
        body = text if self.newline is None else text.replace("\r\n", "\n").replace("\n", self.newline)
        return ((_BOM if self.bom else "") + body).encode("utf-8")


def read_text(path: Path) -> str:
    """A project file as the planner sees it: UTF-8, BOM dropped, newlines as `\\n`."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TargetError(f"{path.name}: not UTF-8 (byte {exc.start}); nothing was written") from None
    return text.removeprefix(_BOM).replace("\r\n", "\n")


def confined(root: Path, rel: str) -> Path:
    """The real file `rel` names, which must be inside the project once symlinks are resolved,
    and whose every name the filesystem accepts (checked before anything is staged)."""
    limit = os.pathconf(root, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    long = next((part for part in Path(rel).parts if len(os.fsencode(part)) > limit), None)
    if long is not None:
        raise TargetError(f"{long[:40]}...: a file name longer than the filesystem allows ({limit}); pick a shorter name")
    target = (root / rel).resolve()
    if not target.is_relative_to(root.resolve()):
        raise TargetError(f"{rel} resolves to {target}, outside the project; nothing was written")
    if target.is_dir():
        raise TargetError(f"{rel} is a directory, not a file; nothing was written")
    return target


def recover(root: Path) -> str | None:
    """Finish or undo what an interrupted run left; say what was done (None: nothing to do)."""
    journal = root / JOURNAL_DIR
    if not journal.is_dir():
        return None
    record = journal / "journal.json"
    if not record.is_file():
        shutil.rmtree(journal, ignore_errors=True)
        return "an interrupted run had not committed its change: its staging was removed"
    entries = json.loads(record.read_text(encoding="utf-8"))
    for entry in entries:
        staged = journal / entry["staged"]
        if staged.exists():
            _put(staged, root / entry["target"])
    shutil.rmtree(journal, ignore_errors=True)
    return "an interrupted run's committed change was completed"


class _Steps:
    """Counts the filesystem steps; a test passes `crash_at` to die (os._exit) at one of them."""

    def __init__(self, crash_at: int | None):
        self.count, self.crash_at = 0, crash_at

    def __call__(self) -> None:
        self.count += 1
        if self.crash_at is not None and self.count == self.crash_at:
            os._exit(137)  # as SIGKILL would: no cleanup, no finally


def write_plan(plan: Plan, root: Path, crash_at: int | None = None, durable: bool = True) -> int:
    """Write every changed file or none (see the module docstring); the number of steps taken.
    `durable=False` skips the flushes to disk that make the journal survive a power loss: for a
    batch's scratch copy, which no later run reads (a flush also waits for every other write
    in flight, such as the ruff runs of a check)."""
    root = root.resolve()
    step = _Steps(crash_at)
    targets: list[tuple[FileEdit, Path, bytes | None]] = []
    for edit in plan.changed:
        target = confined(root, edit.path)
        current = target.read_bytes() if target.exists() else None
        seen = read_text(target) if current is not None else None
        if seen != (edit.old.removeprefix(_BOM) if edit.old is not None else None):
            raise TargetError(f"{edit.path} changed on disk while planning; nothing was written")
        targets.append((edit, target, current))

    journal = root / JOURNAL_DIR
    try:
        journal.mkdir()
    except FileExistsError:
        raise TargetError(
            f"{JOURNAL_DIR} exists: another add-crud run is writing here (or run again to recover)"
        ) from None
    step()
    try:
        entries = _stage(journal, root, targets, step, _fsync if durable else _no_flush)
    except BaseException:  # an error, not a kill: nothing was committed, nothing stays
        shutil.rmtree(journal, ignore_errors=True)
        raise
    for entry in entries:
        _put(journal / entry["staged"], root / entry["target"])
        step()
    shutil.rmtree(journal)
    step()
    return step.count


def _stage(journal: Path, root: Path, targets, step, flush: Callable[[Path], None]) -> list[dict[str, str]]:
    """Every new text beside the journal, then the journal itself: the commit point."""
    umask = os.umask(0)
    os.umask(umask)
    entries = []
    for i, (edit, target, current) in enumerate(targets):
        convention = Convention.of(current) if current is not None else Convention()
        staged = journal / f"{i}.new"
        staged.write_bytes(convention.encode(edit.new.removeprefix(_BOM) if current is not None else edit.new))
        step()
        mode = target.stat().st_mode & 0o777 if current is not None else 0o666 & ~umask
        os.chmod(staged, mode)
        flush(staged)
        step()
        entries.append({"target": str(target.relative_to(root)), "staged": staged.name})
    pending = journal / "journal.tmp"
    pending.write_text(json.dumps(entries), encoding="utf-8")
    flush(pending)
    step()
    os.replace(pending, journal / "journal.json")  # the commit point
    step()
    return entries


def _put(staged: Path, target: Path) -> None:
    """Rename a staged file over its target; a new file's directories are made only now, after
    the commit point, so an uncommitted run leaves no empty directory behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)


def _no_flush(path: Path) -> None:
    pass


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def uncommitted(root: Path, paths: list[str]) -> list[str]:
    """Which of `paths` have changes git has not committed (none outside a git work tree)."""
    if not paths or shutil.which("git") is None:
        return []
    inside = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"], cwd=root, capture_output=True, text=True
    )
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return []
    status = subprocess.run(
        ["git", "status", "--porcelain", "--", *paths], cwd=root, capture_output=True, text=True
    )
    return sorted({line[3:].strip() for line in status.stdout.splitlines() if line[:2].strip()})

