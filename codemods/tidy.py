"""Leave every touched module as the project's own tools would: formatted and imports sorted.

Cloned code is formatted piece by piece; the modules it lands in are judged whole. A module the
project keeps formatted (its text before our edit formats to itself) is formatted whole after it;
a project linting with ruff gets its import blocks sorted by ruff under the project's own
configuration, where the module's imports were sorted before. Modules the project leaves
unformatted or unsorted stay as they are but for our lines.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from codemods.errors import TargetError
from codemods.formatting import FormatStyle, format_code, format_modules
from codemods.plan import FileEdit
from codemods.ruff_bin import ruff_bin


def tidy(
    edits: tuple[FileEdit, ...],
    baselines: dict[str, str | None],
    fmt: FormatStyle,
    root: Path,
    ruff_lint: bool,
    first_party: frozenset[str],
) -> tuple[FileEdit, ...]:
    """The edits with their new texts formatted and import-sorted where the baseline already was."""
    if fmt.formatter:  # the baselines in one ruff run (the new texts are formatted after sorting)
        format_modules([b for e in edits if e.path.endswith(".py") and (b := baselines.get(e.path)) is not None], fmt)
    out = []
    for edit in edits:
        new, base = edit.new, baselines.get(edit.path)
        if edit.path.endswith(".py") and base is not None and new is not None:
            if ruff_lint and _sort_imports(base, edit.path, root, first_party) == base:
                new = _sort_imports(new, edit.path, root, first_party)
            if fmt.formatter and _formats_to_itself(base, fmt):
                new = format_code(new, fmt)
        out.append(edit if new == edit.new else _with_new(edit, new))
    return tuple(out)


def _with_new(edit: FileEdit, new: str) -> FileEdit:
    from dataclasses import replace

    return replace(edit, new=new)


def _formats_to_itself(text: str, fmt: FormatStyle) -> bool:
    try:
        return format_code(text, fmt) == text
    except TargetError:
        return False


# (text, path, root, first party) -> the text sorted: a batch sorts the same module again for each
# resource, its text as the resource before left it. Cleared when full.
_SORTED: dict[tuple[str, str, Path, frozenset[str]], str] = {}


def _sort_imports(text: str, path: str, root: Path, first_party: frozenset[str]) -> str:
    """Ruff's import sorting (I001) with the project's configuration, as `ruff check --fix` would;
    the project's packages are named first-party because modules we create are not on disk yet."""
    key = (text, path, root, first_party)
    if key in _SORTED:
        return _SORTED[key]
    known = ", ".join(f'"{p}"' for p in sorted(first_party))
    proc = subprocess.run(
        [ruff_bin(), "check", "--fix-only", "--select", "I001", "--exit-zero", "--quiet",
         "--config", f"lint.isort.known-first-party = [{known}]", "--stdin-filename", path, "-"],
        input=text, capture_output=True, text=True, cwd=root,
    )
    out = proc.stdout if proc.returncode == 0 and proc.stdout else text
    if len(_SORTED) > 4096:
        _SORTED.clear()
    # ruff fixes until nothing is left to fix: what it gives back is sorted, and sorts to itself
    _SORTED[key] = _SORTED[(out, path, root, first_party)] = out
    return out
