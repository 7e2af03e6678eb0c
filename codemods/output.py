"""Render a plan as a diff or a `git apply`-able patch (writing it is safe_write's job)."""

from __future__ import annotations

import difflib
from pathlib import Path

from codemods.plan import Plan


def unified_diff(plan: Plan, root: Path | None = None) -> str:
    """A `git apply`-able patch: a/ b/ prefixes, created files from /dev/null. With the project
    root, the lines of a CRLF file end in CRLF, as they do on disk, so the patch applies, and the
    paths are the git work tree's (`backend/app/models.py` for a project in `backend/`), as its
    own `git diff` names them: `git apply` reads them so, from the top or from the project."""
    chunks: list[str] = []
    prefix = work_tree_prefix(root) if root is not None else ""
    for edit in plan.changed:
        crlf = root is not None and not edit.created and _crlf(root / edit.path)
        old_lines = (edit.old or "").splitlines(keepends=True)
        new_lines = edit.new.splitlines(keepends=True)
        path = prefix + edit.path
        if edit.created:
            header = [f"diff --git a/{path} b/{path}\n", "new file mode 100644\n"]
            fromfile = "/dev/null"
        else:
            header = [f"diff --git a/{path} b/{path}\n"]
            fromfile = f"a/{path}"
        body = list(difflib.unified_diff(old_lines, new_lines, fromfile, f"b/{path}", n=3))
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


def work_tree_prefix(root: Path) -> str:
    """Where the project lies in the git work tree holding it (`backend/`), or "" at its top or
    outside any: `git apply` takes a patch's paths from the top of the work tree."""
    root = root.resolve()
    for top in (root, *root.parents):
        if (top / ".git").exists():
            inside = root.relative_to(top).as_posix()
            return "" if inside == "." else inside + "/"
    return ""
