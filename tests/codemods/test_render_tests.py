"""Generated tests expect what the project's own tests expect of a request without credentials."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from codemods.render.tests import unauthenticated_status
from detectors.project import ProjectIndex


@pytest.mark.parametrize(
    ("test_source", "expected"),
    [
        pytest.param(
            "def test_ping(client):\n    assert client.get('/').status_code == 200\n",
            401,
            id="no-signal",
        ),
        pytest.param(
            """
            def test_list_items_requires_authentication(client):
                response = client.get("/items")
                assert response.status_code == 403
            """,
            403,
            id="httpbearer-on-older-fastapi",
        ),
        pytest.param(
            """
            def test_items_unauthorized(client):
                response = client.get("/items")
                assert response.status_code == 401
            """,
            401,
            id="401",
        ),
    ],
)
def test_unauthenticated_status_is_learned(tmp_path: Path, test_source: str, expected: int) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_items.py").write_text(
        "import pytest\n\n" + textwrap.dedent(test_source)
    )
    ctx = SimpleNamespace(index=ProjectIndex(tmp_path))
    assert unauthenticated_status(ctx) == expected
