"""The version of a library the project declares: `SQLAlchemy==1.3.19` in requirements.txt.

Read from what pins or bounds it from below, first found wins: the lock files (poetry.lock,
uv.lock: the version installed), then requirements*.txt and pyproject.toml (`==`, `~=`, `>=`, a
poetry caret or tilde: the oldest version the project accepts). Generated code must run on that
version; None where the project declares none.

`detect_libraries` reads, with the other conventions, what the stages after need of it: the
versions of the libraries whose newer names generated code may use, and whether the project's
SQLModel `Field` takes `ondelete`.
"""

from __future__ import annotations

import re
from pathlib import Path

from detectors._ast import last_name
from detectors._toml import tomllib
from detectors.conventions import LIBRARIES, Declared, Libraries
from detectors.project import ProjectIndex


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _version(text: str) -> tuple[int, ...] | None:
    found = re.match(r"\s*(\d+(?:\.\d+)*)", text)
    return tuple(int(p) for p in found.group(1).split(".")) if found else None


def _from_requirement(line: str, package: str) -> tuple[int, ...] | None:
    """`SQLAlchemy[asyncio]==1.3.19 ; python_version < "3.12"` -> (1, 3, 19) for sqlalchemy."""
    found = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(===|==|~=|>=)\s*([0-9][^,;\s]*)", line)
    if found is None or _normal(found.group(1)) != _normal(package):
        return None
    return _version(found.group(4))


def _from_lock(text: str, package: str) -> tuple[int, ...] | None:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return None
    for entry in data.get("package", []):
        if isinstance(entry, dict) and _normal(str(entry.get("name", ""))) == _normal(package):
            return _version(str(entry.get("version", "")))
    return None


def _from_pyproject(text: str, package: str) -> tuple[int, ...] | None:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return None
    for line in data.get("project", {}).get("dependencies", []) or []:
        found = _from_requirement(str(line), package)
        if found is not None:
            return found
    poetry = data.get("tool", {}).get("poetry", {}).get("dependencies", {}) or {}
    for name, spec in poetry.items():
        if _normal(name) == _normal(package):
            value = spec.get("version", "") if isinstance(spec, dict) else str(spec)
            return _version(value.lstrip("^~=> "))
    return None


def _text(path: Path) -> str:
    """A requirements file's text: UTF-8, or UTF-16 where it starts with that byte order mark
    (as `pip freeze > requirements.txt` writes it in Windows PowerShell)."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def declared_version(root: Path, package: str) -> Declared | None:
    """The version of `package` the project at `root` declares (see the module docstring)."""
    for name in ("poetry.lock", "uv.lock"):
        path = root / name
        found = _from_lock(path.read_text(encoding="utf-8", errors="replace"), package) if path.is_file() else None
        if found is not None:
            return Declared(found, name)
    for path in sorted(root.glob("requirements*.txt")):
        for line in _text(path).splitlines():
            found = _from_requirement(line, package)
            if found is not None:
                return Declared(found, path.name)
    path = root / "pyproject.toml"
    found = _from_pyproject(path.read_text(encoding="utf-8", errors="replace"), package) if path.is_file() else None
    return Declared(found, "pyproject.toml") if found is not None else None


# the first SQLModel whose `Field` takes `ondelete` (with `foreign_key`)
FIELD_ONDELETE_SINCE = (0, 0, 21)


def field_takes_ondelete(index: ProjectIndex) -> bool:
    """Whether the project's SQLModel `Field` takes `ondelete`: its own code passes it already,
    or the version it declares has it. Where neither says so, it does not (an older SQLModel
    would refuse the keyword and the app would no longer import)."""
    for info in index.relevant:
        if "ondelete" not in info.source or "sqlmodel" not in info.source:
            continue
        for call in info.calls_to("Field"):
            if last_name(call.func) == "Field" and any(k.arg == "ondelete" for k in call.keywords):
                return True
    declared = declared_version(index.root, "sqlmodel")
    return declared is not None and declared.version >= FIELD_ONDELETE_SINCE


def detect_libraries(index: ProjectIndex) -> Libraries:
    """The project's declarations of `LIBRARIES`, and whether its SQLModel `Field` takes `ondelete`."""
    return Libraries(tuple((name, declared_version(index.root, name)) for name in LIBRARIES), field_takes_ondelete(index))
