"""The method cache: the code of the methods `dataclasses` writes is compiled once, kept in the
user's cache directory, and makes the same classes as compiling it each run."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codemods import method_cache

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The module afresh, its file under `tmp_path`; `dataclasses` as it was afterwards."""
    monkeypatch.setenv("ADD_CRUD_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ADD_CRUD_NO_CACHE", raising=False)
    monkeypatch.setattr(dataclasses, "exec", exec, raising=False)  # removed again on teardown
    module = importlib.reload(method_cache)
    yield module
    importlib.reload(method_cache)


def _a_class(name: str = "Point"):
    # a class of its own each call: its methods' texts are those of any frozen two-field class
    return dataclasses.make_dataclass(
        name, [("x", int), ("y", "str | None", dataclasses.field(default=None))], frozen=True
    )


def test_classes_made_with_the_cache_behave_as_without_it(cache) -> None:
    plain = _a_class()
    cache.install()
    cached = _a_class()
    for cls in (plain, cached):
        p = cls(1)
        assert (p.x, p.y) == (1, None)
        assert p == cls(1) and p != cls(2) and hash(p) == hash(cls(1))
        assert repr(p) == "Point(x=1, y=None)"
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 3  # type: ignore[misc]
    assert inspect.signature(cached.__init__) == inspect.signature(plain.__init__)


def test_the_callers_future_imports_do_not_reach_the_methods(cache) -> None:
    """This module postpones annotations; the builtin `exec` never passes that on, nor may the cache."""
    cache.install()
    cls = _a_class()
    assert inspect.signature(cls.__init__).parameters["x"].annotation is int


def test_a_run_compiles_what_the_file_lacks_and_saves_it_for_the_next(
    cache, tmp_path: Path
) -> None:
    cache.install()
    _a_class()
    assert cache._compiled > 0
    cache.save()
    [written] = (tmp_path / "methods").iterdir()
    assert sys.implementation.cache_tag in written.name
    entries = marshal.loads(written.read_bytes())
    assert all(type(marshal.loads(code)).__name__ == "code" for code in entries.values())

    again = importlib.reload(method_cache)
    again.install()
    _a_class()
    assert again._compiled == 0  # every text came from the file
    before = written.stat().st_mtime_ns
    again.save()
    assert written.stat().st_mtime_ns == before  # nothing new: not written again


@pytest.mark.parametrize(
    "content", [b"", b"\x00garbage", marshal.dumps([1, 2]), marshal.dumps({b"k" * 16: b"not code"})]
)
def test_a_file_that_cannot_be_read_is_no_file_and_is_replaced(
    cache, tmp_path: Path, content: bytes
) -> None:
    cache.install()  # to learn the file's name
    path = cache._file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    fresh = importlib.reload(method_cache)
    fresh.install()
    cls = _a_class()
    assert cls(5).x == 5
    fresh.save()
    assert isinstance(marshal.loads(path.read_bytes()), dict) and path.read_bytes() != content


def test_an_entry_that_is_no_code_object_is_compiled_again(cache, tmp_path: Path) -> None:
    cache.install()
    _a_class()
    cache.save()
    path = cache._file()
    spoiled = {key: marshal.dumps("not code") for key in marshal.loads(path.read_bytes())}
    path.write_bytes(marshal.dumps(spoiled))
    fresh = importlib.reload(method_cache)
    fresh.install()
    assert _a_class()(1).x == 1
    assert fresh._compiled > 0


def test_turned_off_it_reads_and_writes_nothing(
    cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADD_CRUD_NO_CACHE", "1")
    cache.install()
    assert _a_class()(1).x == 1
    cache.save()
    assert not (tmp_path / "methods").exists()


def test_an_unwritable_cache_directory_never_fails_the_run(
    cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ADD_CRUD_CACHE_DIR", str(blocker / "cache"))  # under a file: mkdir fails
    cache.install()
    _a_class()
    cache.save()  # says nothing, raises nothing
    assert blocker.read_text() == ""


def test_a_run_of_the_command_fills_the_file_and_the_next_says_the_same(tmp_path: Path) -> None:
    """End to end, as installed: the first run writes the file, the second reads it and prints
    the same plan."""
    fixture = REPO_ROOT / "fixtures_repos" / "seed_async"
    env = {
        **os.environ,
        "ADD_CRUD_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": str(REPO_ROOT),
    }
    env.pop("ADD_CRUD_NO_CACHE", None)
    args = [
        sys.executable,
        "-m",
        "codemods.add_crud",
        "Order",
        "total:decimal",
        "--dry-run",
        "--no-cache",
        "--project",
        str(fixture),
    ]
    first = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    [written] = (tmp_path / "cache" / "methods").iterdir()
    size = written.stat().st_size
    assert size > 100_000  # libcst's node classes and the tool's own
    second = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    assert second.stdout == first.stdout and "+class Order" in first.stdout
    assert written.stat().st_size == size
    assert not (tmp_path / "cache" / "plans").exists()  # --no-cache: no plan kept


def test_a_run_refusing_bad_input_writes_nothing_to_the_cache(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ADD_CRUD_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": str(REPO_ROOT),
    }
    env.pop("ADD_CRUD_NO_CACHE", None)
    fixture = REPO_ROOT / "fixtures_repos" / "seed_async"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "codemods.add_crud",
            "Order",
            "total:money",
            "--dry-run",
            "--project",
            str(fixture),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "cache").exists()
