"""The last stage: a plan rendered as a `git apply`-able patch, or written all-or-nothing."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import textwrap
from pathlib import Path

import pytest

from codemods.errors import TargetError
from codemods.output import unified_diff
from codemods.plan import FileEdit, Plan
from codemods.safe_write import write_plan

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

MAIN_OLD = textwrap.dedent("""\
    from fastapi import FastAPI

    from app.api import items

    app = FastAPI()
    app.include_router(items.router)
""")
MAIN_NEW = (
    MAIN_OLD.replace("import items", "import items, orders") + "app.include_router(orders.router)\n"
)
ROUTER = 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/orders")\n'

EDITS = {
    "modified": FileEdit("app/main.py", MAIN_OLD, MAIN_NEW),
    "created": FileEdit("app/api/orders.py", None, ROUTER),
    "created-in-new-dirs": FileEdit("app/orders/deep/router.py", None, ROUTER),
    "created-empty": FileEdit("app/orders/__init__.py", None, ""),
    "no-final-newline": FileEdit("app/version.py", "V = 1", "V = 2"),
    "newline-added-at-end": FileEdit("app/const.py", "A = 1", "A = 1\nB = 2\n"),
    "emptied": FileEdit("app/gone.py", "x = 1\n", ""),
    "was-empty": FileEdit("app/__init__.py", "", "from app.main import app\n"),
}


def write_old_files(root: Path, edits: list[FileEdit]) -> None:
    for edit in edits:
        if edit.old is not None:
            path = root / edit.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit.old, encoding="utf-8")


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "changes.patch"
    }


def git_apply(root: Path, patch: str) -> None:
    (root / "changes.patch").write_text(patch, encoding="utf-8")
    for args in (["git", "apply", "--check", "changes.patch"], ["git", "apply", "changes.patch"]):
        proc = subprocess.run(args, cwd=root, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr


@needs_git
@pytest.mark.parametrize(
    "kinds", [pytest.param([k], id=k) for k in EDITS] + [pytest.param(list(EDITS), id="all")]
)
def test_unified_diff_is_git_applyable(tmp_path: Path, kinds: list[str]) -> None:
    edits = [EDITS[k] for k in kinds]
    write_old_files(tmp_path, edits)
    git_apply(tmp_path, unified_diff(Plan(tuple(edits))))
    assert tree(tmp_path) == {e.path: e.new for e in edits}


@needs_git
@pytest.mark.parametrize("where", ["the work tree's top", "the project"])
def test_a_project_below_the_top_of_its_git_work_tree_gets_a_patch_git_applies(tmp_path: Path, where: str) -> None:
    """A project in `backend/` of its repository: the patch names `backend/app/main.py`, as the
    repository's own `git diff` does, and `git apply` takes it from the top or from `backend/`
    (given `app/main.py` it applied nothing there, silently)."""
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    project = tmp_path / "backend"
    edits = [EDITS["modified"], EDITS["created"]]
    write_old_files(project, edits)
    patch = unified_diff(Plan(tuple(edits)), project)
    assert "diff --git a/backend/app/main.py b/backend/app/main.py" in patch
    git_apply(tmp_path if where == "the work tree's top" else project, patch)
    assert tree(project) == {e.path: e.new for e in edits}


def test_unified_diff_headers() -> None:
    patch = unified_diff(Plan((EDITS["modified"], EDITS["created"])))
    assert patch.startswith(
        "diff --git a/app/main.py b/app/main.py\n--- a/app/main.py\n+++ b/app/main.py\n@@"
    )
    assert (
        "diff --git a/app/api/orders.py b/app/api/orders.py\nnew file mode 100644\n"
        "--- /dev/null\n+++ b/app/api/orders.py\n@@ -0,0 +1,3 @@\n"
    ) in patch


def test_unified_diff_marks_a_missing_final_newline() -> None:
    patch = unified_diff(Plan((EDITS["no-final-newline"],)))
    assert patch.endswith(
        "-V = 1\n\\ No newline at end of file\n+V = 2\n\\ No newline at end of file\n"
    )


def test_unified_diff_leaves_out_unchanged_files() -> None:
    same = FileEdit("app/same.py", "x = 1\n", "x = 1\n")
    assert unified_diff(Plan((same,))) == ""
    assert "app/same.py" not in unified_diff(Plan((same, EDITS["modified"])))


def test_write_plan_writes_every_file(tmp_path: Path) -> None:
    edits = list(EDITS.values())
    write_old_files(tmp_path, edits)
    write_plan(Plan(tuple(edits)), tmp_path)
    assert tree(tmp_path) == {e.path: e.new for e in edits}


def test_write_plan_twice_is_refused_the_second_time(tmp_path: Path) -> None:
    plan = Plan((EDITS["modified"],))
    write_old_files(tmp_path, list(plan.edits))
    write_plan(plan, tmp_path)
    with pytest.raises(
        TargetError, match="app/main.py changed on disk while planning; nothing was written"
    ):
        write_plan(plan, tmp_path)
    assert (tmp_path / "app/main.py").read_text() == MAIN_NEW


@pytest.mark.parametrize(
    "stale",
    [
        pytest.param(
            FileEdit("app/models.py", "class Item: ...\n", "class Item: ...\nclass Order: ...\n"),
            id="edited-file-changed-on-disk",
        ),
        pytest.param(FileEdit("app/missing.py", "x = 1\n", "x = 2\n"), id="edited-file-missing"),
        pytest.param(FileEdit("app/users.py", None, "router = 1\n"), id="new-file-already-exists"),
    ],
)
def test_write_plan_writes_nothing_when_one_edit_is_stale(tmp_path: Path, stale: FileEdit) -> None:
    good = [EDITS["modified"], EDITS["created"], EDITS["created-in-new-dirs"]]
    write_old_files(tmp_path, good)
    (tmp_path / "app/models.py").write_text("class Item: ...  # edited meanwhile\n")
    (tmp_path / "app/users.py").write_text("router = 0\n")
    before = tree(tmp_path)
    dirs_before = sorted(p for p in tmp_path.rglob("*") if p.is_dir())

    with pytest.raises(
        TargetError, match="changed on disk while planning; nothing was written"
    ) as exc:
        write_plan(Plan((*good, stale)), tmp_path)

    assert "\n" not in str(exc.value)
    assert tree(tmp_path) == before  # no file changed, no new file created
    assert (
        sorted(p for p in tmp_path.rglob("*") if p.is_dir()) == dirs_before
    )  # no directory either
    assert not list(tmp_path.rglob("*.tmp"))


def test_write_plan_cleans_up_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edits = [EDITS["modified"], EDITS["created-in-new-dirs"], EDITS["created"]]
    write_old_files(tmp_path, edits)
    before = tree(tmp_path)
    dirs_before = sorted(p for p in tmp_path.rglob("*") if p.is_dir())
    real_write = Path.write_bytes
    calls = []

    def failing_write(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(OSError, match="disk full"):
        write_plan(Plan(tuple(edits)), tmp_path)
    assert tree(tmp_path) == before
    assert sorted(p for p in tmp_path.rglob("*") if p.is_dir()) == dirs_before


def test_write_plan_keeps_modes_and_gives_new_files_the_usual_mode(tmp_path: Path) -> None:
    write_old_files(tmp_path, [EDITS["modified"]])
    (tmp_path / "app/main.py").chmod(0o755)
    umask = os.umask(0o022)
    try:
        write_plan(Plan((EDITS["modified"], EDITS["created"])), tmp_path)
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "app/main.py").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "app/api/orders.py").stat().st_mode) == 0o644


def test_write_plan_keeps_bytes_exactly(tmp_path: Path) -> None:
    edit = FileEdit("app/x.py", None, "a = 'é'\r\nb = 2")
    write_plan(Plan((edit,)), tmp_path)
    assert (tmp_path / "app/x.py").read_bytes() == "a = 'é'\r\nb = 2".encode()


@pytest.mark.parametrize(
    "edit, created, changes",
    [
        pytest.param(FileEdit("a.py", None, ""), True, True, id="new-empty-file"),
        pytest.param(FileEdit("a.py", None, "x\n"), True, True, id="new-file"),
        pytest.param(FileEdit("a.py", "x\n", "y\n"), False, True, id="edited"),
        pytest.param(FileEdit("a.py", "x\n", "x\n"), False, False, id="unchanged"),
    ],
)
def test_file_edit(edit: FileEdit, created: bool, changes: bool) -> None:
    assert (edit.created, edit.changes) == (created, changes)


def test_plan_changed_keeps_order_and_drops_no_ops() -> None:
    a, same, b = (
        FileEdit("a.py", None, "x\n"),
        FileEdit("s.py", "x\n", "x\n"),
        FileEdit("b.py", "x\n", "y\n"),
    )
    assert Plan((a, same, b)).changed == (a, b)
    assert not Plan((a,)).empty
    assert Plan((same,)).empty
    assert Plan(()).empty
