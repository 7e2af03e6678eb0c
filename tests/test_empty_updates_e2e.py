"""A resource keeping one of its exemplar's fields, whose update test sent only fields it drops,
gets an update test sending the kept field: the project's check that `updated_at` moved holds,
and the suite passes (repository_pg's Project: its update test sends `description` alone)."""

from __future__ import annotations

from pathlib import Path

from tests.harness import copy_fixture, run_codemod, suite_passes


def test_an_update_left_sending_nothing_sends_the_field_kept(tmp_path: Path) -> None:
    project = copy_fixture("repository_pg", tmp_path)
    proc = run_codemod(project, "Tag", "name:str", "--like", "Project", "--yes")
    assert proc.returncode == 0, proc.stderr
    tests = (project / "tests/test_tags.py").read_text()
    update = tests.split("async def test_update_tag(", 1)[1].split("\nasync def ")[0]
    assert 'json={"name": "name two"}' in update and 'assert body["name"] == "name two"' in update
    assert 'assert body["updated_at"] > tag["updated_at"]' in update
    suite_passes(project, postgres=True)
