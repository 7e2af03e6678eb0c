"""Writing never harms the project: killed at any step, the next run leaves it untouched or
complete; files keep their line endings, BOM and links; nothing is written outside the root."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from codemods.errors import TargetError
from codemods.output import unified_diff
from codemods.plan import FileEdit, Plan
from codemods.safe_write import JOURNAL_DIR, recover, write_plan


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def dirs(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


def big_plan(root: Path) -> Plan:
    """30 edited files and 40 new ones, some in new directories: 214 filesystem steps."""
    edits = []
    for i in range(30):
        (root / f"m{i}.py").write_text(f"x = {i}\n")
        edits.append(FileEdit(f"m{i}.py", f"x = {i}\n", f"x = {i}\ny = {i}\n"))
    edits += [FileEdit(f"pkg{i % 4}/deep/n{i}.py", None, f"n = {i}\n") for i in range(40)]
    return Plan(tuple(edits))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill test forks")
def test_a_run_killed_at_any_step_leaves_the_tree_untouched_or_complete_after_recovery(
    tmp_path: Path,
) -> None:
    template = tmp_path / "template"
    template.mkdir()
    plan = big_plan(template)
    before, dirs_before = files(template), dirs(template)
    done = tmp_path / "done"
    shutil.copytree(template, done)
    steps = write_plan(plan, done)
    after, dirs_after = files(done), dirs(done)
    assert steps >= 200

    outcomes = set()
    for kill_at in range(1, steps + 1):
        project = tmp_path / f"k{kill_at}"
        shutil.copytree(template, project)
        pid = os.fork()
        if pid == 0:  # the child dies at step kill_at, as SIGKILL would take it
            write_plan(plan, project, crash_at=kill_at)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        assert os.WEXITSTATUS(status) == 137, kill_at
        recover(project)
        state = (files(project), dirs(project))
        assert state in ((before, dirs_before), (after, dirs_after)), f"killed at step {kill_at}"
        assert not (project / JOURNAL_DIR).exists()
        outcomes.add("complete" if state[0] == after else "untouched")
        shutil.rmtree(project)
    assert outcomes == {"untouched", "complete"}


def test_a_write_that_need_not_survive_a_power_loss_writes_the_same_files_without_flushing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    durable, scratch = tmp_path / "durable", tmp_path / "scratch"
    for root in (durable, scratch):
        root.mkdir()
        plan = big_plan(root)
    (durable / "crlf.py").write_bytes(b"a = 1\r\n")
    (scratch / "crlf.py").write_bytes(b"a = 1\r\n")
    plan = Plan((*plan.edits, FileEdit("crlf.py", "a = 1\n", "a = 2\n")))
    flushed: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append(fd) or real(fd))
    write_plan(plan, durable)
    assert flushed  # every staged file and the journal
    flushed.clear()
    write_plan(plan, scratch, durable=False)
    assert flushed == []
    assert files(scratch) == files(durable)
    assert (scratch / "crlf.py").read_bytes() == b"a = 2\r\n"


def test_crlf_files_stay_crlf_and_their_patch_applies(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_bytes(b"import a\r\nimport b\r\n")
    edit = FileEdit("main.py", "import a\nimport b\n", "import a\nimport b\nimport c\n")
    patch = unified_diff(Plan((edit,)), tmp_path)
    if shutil.which("git"):
        (tmp_path / "p.patch").write_text(patch, newline="")
        check = subprocess.run(
            ["git", "apply", "--check", "p.patch"], cwd=tmp_path, capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
    write_plan(Plan((edit,)), tmp_path)
    assert (tmp_path / "main.py").read_bytes() == b"import a\r\nimport b\r\nimport c\r\n"


def test_a_bom_is_kept(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_bytes(b"\xef\xbb\xbfx = 1\n")
    write_plan(Plan((FileEdit("main.py", "x = 1\n", "x = 2\n"),)), tmp_path)
    assert (tmp_path / "main.py").read_bytes() == b"\xef\xbb\xbfx = 2\n"


def test_a_symlinked_file_is_written_through_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "real.py").write_text("x = 1\n")
    (tmp_path / "link.py").symlink_to("real.py")
    write_plan(Plan((FileEdit("link.py", "x = 1\n", "x = 2\n"),)), tmp_path)
    assert (tmp_path / "link.py").is_symlink()
    assert (tmp_path / "real.py").read_text() == "x = 2\n"


def test_nothing_is_written_through_a_link_leading_out_of_the_project(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (project / "out").symlink_to(outside, target_is_directory=True)
    with pytest.raises(TargetError, match="outside the project"):
        write_plan(Plan((FileEdit("out/orders.py", None, "x = 1\n"),)), project)
    assert not list(outside.iterdir())


def test_an_uncommitted_staging_is_removed_and_a_committed_one_completed(tmp_path: Path) -> None:
    (tmp_path / JOURNAL_DIR).mkdir()
    (tmp_path / JOURNAL_DIR / "0.new").write_text("stale")
    assert "not committed" in recover(tmp_path)
    assert not (tmp_path / JOURNAL_DIR).exists()

    (tmp_path / JOURNAL_DIR).mkdir()
    (tmp_path / JOURNAL_DIR / "0.new").write_text("x = 2\n")
    (tmp_path / JOURNAL_DIR / "journal.json").write_text(
        '[{"target": "a/b.py", "staged": "0.new"}]'
    )
    assert "completed" in recover(tmp_path)
    assert (tmp_path / "a/b.py").read_text() == "x = 2\n" and not (tmp_path / JOURNAL_DIR).exists()
    assert recover(tmp_path) is None


def test_a_run_in_progress_is_not_overrun(tmp_path: Path) -> None:
    (tmp_path / JOURNAL_DIR).mkdir()
    with pytest.raises(TargetError, match="another add-crud run"):
        write_plan(Plan((FileEdit("a.py", None, "x = 1\n"),)), tmp_path)


def test_a_directory_where_a_file_goes_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "orders.py").mkdir()
    with pytest.raises(TargetError, match="orders.py is a directory, not a file"):
        write_plan(Plan((FileEdit("orders.py", None, "x = 1\n"),)), tmp_path)
    assert not (tmp_path / JOURNAL_DIR).exists()


def test_a_link_to_a_file_outside_the_project_is_not_written_through(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside.py"
    project.mkdir()
    outside.write_text("x = 1\n")
    (project / "main.py").symlink_to(outside)
    with pytest.raises(TargetError, match="outside the project"):
        write_plan(Plan((FileEdit("main.py", "x = 1\n", "x = 2\n"),)), project)
    assert outside.read_text() == "x = 1\n"
