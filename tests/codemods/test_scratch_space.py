"""Where the tool's scratch files go: memory-backed where it can be, the user's choice first,
and a batch's scratch copy moved to the disk when memory runs out."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from codemods.add_crud import batch
from codemods.errors import TargetError
from codemods.scratch_space import chosen, out_of_room


def test_a_writable_directory_with_room_on_linux_is_chosen(tmp_path: Path) -> None:
    assert chosen({}, "linux", tmp_path, 0) == str(tmp_path)


@pytest.mark.parametrize("name", ["TMPDIR", "TEMP", "TMP"])
def test_a_temporary_directory_the_user_named_is_theirs(tmp_path: Path, name: str) -> None:
    assert chosen({name: "/somewhere/else"}, "linux", tmp_path, 0) is None


def test_an_empty_setting_names_nothing(tmp_path: Path) -> None:
    assert chosen({"TMPDIR": ""}, "linux", tmp_path, 0) == str(tmp_path)


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_other_systems_keep_their_own_choice(tmp_path: Path, platform: str) -> None:
    assert chosen({}, platform, tmp_path, 0) is None


def test_a_directory_with_less_room_than_asked_is_passed_over(tmp_path: Path) -> None:
    assert chosen({}, "linux", tmp_path, 1 << 62) is None


def test_a_missing_directory_is_passed_over(tmp_path: Path) -> None:
    assert chosen({}, "linux", tmp_path / "absent", 0) is None
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert chosen({}, "linux", tmp_path / "file", 0) is None


def test_a_directory_this_process_may_not_write_in_is_passed_over(tmp_path: Path, monkeypatch) -> None:
    # as root every directory is writable: the permission is asked of os.access, as the code does
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert chosen({}, "linux", tmp_path, 0) is None


def test_a_full_file_system_is_told_from_other_errors() -> None:
    assert out_of_room(OSError(errno.ENOSPC, "No space left on device"))
    assert out_of_room(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert not out_of_room(OSError(errno.EACCES, "Permission denied"))


def _project(root: Path) -> Path:
    project = root / "proj"
    (project / "app").mkdir(parents=True)
    (project / "app" / "main.py").write_text("app = 1\n", encoding="utf-8")
    (project / "pyproject.toml").write_text("[project]\nname = 'p'\n", encoding="utf-8")
    return project


def test_a_batch_plans_in_a_copy_in_the_chosen_directory(tmp_path: Path, monkeypatch) -> None:
    project, memory = _project(tmp_path), tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(batch, "scratch_dir", lambda: str(memory))
    with batch._scratch_copy(project) as scratch:
        assert scratch.is_relative_to(memory)
        assert (scratch / "app" / "main.py").read_text(encoding="utf-8") == "app = 1\n"
    assert list(memory.iterdir()) == []  # removed with the batch


def test_a_batch_copies_to_the_disk_when_memory_fills_up(tmp_path: Path, monkeypatch) -> None:
    project, memory = _project(tmp_path), tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(batch, "scratch_dir", lambda: str(memory))
    copy = shutil.copyfile

    def full_in_memory(source, target):
        if Path(target).is_relative_to(memory):
            raise OSError(errno.ENOSPC, "No space left on device")
        return copy(source, target)

    monkeypatch.setattr(shutil, "copyfile", full_in_memory)
    with batch._scratch_copy(project) as scratch:
        assert not scratch.is_relative_to(memory)
        assert (scratch / "app" / "main.py").read_text(encoding="utf-8") == "app = 1\n"
        assert (scratch / "pyproject.toml").is_file()
    assert list(memory.iterdir()) == []  # the partial copy is gone


def test_a_batch_with_no_room_anywhere_stops_in_one_line(tmp_path: Path, monkeypatch) -> None:
    project = _project(tmp_path)
    monkeypatch.setattr(batch, "scratch_dir", lambda: None)

    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)
    with pytest.raises(TargetError, match="no room for a scratch copy"), batch._scratch_copy(project):
        pass


def test_other_copy_errors_are_not_taken_for_a_full_disk(tmp_path: Path, monkeypatch) -> None:
    project, memory = _project(tmp_path), tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(batch, "scratch_dir", lambda: str(memory))

    def denied(source, target):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(shutil, "copyfile", denied)
    with pytest.raises(shutil.Error), batch._scratch_copy(project):  # copytree's own report, as before
        pass


def test_a_directory_where_nothing_can_be_made_is_passed_over(tmp_path: Path, monkeypatch) -> None:
    def refused(*args, **kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    assert chosen({}, "linux", tmp_path, 0) is None


def test_choosing_leaves_nothing_behind(tmp_path: Path) -> None:
    assert chosen({}, "linux", tmp_path, 0) == str(tmp_path)
    assert list(tmp_path.iterdir()) == []
