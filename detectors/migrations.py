"""Migrations: whether the project keeps Alembic revisions, and where."""

from __future__ import annotations

import configparser

from detectors.conventions import Evidence, MigrationsFinding
from detectors.project import ProjectIndex


def detect_migrations(index: ProjectIndex) -> MigrationsFinding:
    """Alembic from alembic.ini's script_location, else from an env.py importing alembic."""
    ini = index.root / "alembic.ini"
    if ini.is_file():
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(ini, encoding="utf-8")
            location = parser.get("alembic", "script_location", fallback="alembic")
        except configparser.Error:
            location = "alembic"
        location = location.replace("%(here)s/", "").strip("/") or "alembic"
        line = next(
            (i for i, t in enumerate(ini.read_text().splitlines(), 1) if "script_location" in t), 1
        )
        return MigrationsFinding(
            kind="alembic",
            directory=f"{location}/versions",
            evidence=(Evidence("alembic.ini", line, f"script_location = {location}"),),
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
                )
    return MigrationsFinding(kind="none", note="no alembic.ini and no alembic env.py")
