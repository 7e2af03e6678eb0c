"""The plan of a run, remembered: the same run on an unchanged project answers at once.

A plan depends on the arguments, the tool and the project's files, nothing else. Its entry is
found by a digest of those three:

- the settings (every option, the project path) and the working directory;
- the tool: the path, size and mtime of each of its own modules, and the versions of Python,
  libcst, ruff and black, whose output the plan holds;
- the project: the path, size and mtime (and change time) of every file, not only the Python
  ones (pyproject.toml, alembic.ini and .env decide conventions too), skipping the directories
  detection skips (.git, virtual environments, caches).

Any change to any of them gives another digest, so an entry is never stale: it is simply not
found. Entries live in the user's cache directory (codemods/cache_home.py), never in the
project, one file each, written to a temporary name and renamed into place, so concurrent runs
never read half an entry; an entry that cannot be read is a miss. The oldest entries beyond
`KEEP` are removed.
Pickle is read only from that directory, the user's own. `ADD_CRUD_CACHE_DIR` moves the cache;
`--no-cache` or `ADD_CRUD_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from codemods.cache_home import cache_home
from detectors.project import SKIP_DIRS  # what detection never reads

T = TypeVar("T")
KEEP = 64  # entries kept; a plan is the size of the files it edits, a few hundred KB at most



def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is off."""
    return cache_home("plans")


def project_files(root: Path) -> list[tuple[str, int, int, int]]:
    """(relative path, size, mtime, ctime) of every file under `root` that detection could read."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        for name in filenames:
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
            except OSError:  # gone meanwhile, or a dangling link: it is no input
                continue
            out.append((os.path.relpath(path, root), st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    out.sort()
    return out


def _tool() -> list[object]:
    import importlib.metadata

    here = Path(__file__).resolve().parents[2]  # the directory holding codemods/ and detectors/
    parts: list[object] = [sys.version, sys.executable]
    for package in ("codemods", "detectors"):
        parts += [(p, s, m) for p, s, m, _ in project_files(here / package) if p.endswith(".py")]
    for dist in ("libcst", "ruff", "black"):
        try:
            parts.append((dist, importlib.metadata.version(dist)))
        except importlib.metadata.PackageNotFoundError:
            parts.append((dist, None))
    return parts


def digest(settings: object, project: Path) -> str:
    """The entry's name: a digest of the settings, the working directory, the tool and the project."""
    material = repr((repr(settings), os.getcwd(), _tool(), project_files(project)))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


class Recorder:
    """A console that keeps what is printed to it, to print it again when the entry is used."""

    def __init__(self, console: Any):
        self.console = console
        self.printed: list[tuple[tuple[str, ...], dict[str, Any]]] = []
        self.replayable = True  # only text can be kept (a table or a renderable cannot)

    def print(self, *args: Any, **kwargs: Any) -> None:
        self.replayable = self.replayable and all(isinstance(a, str) for a in args)
        self.printed.append((args, kwargs))
        self.console.print(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.console, name)


def remembered(settings: object, project: Path, console: Any, compute: Callable[[Any], T]) -> T:
    """`compute(console)`, or what it gave the last time for the same settings, tool and project
    files (what it printed is printed again)."""
    where = cache_dir()
    if where is None:
        return compute(console)
    name = digest(settings, project)
    entry = where / name
    try:
        with open(entry, "rb") as f:
            printed, value = pickle.load(f)
    except FileNotFoundError:
        pass
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        _remove(entry)  # truncated, or its classes moved since: it is a miss, and is replaced
    else:
        for args, kwargs in printed:
            console.print(*args, **kwargs)
        return value
    recorder = Recorder(console)
    value = compute(recorder)
    if recorder.replayable:
        _store(where, name, (recorder.printed, value))
    return value


def _store(where: Path, name: str, entry: object) -> None:
    """Write the entry under a temporary name, then rename it into place; never fail the run."""
    tmp = None
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)  # plans hold project code: the user's alone
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, where / name)
        _prune(where)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        # a read-only home, a full disk, something that cannot be pickled: the run goes on uncached
        if tmp is not None:
            _remove(Path(tmp))


def _prune(where: Path) -> None:
    entries = []
    for path in where.iterdir():
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:  # another run removed it meanwhile
            continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        _remove(path)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:  # another run removed it first, or the directory is read-only
        return
