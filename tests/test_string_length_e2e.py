"""A str field written afresh is bounded in the request schemas by the column written for it.

The clone writes a new `str` column as String(255) (a str(..N) one as String(N)); the create and
update schemas say `max_length=255`, so a longer text is a 422 rather than PostgreSQL refusing
the row (asyncpg's StringDataRightTruncationError, a 500). The response schema, which reads rows
(`from_attributes`), takes no bound. Proved on repository_pg, whose suite runs on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import copy_fixture, run_codemod, run_project_tests

# written into the project beside the generated tests: the lengths around the column's
LENGTH_TESTS = '''\
from httpx import AsyncClient


async def test_a_note_as_long_as_its_column_is_taken(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    response = await client.post("/api/v1/gadgets", json={"label": "Lamp", "note": "n" * 255}, headers=auth_headers)
    assert response.status_code == 201, response.text


async def test_a_note_longer_than_its_column_is_a_422(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    response = await client.post("/api/v1/gadgets", json={"label": "Lamp", "note": "n" * 256}, headers=auth_headers)
    assert response.status_code == 422, response.text
    created = await client.post("/api/v1/gadgets", json={"label": "Lamp"}, headers=auth_headers)
    assert created.status_code == 201, created.text
    patched = await client.patch(f"/api/v1/gadgets/{created.json()['id']}", json={"note": "n" * 256}, headers=auth_headers)
    assert patched.status_code == 422, patched.text
'''


def test_a_new_str_column_s_length_is_checked_before_the_database_sees_it(tmp_path: Path) -> None:
    project = copy_fixture("repository_pg", tmp_path)
    proc = run_codemod(project, "Gadget", "label:str", "note:str?", "--yes", "--allow-dirty")
    assert proc.returncode == 0, proc.stderr
    schemas = (project / "app/schemas/gadget.py").read_text()
    assert schemas.count("note: str | None = Field(default=None, max_length=255)") == 2  # create, update
    assert "    note: str | None = None\n" in schemas  # the response schema's
    (project / "tests/test_gadget_lengths.py").write_text(LENGTH_TESTS)
    outcome = run_project_tests(project, "-rA", "tests/test_gadget_lengths.py")
    if outcome.skipped and not outcome.passed:
        pytest.skip("repository_pg: PostgreSQL not reachable on 127.0.0.1:5432")
    assert outcome.ok and outcome.passed == 2, outcome.explain()
