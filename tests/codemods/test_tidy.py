"""tidy: touched modules are formatted and import-sorted whole where the project kept them so."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from codemods.formatting import FormatStyle
from codemods.plan import FileEdit
from codemods.tidy import tidy

RUFF = FormatStyle(formatter="ruff", line_length=88, quotes="double", indent="    ")
APP = frozenset({"app"})


def code(text: str) -> str:
    return textwrap.dedent(text)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 88\n")
    return tmp_path


def tidied(
    root: Path,
    baseline: str | None,
    new: str,
    *,
    path: str = "app/main.py",
    ruff_lint: bool = False,
    first_party: frozenset[str] = APP,
) -> str:
    edit = FileEdit(path, baseline, new, why=("wired in",))
    (out,) = tidy((edit,), {path: (baseline, path) if baseline is not None else None}, RUFF, root, ruff_lint, first_party)
    assert out.path == edit.path and out.old == edit.old and out.why == edit.why
    return out.new


# -- formatting -------------------------------------------------------------------------------


def test_a_module_whose_baseline_is_formatted_is_formatted_whole(root: Path) -> None:
    baseline = """\
        x = {"a": 1}
    """
    new = """\
        x = {"a": 1}
        y = {'b':2}
    """
    after = """\
        x = {"a": 1}
        y = {"b": 2}
    """
    assert tidied(root, code(baseline), code(new)) == code(after)


def test_a_module_whose_baseline_is_not_formatted_keeps_the_new_text_as_is(root: Path) -> None:
    baseline = """\
        x = {'a':1}
    """
    new = """\
        x = {'a':1}
        y = {'b':2}
    """
    assert tidied(root, code(baseline), code(new)) == code(new)


def test_a_created_module_without_an_exemplar_is_left_as_is(root: Path) -> None:
    assert tidied(root, None, "y  = 1\n", ruff_lint=True) == "y  = 1\n"


def test_a_file_that_is_not_python_is_left_as_is(root: Path) -> None:
    assert tidied(root, "x = 1\n", "y  = 1\n", path="README.md", ruff_lint=True) == "y  = 1\n"


def test_an_edit_that_needs_nothing_is_returned_as_it_came(root: Path) -> None:
    edit = FileEdit("app/main.py", "x = 1\n", "x = 1\ny = 2\n")
    (out,) = tidy((edit,), {edit.path: (edit.old, edit.path)}, RUFF, root, True, APP)
    assert out is edit


# -- import sorting ---------------------------------------------------------------------------

SORTED = """\
    import os

    from fastapi import FastAPI

    from app.routers import items

    app = FastAPI(title='x')
"""
NEW_IMPORT = """\
    import os

    from fastapi import FastAPI

    from app.routers import items
    from app.models import Order

    app = FastAPI(title='x')
"""


def test_a_new_import_in_a_module_whose_imports_were_sorted_gets_sorted(root: Path) -> None:
    after = """\
        import os

        from fastapi import FastAPI

        from app.models import Order
        from app.routers import items

        app = FastAPI(title='x')
    """
    assert tidied(root, code(SORTED), code(NEW_IMPORT), ruff_lint=True) == code(after)


def test_imports_are_not_sorted_when_the_project_does_not_lint_with_ruff(root: Path) -> None:
    assert tidied(root, code(SORTED), code(NEW_IMPORT), ruff_lint=False) == code(NEW_IMPORT)


def test_the_projects_packages_decide_whether_the_baseline_was_sorted(root: Path) -> None:
    # without `app` first-party, ruff puts it beside fastapi: the baseline was not sorted
    new = tidied(root, code(SORTED), code(NEW_IMPORT), ruff_lint=True, first_party=frozenset())
    assert new == code(NEW_IMPORT)


def test_a_module_whose_imports_were_not_sorted_keeps_its_new_import_in_place(root: Path) -> None:
    baseline = """\
        from fastapi import FastAPI
        import os

        app = FastAPI(title='x')
    """
    new = """\
        from fastapi import FastAPI
        import os
        from app.routers import orders

        app = FastAPI(title='x')
    """
    assert tidied(root, code(baseline), code(new), ruff_lint=True) == code(new)


def test_a_formatted_and_sorted_module_is_both_sorted_and_formatted(root: Path) -> None:
    baseline = """\
        from fastapi import FastAPI

        from app.routers import items

        app = FastAPI()
    """
    new = """\
        from fastapi import FastAPI

        from app.routers import orders
        from app import deps
        from app.routers import items

        app = FastAPI()
        app.include_router(orders.router, prefix='/orders')
    """
    after = """\
        from fastapi import FastAPI

        from app import deps
        from app.routers import items, orders

        app = FastAPI()
        app.include_router(orders.router, prefix="/orders")
    """
    assert tidied(root, code(baseline), code(new), ruff_lint=True) == code(after)


# -- a new module: the exemplar's habit ----------------------------------------------------------

EXEMPLAR = """\
    from app.models.item import Item
    from app.models.order import Order

    def lines(order: Order) -> list[Item]:
        return order.items
"""
# EXEMPLAR cloned as Zebra, its imports where the exemplar had them: for the new name, out of order
CLONE = """\
    from app.models.zebra import Zebra
    from app.models.order import Order

    def lines(order: Order) -> list[Zebra]:
        return order.zebras
"""


def created(root: Path, exemplar: str, new: str) -> str:
    edit = FileEdit("app/crud/zebra.py", None, new, why=("cloned from app/crud/item.py",))
    (out,) = tidy((edit,), {edit.path: (exemplar, "app/crud/item.py")}, RUFF, root, True, APP)
    return out.new or ""


def test_a_new_module_is_sorted_and_formatted_where_its_exemplar_is(root: Path) -> None:
    # the renamed exemplar would read unsorted: the habit is the exemplar's own text
    exemplar = code(EXEMPLAR).replace("\ndef", "\n\ndef")  # formatted: two blank lines
    after = """\
        from app.models.order import Order
        from app.models.zebra import Zebra


        def lines(order: Order) -> list[Zebra]:
            return order.zebras
    """
    assert created(root, exemplar, code(CLONE)) == code(after)


def test_a_new_module_is_left_as_cloned_where_its_exemplar_is_neither(root: Path) -> None:
    unsorted = """\
        from app.models.order import Order
        from app.models.item import Item

        def lines(order: Order) -> list[Item]:
            return order.items
    """
    assert created(root, code(unsorted), code(CLONE)) == code(CLONE)


# -- once per text ------------------------------------------------------------------------------


def test_a_text_ruff_sorted_is_known_sorted_without_running_ruff_again(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a batch's next resource starts from the text the one before left: sorted already
    import subprocess

    from codemods import tidy as tidy_module

    sorted_text = tidy_module._sort_imports(code(NEW_IMPORT), "app/main.py", root, APP)
    runs: list[object] = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: runs.append(a) or real(*a, **k))
    assert tidy_module._sort_imports(sorted_text, "app/main.py", root, APP) == sorted_text
    assert tidy_module._sort_imports(code(NEW_IMPORT), "app/main.py", root, APP) == sorted_text
    assert runs == []
    # another path may sort otherwise (its own configuration): ruff is asked
    tidy_module._sort_imports(sorted_text, "scripts/main.py", root, APP)
    assert len(runs) == 1


# -- formatted while sorted ---------------------------------------------------------------------


def _formatting_threads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """(text, whether on the main thread) of each text ruff is asked to format from now on."""
    import threading

    from codemods import formatting

    asked: list[tuple[str, bool]] = []
    real = formatting._ruff

    def recorded(text: str, style: FormatStyle) -> str:
        asked.append((text, threading.current_thread() is threading.main_thread()))
        return real(text, style)

    monkeypatch.setattr(formatting, "_ruff", recorded)
    return asked


FORMATTED_SORTED = """\
    from fastapi import FastAPI

    from app.routers import items

    app = FastAPI(title="formatted while sorted")
"""


def test_a_new_text_sorting_leaves_as_it_is_is_formatted_while_it_is_sorted(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the wiring put its import in sorted place: its formatting is not waited for after sorting
    new = code(FORMATTED_SORTED).replace("import items", "import items, orders") + "app.include_router(orders.router, prefix='/orders')\n"
    asked = _formatting_threads(monkeypatch)
    assert tidied(root, code(FORMATTED_SORTED), new, ruff_lint=True) == new.replace("'/orders'", '"/orders"')
    assert [(text, main) for text, main in asked if text == new] == [(new, False)]  # on the other thread
    assert all(text in (new, code(FORMATTED_SORTED)) for text, _ in asked)  # and nothing after the sorting


def test_a_new_text_sorting_changes_is_formatted_as_sorted(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = code(FORMATTED_SORTED).replace("from app.routers import items", "from app.routers import items\nfrom app import deps")
    sorted_new = code(FORMATTED_SORTED).replace("from app.routers import items", "from app import deps\nfrom app.routers import items")
    asked = _formatting_threads(monkeypatch)
    assert tidied(root, code(FORMATTED_SORTED), new, ruff_lint=True) == sorted_new
    assert (new, False) in asked  # formatted ahead, for nothing: sorting changed it
    assert (sorted_new, True) in asked  # then formatted as sorted


# -- judged early -------------------------------------------------------------------------------


def test_habits_judged_early_are_not_judged_again_when_tidying(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a single run judges the habits while it waits for its copy: tidying then asks ruff only
    # of the new texts
    import subprocess

    from codemods import formatting
    from codemods import tidy as tidy_module

    other = code(FORMATTED_SORTED).replace("formatted while sorted", "another module")
    habits = {"app/main.py": (code(FORMATTED_SORTED), "app/main.py"), "app/other.py": (other, "app/other.py")}
    tidy_module.judge_early(list(habits.values()), RUFF, root, True, APP)
    for judging in list(tidy_module._JUDGING):  # done while the run waited for its copy
        judging.result()
    asked: list[str] = []
    real_run, real_files, real_ruff = subprocess.run, formatting._formatted_files, formatting._ruff
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: asked.append(k.get("input") or "") or real_run(*a, **k))
    monkeypatch.setattr(formatting, "_formatted_files", lambda texts, style: asked.extend(texts) or real_files(texts, style))
    monkeypatch.setattr(formatting, "_ruff", lambda text, style: asked.append(text) or real_ruff(text, style))
    edits = tuple(
        FileEdit(path, text, text.replace("import items", "import items, orders"), why=("wired in",))
        for path, (text, _) in habits.items()
    )
    done = tidy(edits, habits, RUFF, root, True, APP)
    assert [e.new for e in done] == [e.new for e in edits]  # sorted and formatted already
    assert asked  # the new texts were asked of
    assert not {text for text, _ in habits.values()} & set(asked)  # the habits were not, again
