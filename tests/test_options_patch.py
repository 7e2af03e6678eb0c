"""Each resource option's patch, applied with `git apply`, gives exactly the write-mode tree."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.harness import copy_fixture, run_codemod, snapshot
from tests.test_from_model_e2e import _add_model

ORDER = ("Order", "total:decimal", "status:enum[pending,paid,cancelled]=pending")
OPTIONS = {
    "methods": (*ORDER, "--methods", "list,get,create"),
    "action": (*ORDER, "--action", "cancel:status=cancelled", "--action", "archive"),
    "from-model": ("--from-model", "Supplier"),
    "cache": (*ORDER, "--cache", "memory"),
    "bounds-list-object": ("Order", "name:str(3..80)!", "qty:int(1..)", "tags:list[str]", "address:object{city:str}"),
}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_patch_equals_write(option: str, tmp_path: Path) -> None:
    written = copy_fixture("seed_async", tmp_path / "written")
    patched = copy_fixture("seed_async", tmp_path / "patched")
    for project in (written, patched):
        _add_model("seed_async", project)  # a model without endpoints, for --from-model
    proc = run_codemod(written, *OPTIONS[option], "--yes")
    assert proc.returncode == 0, proc.stderr
    patch = tmp_path / "change.patch"
    proc = run_codemod(patched, *OPTIONS[option], "--yes", "--patch", str(patch))
    assert proc.returncode == 0, proc.stderr
    applied = subprocess.run(["git", "apply", str(patch)], cwd=patched, capture_output=True, text=True, check=False)
    assert applied.returncode == 0, applied.stderr
    assert snapshot(patched) == snapshot(written)
