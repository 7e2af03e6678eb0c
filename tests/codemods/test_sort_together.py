"""sort_together: many modules judged or sorted in one ruff run give what a run each gives, and
the tree is left exactly as it was."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from codemods import tidy as tidy_module
from codemods.formatting import FormatStyle
from codemods.plan import FileEdit
from codemods.ruff_bin import ruff_bin
from codemods.sort_together import judged_on_disk, sorted_in_tree
from codemods.tidy import tidy

APP = frozenset({"app"})
ARGS = ["check", "--fix-only", "--select", "I001", "--exit-zero", "--quiet", "--config", 'lint.isort.known-first-party = ["app"]']

UNSORTED = """\
    import sys, os
    from app.routers import orders, items
    from fastapi import FastAPI
    from app import deps

    app = FastAPI()
"""
SORTED = """\
    import os
    import sys

    from fastapi import FastAPI

    from app import deps
    from app.routers import items, orders

    app = FastAPI()
"""


def code(text: str) -> str:
    return textwrap.dedent(text)


def args() -> list[str]:
    return [ruff_bin(), *ARGS]


def stdin_sorted(text: str, path: str, root: Path) -> str:
    """What the one-run-per-module way gives (tidy's own, through stdin)."""
    proc = subprocess.run([*args(), "--stdin-filename", path, "-"], input=text, capture_output=True, text=True, cwd=root, check=False)
    return proc.stdout if proc.returncode == 0 and proc.stdout else text


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project whose sub-package sorts with a configuration of its own (one import a line)."""
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 88\n")
    (tmp_path / "app/routers").mkdir(parents=True)
    (tmp_path / "app/__init__.py").write_text("")
    (tmp_path / "app/routers/__init__.py").write_text("")
    (tmp_path / "app/routers/ruff.toml").write_text('extend = "../../pyproject.toml"\n[lint.isort]\nforce-single-line = true\n')
    (tmp_path / "app/main.py").write_text("x = 1\n")
    return tmp_path


def test_modules_sorted_together_read_as_each_sorted_alone_and_the_tree_is_as_it_was(root: Path) -> None:
    pairs = [
        (code(UNSORTED), "app/main.py"),  # exists: replaced for the run, then put back
        (code(UNSORTED), "app/routers/orders.py"),  # new, under the sub-package's configuration
        (code(SORTED), "app/deps.py"),  # new, sorted already
    ]
    before = snapshot(root)
    out = sorted_in_tree(pairs, root, args())
    assert out == {pair: stdin_sorted(*pair, root) for pair in pairs}
    assert out[pairs[0]] == code(SORTED)
    assert "from app.routers import items\nfrom app.routers import orders\n" in out[pairs[1]]  # one a line there
    assert out[pairs[2]] == code(SORTED)
    assert snapshot(root) == before


def test_a_new_module_an_import_names_is_left_to_stdin(root: Path) -> None:
    # a module that exists is first-party to ruff's `src` lookup: written, it would change how
    # `import helpers` sorts in the other text
    uses = code("""\
        import helpers
        import os
    """)
    pairs = [(uses, "app/main.py"), ("x = 1\n", "helpers.py"), (code(UNSORTED), "app/deps.py")]
    out = sorted_in_tree(pairs, root, args())
    assert set(out) == {pairs[0], pairs[2]}
    assert out[pairs[0]] == stdin_sorted(*pairs[0], root)
    assert not (root / "helpers.py").exists()


def test_a_new_package_init_a_new_directory_and_texts_a_file_would_change_are_left_out(root: Path) -> None:
    pairs = [
        (code(UNSORTED), "app/main.py"),
        (code(UNSORTED), "app/routers/v2/__init__.py"),  # a directory that is not there
        (code(UNSORTED), "app/schemas/__init__.py"),
        (code(UNSORTED).replace("\n", "\r\n"), "app/a.py"),
        ("\ufeff" + code(UNSORTED), "app/b.py"),
        (code(UNSORTED), "../outside.py"),
        (code(SORTED), "app/c.py"),
    ]
    (root / "app/schemas").mkdir()
    out = sorted_in_tree(pairs, root, args())
    assert set(out) == {pairs[0], pairs[-1]}
    assert not (root / "app/routers/v2").exists() and not (root.parent / "outside.py").exists()


def test_nothing_is_written_through_a_link_the_copy_kept(root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    (root / "app/link.py").symlink_to(root / "app/main.py")
    pairs = [(code(UNSORTED), "linked/mod.py"), (code(UNSORTED), "app/link.py"), (code(UNSORTED), "app/main.py"), (code(UNSORTED), "app/x.py")]
    out = sorted_in_tree(pairs, root, args())
    assert set(out) == {pairs[2], pairs[3]}
    assert list(elsewhere.iterdir()) == []
    assert (root / "app/main.py").read_text() == "x = 1\n"


def test_a_failing_run_gives_nothing_and_puts_the_tree_back(root: Path) -> None:
    before = snapshot(root)
    pairs = [(code(UNSORTED), "app/main.py"), (code(UNSORTED), "app/y.py")]
    assert sorted_in_tree(pairs, root, [*args(), "--select", "NOT-A-RULE"]) == {}
    assert snapshot(root) == before


def test_files_holding_the_texts_are_judged_in_one_run_as_sorting_each_would(root: Path) -> None:
    (root / "app/main.py").write_text(code(UNSORTED))
    (root / "app/deps.py").write_text(code(SORTED))
    (root / "app/routers/orders.py").write_text(code(SORTED))  # single lines there: not sorted
    pairs = [(code(UNSORTED), "app/main.py"), (code(SORTED), "app/deps.py"), (code(SORTED), "app/routers/orders.py")]
    before = snapshot(root)
    judged = judged_on_disk([*pairs, ("other text\n", "app/deps.py"), (code(SORTED), "app/none.py")], root, args())
    assert judged == {pair: stdin_sorted(*pair, root) == pair[0] for pair in pairs}
    assert judged == {pairs[0]: False, pairs[1]: True, pairs[2]: False}
    assert snapshot(root) == before  # read where they are, nothing written (no cache either)


def test_a_file_ruff_cannot_parse_is_left_to_stdin(root: Path) -> None:
    broken = code(UNSORTED) + "def (:\n"
    (root / "app/main.py").write_text(broken)
    (root / "app/deps.py").write_text(code(SORTED))
    judged = judged_on_disk([(broken, "app/main.py"), (code(SORTED), "app/deps.py")], root, args())
    assert judged == {(code(SORTED), "app/deps.py"): True}


def test_a_batch_sorts_a_plan_s_modules_in_one_run_with_the_same_result(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fmt = FormatStyle(formatter=None, line_length=88, quotes="double", indent="    ")
    edits = tuple(FileEdit(f"app/m{i}.py", None, code(UNSORTED).replace("orders", f"zorders{i}")) for i in range(4))
    habits = {e.path: (code(SORTED), "app/main.py") for e in edits}
    (root / "app/main.py").write_text(code(SORTED))
    alone = tidy(edits, habits, fmt, root, True, APP)
    tidy_module._SORTED.clear()
    tidy_module._UNSORTED.clear()
    runs: list[list[str]] = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda cmd, *a, **k: runs.append(cmd) or real(cmd, *a, **k))
    together = tidy(edits, habits, fmt, root, True, APP, own_tree=True)
    assert together == alone
    assert [e.new for e in together] == [code(SORTED).replace("orders", f"zorders{i}") for i in range(4)]
    # the habit judged (one text: through stdin), then the four sorted at once
    assert len(runs) == 2 and runs[0][-1] == "-" and runs[1][-4:] == [e.path for e in edits]
