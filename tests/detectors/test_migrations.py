"""detect_migrations: Alembic from alembic.ini's script_location or an alembic env.py, else none."""

from __future__ import annotations

import pytest

from detectors.migrations import detect_migrations
from tests.detectors._project import assert_finding

MAIN = {"app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n"}
ENV_PY = """
    from alembic import context

    from app.models import Base

    target_metadata = Base.metadata
"""

CASES = [
    pytest.param(
        {
            **MAIN,
            "alembic.ini": "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite://\n",
            "migrations/env.py": ENV_PY,
        },
        {"kind": "alembic", "directory": "migrations/versions"},
        id="alembic-ini-script-location",
    ),
    pytest.param(
        {**MAIN, "alembic.ini": "[alembic]\nscript_location = %(here)s/alembic\n"},
        {"kind": "alembic", "directory": "alembic/versions"},
        id="alembic-ini-here-placeholder",
    ),
    pytest.param(
        {**MAIN, "backend/app/alembic/env.py": ENV_PY},
        {"kind": "alembic", "directory": "backend/app/alembic/versions"},
        id="alembic-env-py-without-ini",
    ),
    pytest.param(
        {**MAIN, "scripts/env.py": "import os\n\nDEBUG = os.getenv('DEBUG')\n"},
        {"kind": "none", "directory": None, "note_has": ("alembic.ini", "env.py")},
        id="none",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_migrations(project, files, expected) -> None:
    finding = detect_migrations(project(files))
    assert_finding(finding, expected)
    if finding.kind == "alembic":
        assert finding.evidence
