"""run_all: several ruff runs side by side, each answer in the place of its run; started: one run
begun while the caller goes on."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from codemods.ruff_bin import ruff_bin, run_all, started


def _format(text: str) -> tuple[list[str], str, Path | None]:
    return [ruff_bin(), "format", "--isolated", "--stdin-filename", "m.py", "-"], text, None


def test_each_answer_is_the_one_of_its_run_in_the_order_asked() -> None:
    texts = [f"x{i} = {{ 'a':{i} }}\n" for i in range(7)]
    outputs = [p.stdout for p in run_all([_format(t) for t in texts])]
    assert outputs == [f'x{i} = {{"a": {i}}}\n' for i in range(7)]


def test_one_run_and_none() -> None:
    assert [p.stdout for p in run_all([_format("y=1\n")])] == ["y = 1\n"]
    assert run_all([]) == []


def test_a_failing_run_is_reported_in_its_place_not_raised() -> None:
    procs = run_all([_format("def (:\n"), _format("z=2\n")])
    assert procs[0].returncode != 0 and procs[0].stderr
    assert procs[1].returncode == 0 and procs[1].stdout == "z = 2\n"


def test_runs_in_the_given_directory(tmp_path: Path) -> None:
    # the configuration ruff reads is the directory's own: here a line length of 20
    short, plain = tmp_path / "short", tmp_path / "plain"
    short.mkdir(), plain.mkdir()
    (short / "pyproject.toml").write_text("[tool.ruff]\nline-length = 20\n")
    long_call = "value = function(argument_one, argument_two)\n"
    args = [ruff_bin(), "format", "--stdin-filename", "m.py", "-"]
    inside, outside = run_all([(args, long_call, short), (args, long_call, plain)])
    assert inside.stdout != long_call and outside.stdout == long_call


def test_a_started_run_goes_on_while_the_caller_does() -> None:
    """The caller's own work is not held up: the run waits for it here, and still finishes."""
    release = threading.Event()

    def run(text: str) -> str:
        assert release.wait(10)
        return run_all([_format(text)])[0].stdout

    future = started(run, "w=3\n")
    assert not future.done()
    release.set()
    assert future.result(timeout=30) == "w = 3\n"


def test_a_started_run_s_error_is_raised_where_its_result_is_asked() -> None:
    def fails() -> None:
        raise ValueError("no ruff")

    future = started(fails)
    with pytest.raises(ValueError, match="no ruff"):
        future.result(timeout=10)


def test_the_binary_is_found_once_whatever_threads_ask_first(monkeypatch) -> None:
    # finding it reads sysconfig, whose first reading is not safe beside another thread's
    import ruff.__main__

    from codemods import ruff_bin as module

    inside, most, calls = [0], [0], []
    lock = threading.Lock()

    def slow_find() -> str:
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        calls.append(1)
        threading.Event().wait(0.05)  # long enough for every other thread to ask meanwhile
        with lock:
            inside[0] -= 1
        return "/opt/bin/ruff"

    monkeypatch.setattr(ruff.__main__, "find_ruff_bin", slow_find)
    monkeypatch.setattr(module, "_FOUND", [])
    found: list[str] = []
    threads = [threading.Thread(target=lambda: found.append(module.ruff_bin())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert found == ["/opt/bin/ruff"] * 8
    assert len(calls) == 1 and most[0] == 1
