"""Migrations: whether the project keeps Alembic revisions, and where."""

from __future__ import annotations

import ast
import configparser
from collections.abc import Iterable
from pathlib import Path

from detectors.conventions import Evidence, MigrationsFinding
from detectors.project import ProjectIndex


def detect_migrations(index: ProjectIndex) -> MigrationsFinding:
    """Alembic from alembic.ini's script_location, else from an env.py importing alembic."""
    ini = index.root / "alembic.ini"
    location = _script_location(ini) if ini.is_file() else None
    naming = _naming(ini) if ini.is_file() else {}
    if location is not None:
        line = next(
            (i for i, t in enumerate(ini.read_text().splitlines(), 1) if "script_location" in t), 1
        )
        return MigrationsFinding(
            kind="alembic",
            directory=f"{location}/versions",
            evidence=(Evidence("alembic.ini", line, f"script_location = {location}"),),
            **naming,
        )
    for rel in index.files:
        if rel.endswith("/env.py"):
            text = (index.root / rel).read_text(encoding="utf-8", errors="replace")
            if "from alembic import context" in text:
                directory = rel.rsplit("/", 1)[0]
                return MigrationsFinding(
                    kind="alembic",
                    directory=f"{directory}/versions",
                    evidence=(Evidence(rel, 1, "alembic env.py"),),
                    **naming,
                )
    if ini.is_file():  # an alembic.ini leaving script_location to the code that runs it
        return MigrationsFinding(
            kind="alembic",
            directory="alembic/versions",
            evidence=(Evidence("alembic.ini", 1, "alembic.ini"),),
            **naming,
        )
    return MigrationsFinding(kind="none", note="no alembic.ini and no alembic env.py")


def _script_location(ini: Path) -> str | None:
    """alembic.ini's script_location, where it sets one (a project may set it in code instead,
    `Config.set_main_option`: then the env.py importing alembic tells where the scripts are)."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(ini, encoding="utf-8")
        location = parser.get("alembic", "script_location", fallback=None)
    except configparser.Error:
        return "alembic"
    if location is None:
        return None
    return location.replace("%(here)s/", "").strip("/") or "alembic"


def _naming(ini: Path) -> dict:
    """How alembic names a new revision's file: alembic.ini's file_template (the `%%` configparser
    needs unescaped, as alembic reads it) and truncate_slug_length, where the file sets them."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(ini, encoding="utf-8")
        template = parser.get("alembic", "file_template", fallback=None)
        length = parser.get("alembic", "truncate_slug_length", fallback=None)
    except configparser.Error:
        return {}
    naming: dict = {}
    if template and template.strip():
        naming["file_template"] = template.strip().replace("%%", "%")
    if length is not None and length.strip().isdigit():
        naming["slug_length"] = int(length)
    return naming


def revision_links(tree: ast.Module) -> tuple[str | None, tuple[str, ...]]:
    """An Alembic revision module's id and the ids it comes after: its down_revision and
    depends_on, each None, an id, or a tuple or list of ids (a merge revision has several)."""
    values: dict[str, ast.expr] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            values[stmt.targets[0].id] = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            values[stmt.target.id] = stmt.value
    revision = _ids(values.get("revision"))
    parents = _ids(values.get("down_revision")) + _ids(values.get("depends_on"))
    return (revision[0] if revision else None), parents


def _ids(node: ast.expr | None) -> tuple[str, ...]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value,)
    if isinstance(node, (ast.Tuple, ast.List)):
        return tuple(e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
    return ()


def revision_heads(links: Iterable[tuple[str | None, tuple[str, ...]]]) -> list[str]:
    """The revisions nothing comes after, as `alembic heads` lists them (a depends_on is, for
    this, a parent like a down_revision), in the order given."""
    links = [(rid, parents) for rid, parents in links if rid]
    after = {p for _, parents in links for p in parents}
    return [rid for rid, _ in links if rid not in after]
