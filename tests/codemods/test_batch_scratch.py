"""A batch plans in a scratch copy of the project whose files are hard links where the file system
allows: writing a plan there replaces the copy's file and never changes the project's."""

from __future__ import annotations

from pathlib import Path

from codemods.add_crud.batch import _scratch_copy
from codemods.plan import FileEdit, Plan
from codemods.safe_write import write_plan


def test_a_plan_written_in_the_scratch_copy_leaves_the_project_as_it_was(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "app").mkdir(parents=True)
    (project / "app/main.py").write_text("app = 1\n", encoding="utf-8")
    (project / ".git").mkdir()  # version control is not copied
    with _scratch_copy(project) as scratch:
        assert not (scratch / ".git").exists()
        copied = scratch / "app/main.py"
        assert copied.read_text(encoding="utf-8") == "app = 1\n"
        assert copied.stat().st_ino == (project / "app/main.py").stat().st_ino  # one file, linked
        write_plan(Plan((FileEdit("app/main.py", "app = 1\n", "app = 2\n", ("changed",)),)), scratch)
        assert copied.read_text(encoding="utf-8") == "app = 2\n"
        assert (project / "app/main.py").read_text(encoding="utf-8") == "app = 1\n"
    assert (project / "app/main.py").read_text(encoding="utf-8") == "app = 1\n"


def test_where_links_are_refused_the_files_are_copied(tmp_path: Path, monkeypatch) -> None:
    import os

    def refused(source: str, target: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refused)
    project = tmp_path / "project"
    project.mkdir()
    (project / "main.py").write_text("app = 1\n", encoding="utf-8")
    with _scratch_copy(project) as scratch:
        assert (scratch / "main.py").read_text(encoding="utf-8") == "app = 1\n"
        assert (scratch / "main.py").stat().st_ino != (project / "main.py").stat().st_ino
