"""clone_code with jobs run ahead: the same clone, its ruff work done side by side before.

A resource's own modules are cloned one after another (each may drop what the one before
dropped); their transforming is guessed ahead and their ruff runs (unused imports, formatting)
done together. What clone_code then gives must be what it gives on its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from textwrap import dedent

import pytest

from codemods import check, formatting
from codemods.clone import chain
from codemods.clone.chain import CloneJob, Cloning, clone_code, finish_ahead, transform
from codemods.clone.field_map import map_fields
from codemods.formatting import FormatStyle
from codemods.imports import with_imports
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

CRUD = dedent("""\
    from app.models import Customer
    from app.text import normalise


    def make_customer(db, payload):
        customer = Customer(name=normalise(payload["name"]), email=payload["email"])
        db.add(customer)
        return customer
""")
# the clone without `name`: `normalise` served only it, so its import goes
CLONED = dedent("""\
    from app.models import Review


    def make_review(db, payload):
        review = Review(email=payload["email"])
        db.add(review)
        return review
""")
SCHEMA = "from pydantic import BaseModel\n\n\nclass CustomerIn(BaseModel):\n    name: str\n    email: str\n"


@pytest.fixture(autouse=True)
def nothing_known() -> None:
    """Each test starts with no ruff answer remembered."""
    check._FIXED.clear()
    check._FOUND.clear()
    formatting._MODULES.clear()
    formatting.format_code.cache_clear()


def cloning() -> Cloning:
    exemplar = tuple(FieldInfo(n, "str", optional=False, unique=False, has_default=False) for n in ("name", "email"))
    spec = parse_resource("Review", ["email:str"])
    return Cloning(
        ResourceNames.parse("Customer"),
        spec.names,
        map_fields(exemplar, spec.fields),
        "plural",
        fmt=FormatStyle("ruff", 88, "double", "    "),
        first_party=frozenset({"app"}),
        modules=frozenset({"app.models", "app.text"}),
    )


def jobs() -> list[CloneJob]:
    return [CloneJob(CRUD, CRUD, "app/crud/review.py", True), CloneJob(SCHEMA, SCHEMA, "app/schemas/review.py", True)]


def test_a_job_done_ahead_is_the_clone_it_would_have_been() -> None:
    alone = [clone_code(j.code, cloning(), j.context, j.path, j.whole_module) for j in jobs()]
    assert alone[0].code == CLONED
    ahead = finish_ahead({job: transform(job, cloning()) for job in jobs()}, cloning())
    assert [clone_code(j.code, cloning(), j.context, j.path, j.whole_module, ahead=ahead) for j in jobs()] == alone


def test_a_job_done_ahead_is_neither_transformed_nor_run_through_ruff_again(monkeypatch: pytest.MonkeyPatch) -> None:
    ahead = finish_ahead({job: transform(job, cloning()) for job in jobs()}, cloning())
    runs: list[object] = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: runs.append(a) or real(*a, **k))
    monkeypatch.setattr(chain, "transform", lambda job, c: pytest.fail(f"{job.path} transformed again"))
    for j in jobs():
        clone_code(j.code, cloning(), j.context, j.path, j.whole_module, ahead=ahead)
    assert runs == []


def test_a_job_the_guess_missed_is_cloned_as_asked() -> None:
    # the guess had nothing dropped elsewhere; the clone is asked with `normalise` dropped there
    ahead = finish_ahead({job: transform(job, cloning()) for job in jobs()}, cloning())
    asked = clone_code(CRUD, cloning(), CRUD, "app/crud/review.py", True, frozenset({"normalise"}), ahead)
    assert asked == clone_code(CRUD, cloning(), CRUD, "app/crud/review.py", True, frozenset({"normalise"}))


# the tool with the exemplar's files run ahead in a forked copy (APART=1), or never (APART=0);
# MISS=1 makes the shared modules' units drop a name, so that the copy's guess misses. Each run
# of the files says where it ran (and which copy ran it).
_RUN = """
import os, runpy, sys
import codemods.clone.ahead as ahead
import codemods.clone.plan as plan
import codemods.add_crud.batch as batch
MAIN = os.getpid()
if os.environ["APART"] == "0":
    plan.can_fork = batch.can_fork = lambda: False
if os.environ.get("MISS") == "1":
    units = plan._clone_units
    def dropping(texts, path, names, cloning, fmt, first_party, enum_users, dropped, reasons, *rest):
        units(texts, path, names, cloning, fmt, first_party, enum_users, dropped, reasons, *rest)
        dropped.add("no_such_name")
    plan._clone_units = dropping
run_ahead = ahead.run_ahead
def said(request, tickets=None, **how):
    where = f"in the copy {os.getpid()}" if os.getpid() != MAIN else "shared here" if tickets else "here"
    print("files run " + where, file=sys.stderr, flush=True)
    return run_ahead(request, tickets, **how)
ahead.run_ahead = plan.run_ahead = said
sys.argv[0] = "add-crud"
runpy.run_module("codemods.add_crud", run_name="__main__")
"""


# the tool runs in a process of its own, one thread: only the platform decides whether it forks
@pytest.mark.skipif(not (sys.platform.startswith("linux") and hasattr(os, "fork")), reason="the copy is forked, on Linux only")
@pytest.mark.parametrize("miss", ["0", "1"])
def test_the_files_run_ahead_in_a_copy_make_the_plan_they_make_here(tmp_path, miss: str) -> None:
    """End to end: the dry-run's diff is the same byte for byte whether the exemplar's files were
    run ahead in a forked copy while the shared modules' units were cloned (the files it had not
    begun then shared with this process), or here after them; where the units dropped a name the
    guess did not, they are run here again."""
    from tests.harness import REPO_ROOT, copy_fixture

    project = copy_fixture("seed_async", tmp_path / "project")
    env = {**os.environ, "ADD_CRUD_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO_ROOT), "MISS": miss}
    command = ["Order", "total:decimal", "status:enum[pending,paid]=pending", "--dry-run", "--no-cache", "--project", str(project)]
    runs = {
        apart: subprocess.run(
            [sys.executable, "-c", _RUN, *command], capture_output=True, text=True, env={**env, "APART": apart}, check=True
        )
        for apart in ("0", "1")
    }
    assert runs["1"].stdout and runs["1"].stdout == runs["0"].stdout
    assert "files run in the copy" not in runs["0"].stderr and "files run here" in runs["0"].stderr
    assert "files run in the copy" in runs["1"].stderr
    assert "files run shared here" in runs["1"].stderr  # the files the copy had not begun
    assert ("files run here" in runs["1"].stderr) is (miss == "1")


@pytest.mark.skipif(not (sys.platform.startswith("linux") and hasattr(os, "fork")), reason="the copy is forked, on Linux only")
def test_a_batch_runs_every_resources_files_in_one_copy(tmp_path) -> None:
    """A batch holds every resource's trees, so it forks once, before its first resource: that
    copy runs each resource's files ahead with this process, also under --keep-going, where no
    check thread stands in a fork's way. The diff is the one a batch without the copy makes."""
    from tests.harness import REPO_ROOT, copy_fixture

    project = copy_fixture("seed_async", tmp_path / "project")
    spec = tmp_path / "spec.toml"
    spec.write_text('[[resources]]\nname = "Order"\nfields = ["total:decimal"]\n\n'
                    '[[resources]]\nname = "Depot"\nfields = ["code:str"]\n')
    env = {**os.environ, "ADD_CRUD_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-c", _RUN, "--spec", str(spec), "--keep-going", "--dry-run", "--no-cache", "--project", str(project)]
    runs = {apart: subprocess.run(command, capture_output=True, text=True, env={**env, "APART": apart}, check=True) for apart in "01"}
    assert "+++ b/app/models/order.py" in runs["1"].stdout and "+++ b/app/models/depot.py" in runs["1"].stdout
    assert runs["1"].stdout == runs["0"].stdout
    copies = [line for line in runs["1"].stderr.splitlines() if line.startswith("files run in the copy")]
    assert len(copies) == 2 and len(set(copies)) == 1  # both resources', by the same copy
    assert runs["1"].stderr.count("files run shared here") == 2
    assert "files run in the copy" not in runs["0"].stderr


def test_a_whole_module_done_ahead_has_its_imports_placed_as_the_loop_would_place_them() -> None:
    ahead = finish_ahead({job: transform(job, cloning()) for job in jobs()}, cloning())
    for job, done in ahead.items():
        assert done.placed is not None and done.placed[0] == done.code
        assert done.placed[1] == with_imports(done.code, done.imports, cloning().fmt, cloning().first_party)


def test_a_revision_done_ahead_is_left_for_the_loop_to_place_its_imports() -> None:
    revision = CloneJob(SCHEMA, SCHEMA, "migrations/versions/0002_reviews.py", True)  # it gets its id first
    ahead = finish_ahead({revision: transform(revision, cloning())}, cloning())
    assert ahead[revision].placed is None
