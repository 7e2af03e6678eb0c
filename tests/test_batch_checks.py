"""A batch finishes each resource's check while it plans the next one; what it reports is what
checking each resource in turn would report: the first failure in spec order, nothing written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import codemods.check
from codemods.add_crud.cli import add_crud
from codemods.errors import TargetError
from tests.harness import copy_fixture, snapshot

SPEC = """\
[[resources]]
name = "Order"
fields = ["total:decimal"]

[[resources]]
name = "Report"
fields = ["title:str"]

[[resources]]
name = "Tag"
fields = ["label:str"]
"""


def _failing_check_for(monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    """The check of the resource whose files spell `word` fails, in either way a batch checks."""

    def fails(edits) -> bool:
        return any(word in e.path for e in edits)

    real_start, real_check = codemods.check.start_check, codemods.check.check_edits

    def start_check(edits, baselines, translate=lambda text: text):
        finish = real_start(edits, baselines, translate)
        if not fails(edits):
            return finish

        def failed() -> None:
            finish()
            raise TargetError(f"check failed, nothing written: app/models/{word}.py:1: F821 made to fail")

        return failed

    def check_edits(edits, baselines, translate=lambda text: text) -> None:
        start_check(edits, baselines, translate)()

    monkeypatch.setattr(codemods.check, "start_check", start_check)
    monkeypatch.setattr(codemods.check, "check_edits", check_edits)


def _run(project: Path, spec: str, *args: str, monkeypatch: pytest.MonkeyPatch) -> int:
    (project / "resources.toml").write_text(textwrap.dedent(spec), encoding="utf-8")
    monkeypatch.chdir(project)
    return add_crud(["--spec", "resources.toml", "--allow-dirty", *args])


def test_a_check_failing_in_the_middle_names_its_resource_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _failing_check_for(monkeypatch, "report")
    before = snapshot(project)
    assert _run(project, SPEC, monkeypatch=monkeypatch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1].startswith("batch error: Report: "), lines
    assert "made to fail" in lines[-1] and "nothing was written" in lines[-1]
    assert any(line.startswith("Order: ") for line in lines)
    assert not any(line.startswith("Tag: ") for line in lines)  # planned meanwhile, never said
    assert {k: v for k, v in snapshot(project).items() if k != "resources.toml"} == before


def test_a_failing_check_is_named_before_a_failure_of_the_resource_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _failing_check_for(monkeypatch, "report")
    spec = SPEC.replace('name = "Tag"', 'name = "Tag"\nlike = "Nothing"')  # fails while planned
    assert _run(project, spec, monkeypatch=monkeypatch) == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith("batch error: Report: ")


def test_keep_going_keeps_a_resource_whose_check_failed_out_of_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _failing_check_for(monkeypatch, "report")
    assert _run(project, SPEC, "--keep-going", monkeypatch=monkeypatch) == 2
    assert "Report: target error: check failed" in capsys.readouterr().err
    assert (project / "app/models/order.py").is_file() and (project / "app/models/tag.py").is_file()
    assert not (project / "app/models/report.py").exists()
    assert "report" not in (project / "app/main.py").read_text()
