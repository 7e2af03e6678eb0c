"""The result cache: the same settings on the same tool and project files answer from the last
run; any change to any of them is a miss; what cannot be read or written never fails the run."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from codemods.add_crud import result_cache
from codemods.add_crud.result_cache import KEEP, digest, remembered


class Console:
    """Keeps what is printed, as rich's console would show it."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def print(self, *args: object, **kwargs: object) -> None:
        self.lines.append(" ".join(map(str, args)))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The directory of the plans: `plans` under the tool's cache root, which the test moves."""
    monkeypatch.setenv("ADD_CRUD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADD_CRUD_NO_CACHE", raising=False)
    return tmp_path / "cache" / "plans"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "app/main.py").write_text("app = 1\n")
    (root / "pyproject.toml").write_text("[project]\nname = 'p'\n")
    return root


class Planner:
    """A plan that counts how often it is computed and says something while it is."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, console: Console) -> dict[str, int]:
        self.calls += 1
        console.print("[dim]detected: layout=flat[/dim]")
        return {"plan": self.calls}


def test_the_same_run_again_answers_from_the_cache_and_says_the_same(cache: Path, project: Path) -> None:
    plan, first, second = Planner(), Console(), Console()
    assert remembered(("Order",), project, first, plan) == {"plan": 1}
    assert remembered(("Order",), project, second, plan) == {"plan": 1}
    assert plan.calls == 1
    assert second.lines == first.lines == ["[dim]detected: layout=flat[/dim]"]
    assert len(list(cache.iterdir())) == 1


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda root: (root / "app/main.py").write_text("app = 2\n"), id="a module's text"),
        pytest.param(lambda root: (root / "app/extra.py").write_text(""), id="a new module"),
        pytest.param(lambda root: (root / "app/main.py").unlink(), id="a module removed"),
        pytest.param(lambda root: (root / "pyproject.toml").write_text("[tool.add_crud]\n"), id="a file that is not Python"),
        pytest.param(lambda root: os.utime(root / "app/main.py", ns=(1, 1)), id="only a modification time"),
    ],
)
def test_any_change_to_the_project_plans_afresh(cache: Path, project: Path, change) -> None:
    plan = Planner()
    remembered(("Order",), project, Console(), plan)
    change(project)
    assert remembered(("Order",), project, Console(), plan) == {"plan": 2}


def test_other_settings_plan_afresh(cache: Path, project: Path) -> None:
    plan = Planner()
    remembered(("Order", "--pagination", "cursor"), project, Console(), plan)
    remembered(("Order", "--pagination", "page"), project, Console(), plan)
    assert plan.calls == 2


def test_a_change_to_the_tool_plans_afresh(cache: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = Planner()
    remembered(("Order",), project, Console(), plan)
    tool = result_cache._tool()
    monkeypatch.setattr(result_cache, "_tool", lambda: [*tool, ("ruff", "another version")])
    remembered(("Order",), project, Console(), plan)
    assert plan.calls == 2


def test_what_the_tool_skips_reading_is_no_input(cache: Path, project: Path) -> None:
    plan = Planner()
    remembered(("Order",), project, Console(), plan)
    for skipped in (".git", ".venv", "__pycache__", ".pytest_cache"):
        (project / skipped).mkdir()
        (project / skipped / "anything").write_text("x")
    remembered(("Order",), project, Console(), plan)
    assert plan.calls == 1


def test_an_unreadable_entry_is_a_miss_and_is_replaced(cache: Path, project: Path) -> None:
    plan = Planner()
    remembered(("Order",), project, Console(), plan)
    entry = cache / digest(("Order",), project)
    entry.write_bytes(b"\x80\x05half an entr")
    assert remembered(("Order",), project, Console(), plan) == {"plan": 2}
    assert pickle.loads(entry.read_bytes())[1] == {"plan": 2}


def test_the_cache_can_be_turned_off(cache: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADD_CRUD_NO_CACHE", "1")
    plan = Planner()
    remembered(("Order",), project, Console(), plan)
    remembered(("Order",), project, Console(), plan)
    assert plan.calls == 2 and not cache.exists()


def test_a_cache_that_cannot_be_written_never_fails_the_run(tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("ADD_CRUD_CACHE_DIR", str(blocker / "cache"))  # under a file: mkdir fails
    assert remembered(("Order",), project, Console(), Planner()) == {"plan": 1}


def test_what_cannot_be_printed_again_is_not_kept(cache: Path, project: Path) -> None:
    def plan(console: Console) -> int:
        console.print(object())  # a renderable (a table): its text is not known here
        return 1

    remembered(("Order",), project, Console(), plan)
    assert not cache.exists() or not list(cache.iterdir())


def test_only_the_newest_entries_are_kept(cache: Path, project: Path) -> None:
    for n in range(KEEP + 5):
        remembered(("Order", n), project, Console(), Planner())
    assert len(list(cache.iterdir())) == KEEP


def test_runs_at_the_same_time_leave_one_whole_entry(cache: Path, project: Path) -> None:
    script = (
        "import sys; from codemods.add_crud.result_cache import remembered\n"
        "class C:\n    def print(self, *a, **k): pass\n"
        "remembered(('Order',), __import__('pathlib').Path(sys.argv[1]), C(), lambda c: list(range(200_000)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    runs = [subprocess.Popen([sys.executable, "-c", script, str(project)], env=env) for _ in range(4)]
    assert all(r.wait(timeout=60) == 0 for r in runs)
    entries = list(cache.iterdir())
    assert [e.name for e in entries] == [digest(("Order",), project)]  # no temporary file left
    assert pickle.loads(entries[0].read_bytes())[1] == list(range(200_000))
