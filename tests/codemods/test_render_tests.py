"""Tests written from the templates: they expect what the project's own tests expect of a request
without credentials, and post rows whose unique fields differ."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from codemods.render.tests import _value, unauthenticated_status
from codemods.spec import parse_resource
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


def test_a_unique_text_too_short_for_its_words_and_a_suffix_is_drawn_at_random() -> None:
    """`code:str(3..12)!`: "Code 1 <8 hex>" is 15 characters; rows still need distinct codes
    (the suite's tests share a database), and the module's `import uuid` is then used."""
    short, roomy, tiny = parse_resource("Shipment", ("code:str(3..12)!", "label:str!", "tag:str(..6)!")).fields
    assert _value(short, "n") == "uuid.uuid4().hex[:8]"
    assert _value(roomy, "n") == 'f"Label {n} {uuid.uuid4().hex[:8]}"'
    assert "uuid" not in _value(tiny, "n")  # six characters: counted from n instead
