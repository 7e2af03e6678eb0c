"""detect_migrations: Alembic from alembic.ini's script_location or an alembic env.py, else none."""

from __future__ import annotations

import ast
import textwrap

import pytest

from detectors.migrations import detect_migrations, revision_heads, revision_links
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
        {**MAIN, "alembic.ini": "[alembic]\nsqlalchemy.url = sqlite://\n", "migrations/env.py": ENV_PY},
        {"kind": "alembic", "directory": "migrations/versions"},
        id="alembic-ini-without-script-location-the-env-py-tells",
    ),
    pytest.param(
        {
            **MAIN,
            "alembic.ini": (
                "[alembic]\nscript_location = migrations\ntruncate_slug_length = 30\n"
                "file_template = %%(year)d_%%(month).2d_%%(day).2d-%%(rev)s_%%(slug)s\n"
            ),
            "migrations/env.py": ENV_PY,
        },
        {
            "kind": "alembic",
            "file_template": "%(year)d_%(month).2d_%(day).2d-%(rev)s_%(slug)s",  # as alembic reads it
            "slug_length": 30,
        },
        id="alembic-ini-file-template",
    ),
    pytest.param(
        {**MAIN, "alembic.ini": "[alembic]\nscript_location = migrations\n", "migrations/env.py": ENV_PY},
        {"kind": "alembic", "file_template": None, "slug_length": 40},  # alembic's defaults
        id="alembic-ini-without-file-template",
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


def _links(source: str) -> tuple[str | None, tuple[str, ...]]:
    return revision_links(ast.parse(textwrap.dedent(source)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('revision = "b2"\ndown_revision = "a1"\n', ("b2", ("a1",))),
        ('revision: str = "a1"\ndown_revision: str | None = None\n', ("a1", ())),
        (  # a merge revision, its parents over several lines
            """
            revision: str = "m3"
            down_revision: tuple = (
                "b2",
                "c2",
            )
            depends_on = None
            """,
            ("m3", ("b2", "c2")),
        ),
        ('revision = "d4"\ndown_revision = None\ndepends_on = ["m3"]\n', ("d4", ("m3",))),
        ("x = 1\n", (None, ())),
    ],
    ids=["one-parent", "first", "merge", "depends-on", "no-revision"],
)
def test_revision_links_reads_every_way_of_naming_the_parents(source: str, expected) -> None:
    assert _links(source) == expected


def test_a_merge_revision_leaves_one_head_as_alembic_heads_does() -> None:
    links = [("a1", ()), ("b2", ("a1",)), ("c2", ("a1",)), ("m3", ("b2", "c2")), ("d4", ("m3",))]
    assert revision_heads(links) == ["d4"]
    assert revision_heads(links[:3]) == ["b2", "c2"]  # two branches not merged yet
