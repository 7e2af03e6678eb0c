"""The last stage: write a plan all-or-nothing, or render it as a diff or a patch."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from codemods.errors import TargetError
from codemods.plan import Plan


def unified_diff(plan: Plan) -> str:
    """A `git apply`-able patch: a/ b/ prefixes, created files from /dev/null."""
    chunks: list[str] = []
    for edit in plan.changed:
        old_lines = (edit.old or "").splitlines(keepends=True)
        new_lines = edit.new.splitlines(keepends=True)
        if edit.created:
            header = [f"diff --git a/{edit.path} b/{edit.path}\n", "new file mode 100644\n"]
            fromfile = "/dev/null"
        else:
            header = [f"diff --git a/{edit.path} b/{edit.path}\n"]
            fromfile = f"a/{edit.path}"
        body = list(difflib.unified_diff(old_lines, new_lines, fromfile, f"b/{edit.path}", n=3))
        for i, line in enumerate(body):
            if not line.endswith("\n"):
                body[i] = line + "\n\\ No newline at end of file\n"
        chunks.append("".join(header + body))
    return "".join(chunks)


def apply_plan(plan: Plan, root: Path) -> None:
    """Write every changed file, or none: check all, stage all to temp files, then rename."""
    for edit in plan.changed:
        target = root / edit.path
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != edit.old:
            raise TargetError(f"{edit.path} changed on disk while planning; nothing was written")
    umask = os.umask(0)
    os.umask(umask)
    staged: list[tuple[Path, Path]] = []
    made_dirs: list[Path] = []
    try:
        for edit in plan.changed:
            target = root / edit.path
            missing = [d for d in (target.parent, *target.parent.parents) if not d.exists()]
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs += missing
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            staged.append((Path(tmp), target))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(edit.new)
            # mkstemp makes 0600 files; a new file gets the usual mode, an edited one keeps its own.
            os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~umask)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for d in sorted(made_dirs, key=lambda d: len(d.parts), reverse=True):
            if d.exists() and not any(d.iterdir()):
                d.rmdir()
        raise
    # Every new text is on disk beside its target; renames are atomic per file.
    for tmp, target in staged:
        os.replace(tmp, target)
