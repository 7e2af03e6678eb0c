"""Many modules' imports judged or sorted by one ruff run instead of a run each.

Ruff sorts one text per run through stdin, and a run is mostly its start-up: a plan sorted seven
modules or more, each a process, after judging as many (whether the module before, or the
exemplar, was sorted). Ruff also reads files, many in one run, each under the configuration for
its path, as `--stdin-filename` does.

- `judged_on_disk`: whether texts are sorted, for those a file of the project holds as they are
  (the modules before a plan, the exemplar's): ruff is asked which files it would sort, reading
  them where they are and writing nothing.
- `sorted_in_tree`: texts sorted where the project is a copy the run owns (a batch's scratch
  copy): each is written at its own path there, the files are sorted together, their texts read
  back and the copy put back as it was. Writing a file changes nothing ruff decides for the others
  but where an import names it (a module that exists is first-party to ruff's `src` lookup), or
  where it is a package's `__init__` (which package a module is in): those texts are left to
  stdin, as are texts a file could not hold byte for byte.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

# `from x import ...` at the start of a line (the imported names are no module of their own)
_FROM_LINE = re.compile(r"^[ \t]*from[ \t]+([A-Za-z_]\w*)[\w.]*[ \t]+import\b[^;\n]*$")
_IMPORT_WORD = re.compile(r"\bimport\b")
_WORD = re.compile(r"[A-Za-z_]\w*")


def sorted_in_tree(pairs: list[tuple[str, str]], root: Path, args: list[str]) -> dict[tuple[str, str], str]:
    """Each (text, path) it could sort in one run of `args` (ruff's sorting command, files to
    follow) over files written under `root`, -> the sorted text; the others are left out."""
    placed = _placeable(pairs, root)
    if len(placed) < 2:
        return {}
    saved: dict[Path, bytes | None] = {}
    try:
        for text, path in placed:
            target = root / path
            saved[target] = target.read_bytes() if target.exists() else None
            target.write_bytes(text.encode("utf-8"))
        proc = subprocess.run([*args, "--no-cache", *[path for _, path in placed]], check=False, cwd=root, capture_output=True)
        if proc.returncode != 0:
            return {}
        out = {}
        for text, path in placed:
            data = (root / path).read_bytes()
            out[(text, path)] = data.decode("utf-8") if data else text
        return out
    finally:
        for target, data in saved.items():
            if data is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(data)


def judged_on_disk(pairs: list[tuple[str, str]], root: Path, args: list[str]) -> dict[tuple[str, str], bool]:
    """Each (text, path) whose file under `root` holds exactly the text -> whether ruff leaves
    its imports as they are, from one run of `args` (the sorting command) judging the files."""
    real_root = os.path.realpath(root)
    held = []
    for text, path in dict.fromkeys(pairs):
        target = root / path
        try:
            # a BOM is read by ruff from a file and from stdin alike: left to stdin all the same
            if (
                not text.startswith("\ufeff")
                and _inside(root, path, real_root)
                and target.read_bytes() == text.encode("utf-8")
            ):
                held.append((text, path))
        except (OSError, UnicodeEncodeError):
            continue
    if len(held) < 2:
        return {}
    judging = [a for a in args if a != "--fix-only"]  # the same rule and settings, fixing nothing
    proc = subprocess.run(
        [*judging, "--no-cache", "--output-format", "json", *[path for _, path in held]], check=False, cwd=root, capture_output=True
    )
    if proc.returncode != 0:
        return {}
    try:
        rows = [(os.path.realpath(d["filename"]), d.get("code")) for d in json.loads(proc.stdout)]
    except (ValueError, TypeError, KeyError):
        return {}
    unsorted = {name for name, code in rows if code == "I001"}
    # ruff fixes nothing in a file it cannot parse (stdin gives the text back as it came), but
    # may still report it: such a file is left to stdin
    unread = {name for name, code in rows if code != "I001"}
    judged = {}
    for text, path in held:
        name = os.path.realpath(root / path)
        if name not in unread:
            judged[(text, path)] = name not in unsorted
    return judged


def _placeable(pairs: list[tuple[str, str]], root: Path) -> list[tuple[str, str]]:
    """The pairs whose text can be written at its path under `root` without changing what ruff
    decides for any of them, each path once."""
    real_root = os.path.realpath(root)
    seen: set[str] = set()
    fit = []
    for text, path in pairs:
        if path in seen or not _plain(text) or not _inside(root, path, real_root):
            continue
        seen.add(path)
        fit.append((text, path))
    # a module written where there was none: no package's `__init__`, and named by no import
    named = _import_heads([text for text, _ in fit])
    return [
        (text, path)
        for text, path in fit
        if (root / path).exists() or (Path(path).name != "__init__.py" and Path(path).stem not in named)
    ]


def _plain(text: str) -> bool:
    """Whether the text reads back from a file as it was written (stdin keeps a BOM and carriage
    returns as the plan has them, a file may not), and its import lines can be read by line."""
    return bool(text) and not text.startswith("\ufeff") and "\r" not in text and "\\\n" not in text


def _inside(root: Path, path: str, real_root: str) -> bool:
    """Whether `path` is a file whose directory is under `root` itself, through no link (a copy
    keeps the project's links: writing through one would write outside it)."""
    parts = Path(path).parts
    if not parts or Path(path).is_absolute() or ".." in parts or not path.endswith(".py"):
        return False
    target = root / path
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return False
    parent = target.parent
    return parent.is_dir() and os.path.realpath(parent) == os.path.join(real_root, *parts[:-1])


def _import_heads(texts: list[str]) -> set[str]:
    """Every first name of a module the texts may import (more, never fewer): the module of a
    `from` line, and every word after `import` on any other line holding it."""
    heads: set[str] = set()
    for text in texts:
        for line in text.splitlines():
            if not _IMPORT_WORD.search(line):
                continue
            from_line = _FROM_LINE.match(line)
            if from_line:
                heads.add(from_line.group(1))
            else:
                heads.update(_WORD.findall(line))
    return heads
