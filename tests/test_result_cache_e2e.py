"""The same command on an unchanged project answers from the result cache: the same output,
without loading the transformers; a change to the project plans afresh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.harness import copy_fixture

ARGS = ("Order", "total:decimal", "status:enum[pending,paid]=pending", "--dry-run")


def _run(project: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], bool]:
    """The run, its own stderr, and whether it imported libcst (the planning's transformers)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "codemods.add_crud", *args],
        cwd=project, capture_output=True, text=True, check=False,
    )
    timings = [line for line in proc.stderr.splitlines() if line.startswith("import time:")]
    own = "".join(line + "\n" for line in proc.stderr.splitlines() if not line.startswith("import time:"))
    planned = any(line.rsplit("|", 1)[-1].strip() == "libcst" for line in timings)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout, own), planned


def test_the_same_dry_run_again_prints_the_same_without_planning(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    first, planned_first = _run(project, *ARGS)
    again, planned_again = _run(project, *ARGS)
    assert first.returncode == again.returncode == 0, first.stderr
    assert planned_first and not planned_again
    assert again.stdout == first.stdout and "+class Order" in again.stdout
    assert again.stderr == first.stderr


def test_a_changed_project_is_planned_afresh(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    first, _ = _run(project, *ARGS)
    model = project / "app/models/category.py"
    model.write_text(model.read_text().replace("class Category(", "# categories group items\nclass Category(", 1))
    again, planned = _run(project, *ARGS)
    assert planned and again.returncode == 0
    assert "+# orders group items" in again.stdout and "+# orders group items" not in first.stdout


def test_no_cache_plans_afresh(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _run(project, *ARGS)
    again, planned = _run(project, *ARGS, "--no-cache")
    assert planned and again.returncode == 0


def test_a_run_that_wrote_is_not_answered_again(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init"], cwd=project, check=True)
    written, _ = _run(project, *ARGS[:-1])
    assert written.returncode == 0, written.stderr
    again, planned = _run(project, *ARGS[:-1])  # the project now has Order: nothing to add
    assert planned and "already exists and is complete" in again.stderr


def test_the_same_batch_again_prints_the_same_without_planning(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    (project / "resources.toml").write_text(
        '[[resources]]\nname = "Order"\nfields = ["total:decimal"]\n\n[[resources]]\nname = "Tag"\nfields = ["label:str"]\n'
    )
    first, planned_first = _run(project, "--spec", "resources.toml", "--dry-run")
    again, planned_again = _run(project, "--spec", "resources.toml", "--dry-run")
    assert first.returncode == again.returncode == 0, first.stderr
    assert planned_first and not planned_again
    assert again.stdout == first.stdout and "+class Tag" in again.stdout
    assert again.stderr == first.stderr
    (project / "resources.toml").write_text((project / "resources.toml").read_text().replace('"label:str"', '"label:str", "hue:str"'))
    changed, planned = _run(project, "--spec", "resources.toml", "--dry-run")
    assert planned and "hue" in changed.stdout
