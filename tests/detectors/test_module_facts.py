"""The facts worker: on a large project a forked process reads the test modules while this one
reads the app's. What detection finds is the same as when this process reads everything; a
test module is parsed here only where a detector asks for more than the worker sent."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import detectors.project as project_module
from detectors import module_facts
from detectors.detect import detect_conventions
from detectors.forked import Forked, can_fork
from detectors.module_facts import MODULE_FACTS, Worker, module_fact
from detectors.project import ProjectIndex
from detectors.resources import find_footprints
from tests.detectors._project import make_project

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures_repos"

pytestmark = pytest.mark.skipif(not can_fork(), reason="the facts worker is forked, on Linux only")


@pytest.fixture
def worker_for_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker however few test modules the project has (the fixtures are small)."""
    monkeypatch.setattr(project_module, "WORKER_MIN_MODULES", 1)


def read_by_worker(index: ProjectIndex) -> list[str]:
    return [m.path for m in index.modules if m._read is not None]


def footprint_views(index: ProjectIndex) -> list[tuple]:
    return [(f.model, f.ops, f.layers, f.files, f.fields, f.routes) for f in find_footprints(index)]


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_detection_finds_the_same_with_the_worker_as_without(
    fixture: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = FIXTURES / fixture
    alone = ProjectIndex(root)
    expected = detect_conventions(root, alone), footprint_views(alone)
    assert read_by_worker(alone) == []  # a small project: no worker

    monkeypatch.setattr(project_module, "WORKER_MIN_MODULES", 1)
    shared = ProjectIndex(root)
    assert read_by_worker(shared)  # every fixture has test modules
    assert (detect_conventions(root, shared), footprint_views(shared)) == expected
    assert [m.path for m in shared.relevant] == [m.path for m in alone.relevant]


def test_a_test_module_is_parsed_here_only_when_asked_for_more_than_the_worker_sent(
    tmp_path: Path, worker_for_any_size: None
) -> None:
    root = make_project(
        tmp_path,
        {
            "app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
            "tests/test_main.py": """
                from app.main import app as application


                class Helper:
                    pass


                def test_root(client):
                    assert client.get("/").status_code == 404
            """,
        },
    )
    index = ProjectIndex(root)
    info = index.get("tests/test_main.py")
    assert info is not None and info._read is not None
    assert info.imports == {"application": ("app.main", "app")}
    assert info.class_names == frozenset({"Helper"})
    assert info.endpoints == []
    assert info._tree is None  # none of that parsed it
    assert [d for d in info.definitions] == ["Helper", "test_root"]  # asking for more does
    assert info._tree is not None


def test_a_module_fact_is_taken_from_the_worker_and_computed_here_only_for_the_others(
    tmp_path: Path, worker_for_any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def count_lines(info) -> int:
        calls.append(info.path)
        return info.source.count("\n")

    monkeypatch.setattr(
        module_facts, "MODULE_FACTS", dict(MODULE_FACTS)
    )  # registered for this test only
    counted = module_fact(count_lines)
    root = make_project(
        tmp_path,
        {
            "app/models.py": "import sqlalchemy\n\nx = 1\n",
            "tests/test_models.py": "import pytest\n",
        },
    )
    index = ProjectIndex(root)
    test_module, app_module = index.get("tests/test_models.py"), index.get("app/models.py")
    assert counted(test_module) == 1 and counted(app_module) == 3
    assert counted(app_module) == 3
    assert calls == [
        "app/models.py"
    ]  # the worker counted the test module, this process the app's once


def test_a_fact_holding_syntax_nodes_is_computed_here(
    tmp_path: Path, worker_for_any_size: None
) -> None:
    root = make_project(
        tmp_path,
        {
            "tests/test_base.py": """
                from sqlalchemy.orm import DeclarativeBase


                class Base(DeclarativeBase):
                    pass
            """,
        },
    )
    index = ProjectIndex(root)
    info = index.get("tests/test_base.py")
    assert info is not None and info._read is not None
    from detectors._models import _bases_in

    assert [name for name, _ in _bases_in(info)] == [
        "Base"
    ]  # the class node: from this process's tree
    assert info._tree is not None


def test_a_test_module_that_does_not_parse_is_skipped_as_it_would_be_here(
    tmp_path: Path, monkeypatch
) -> None:
    files = {
        "tests/test_ok.py": "import pytest\n",
        "tests/test_broken.py": "def test_(:\n    pass\n",
        "zapp/broken.py": "import fastapi\n\ndef route(:\n    pass\n",  # read here, after the tests
    }
    alone = ProjectIndex(make_project(tmp_path / "alone", files))
    monkeypatch.setattr(project_module, "WORKER_MIN_MODULES", 1)
    shared = ProjectIndex(make_project(tmp_path / "shared", files))
    assert shared.skipped == alone.skipped and len(alone.skipped) == 2  # in the order of the files
    assert shared.get("tests/test_broken.py") is None
    assert read_by_worker(shared) == ["tests/test_ok.py"]


def test_a_worker_that_fails_leaves_this_process_reading_its_modules(
    tmp_path: Path, worker_for_any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(self, rel: str):
        raise RuntimeError("the worker went wrong")

    monkeypatch.setattr(ProjectIndex, "_send", fails)
    root = make_project(
        tmp_path, {"tests/test_a.py": "import pytest\n", "tests/test_b.py": "import pytest\n"}
    )
    index = ProjectIndex(root)
    assert [m.path for m in index.relevant] == ["tests/test_a.py", "tests/test_b.py"]
    assert read_by_worker(index) == []  # read here, whole


def test_a_stuck_worker_is_given_up_and_its_modules_read_here(
    tmp_path: Path, worker_for_any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stalls(self, rel: str):
        time.sleep(30)

    monkeypatch.setattr(ProjectIndex, "_send", stalls)
    monkeypatch.setattr(Forked, "STALL", 0.2)
    root = make_project(tmp_path, {"tests/test_a.py": "import pytest\n"})
    index = ProjectIndex(root)
    assert [m.path for m in index.relevant] == ["tests/test_a.py"]
    assert read_by_worker(index) == []


# the tool with a worker and detection apart whatever the project's size, saying how many
# modules each worker sent and whether the conventions came from the other process
_FORCED = """
import runpy, sys
import detectors.detect as d
import detectors.project as p
from detectors.forked import Forked
from detectors.module_facts import Worker
p.WORKER_MIN_MODULES = 1
d.APART_MIN_MODULES = 1
collect = Worker.collect
def said(self):
    sent = collect(self)
    print(f"worker sent {len(sent or ())}", file=sys.stderr)
    return sent
Worker.collect = said
result = Forked.result
def sent(self):
    got = result(self)
    if type(got).__name__ == "Conventions":
        print("conventions sent", file=sys.stderr)
    return got
Forked.result = sent
sys.argv[0] = "add-crud"
runpy.run_module("codemods.add_crud", run_name="__main__")
"""


def test_a_run_plans_the_same_change_whoever_read_the_modules_and_detected(tmp_path: Path) -> None:
    """End to end, as users run it: the dry-run's diff of a resource and of a small spec is the
    same byte for byte when the worker reads the test modules and the conventions are detected
    in another process (both forced on a small fixture)."""
    from tests.harness import REPO_ROOT, copy_fixture

    project = copy_fixture("seed_async", tmp_path / "project")
    spec = tmp_path / "spec.toml"
    spec.write_text(
        '[[resources]]\nname = "Order"\nfields = ["total:decimal"]\n\n[[resources]]\nname = "Line"\nfields = ["qty:int", "order_id:fk[Order]"]\n'
    )
    env = {
        **os.environ,
        "ADD_CRUD_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": str(REPO_ROOT),
    }
    for args in (
        ["Order", "total:decimal", "status:enum[pending,paid]=pending"],
        ["--spec", str(spec)],
    ):
        command = [*args, "--dry-run", "--no-cache", "--project", str(project)]
        alone = subprocess.run(
            [sys.executable, "-m", "codemods.add_crud", *command],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        shared = subprocess.run(
            [sys.executable, "-c", _FORCED, *command],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert "worker sent 0" not in shared.stderr and "worker sent" in shared.stderr
        assert "conventions sent" in shared.stderr
        assert alone.stdout and shared.stdout == alone.stdout


def test_no_worker_is_forked_while_another_thread_runs(
    tmp_path: Path, worker_for_any_size: None
) -> None:
    root = make_project(tmp_path, {"tests/test_a.py": "import pytest\n"})
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        index = ProjectIndex(root)
    finally:
        stop.set()
        other.join()
    assert read_by_worker(index) == []
    assert read_by_worker(ProjectIndex(root)) == ["tests/test_a.py"]


def test_a_worker_is_stopped_when_reading_the_other_modules_fails(
    tmp_path: Path, worker_for_any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Worker] = []
    make = Worker.__init__

    def recorded(self, *args) -> None:
        make(self, *args)
        started.append(self)

    def unreadable(self, *args) -> None:
        raise PermissionError("app/main.py")

    monkeypatch.setattr(Worker, "__init__", recorded)
    monkeypatch.setattr(ProjectIndex, "_read_here", unreadable)
    root = make_project(
        tmp_path, {"app/main.py": "import fastapi\n", "tests/test_a.py": "import pytest\n"}
    )
    with pytest.raises(PermissionError):
        ProjectIndex(root)
    (worker,) = started
    with pytest.raises(ProcessLookupError):  # stopped and reaped, not left blocked on its pipe
        os.kill(worker._copy.pid, 0)


def _app_and_tests(tmp_path: Path) -> Path:
    return make_project(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
            "app/models.py": "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n",
            "tests/test_a.py": "import pytest\n",
        },
    )


def test_the_modules_read_here_are_summarised_while_the_worker_still_reads(
    tmp_path: Path, worker_for_any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wait for the worker is spent on the summaries every later stage reads."""
    send = ProjectIndex._send

    def slow(self, rel: str):
        time.sleep(0.5)
        return send(self, rel)

    monkeypatch.setattr(ProjectIndex, "_send", slow)
    index = ProjectIndex(_app_and_tests(tmp_path))
    here = [m for m in index.relevant if m._read is None]
    assert [m.path for m in here] == ["app/main.py", "app/models.py"]
    assert all(m._summary is not None for m in here)
    assert read_by_worker(index) == ["tests/test_a.py"]


def test_summarising_stops_as_soon_as_the_worker_has_sent(
    tmp_path: Path, worker_for_any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summaries are made ahead only while waiting: a worker done first is taken at once."""
    monkeypatch.setattr(Worker, "ready", lambda self: True)
    index = ProjectIndex(_app_and_tests(tmp_path))
    assert [m.path for m in index.relevant if m._summary is not None] == []
    assert read_by_worker(index) == ["tests/test_a.py"]


def test_a_forked_copy_is_ready_once_it_sends(tmp_path: Path) -> None:
    copy = Forked(lambda: time.sleep(0.3) or "done")
    assert not copy.ready()
    deadline = time.monotonic() + 10
    while not copy.ready() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert copy.ready()
    assert copy.result() == "done"
