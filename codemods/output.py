"""Render a plan as a diff or a `git apply`-able patch (writing it is safe_write's job)."""

from __future__ import annotations

import difflib
from pathlib import Path

from codemods.plan import Plan


def unified_diff(plan: Plan, root: Path | None = None) -> str:
    """A `git apply`-able patch: a/ b/ prefixes, created files from /dev/null. With the project
    root, the lines of a CRLF file end in CRLF, as they do on disk, so the patch applies."""
    chunks: list[str] = []
    for edit in plan.changed:
        crlf = root is not None and not edit.created and _crlf(root / edit.path)
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
            elif crlf and not line.startswith(("---", "+++", "@@")):
                body[i] = line[:-1] + "\r\n"
        chunks.append("".join(header + body))
    return "".join(chunks)


def _crlf(path: Path) -> bool:
    try:
        return b"\r\n" in path.read_bytes()
    except OSError:
        return False
