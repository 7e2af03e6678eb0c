"""check_edits: a plan is refused on the first pyflakes finding it adds, never on the project's own,
and every module of the plan is checked in one ruff run."""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from codemods import check
from codemods.check import check_edits, pyflakes
from codemods.edited_statements import added_statements
from codemods.errors import TargetError
from codemods.plan import FileEdit

OLD = "import os\n\n\ndef f():\n    return 1\n"  # the project's own unused import


def _ruff_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    runs: list[list[str]] = []
    real = subprocess.run

    def counting(args, *a, **kw):
        runs.append(list(args))
        return real(args, *a, **kw)

    monkeypatch.setattr(check.subprocess, "run", counting)
    check._FOUND.clear()
    return runs


def test_a_new_undefined_name_is_refused_with_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _ruff_runs(monkeypatch)
    edits = (
        FileEdit("app/a.py", OLD, OLD + "\n\ndef g():\n    return missing\n"),
        FileEdit("app/b.py", None, "def h():\n    return 2\n"),
    )
    with pytest.raises(TargetError, match=r"check failed, nothing written: app/a.py:9: F821 Undefined name `missing`"):
        check_edits(edits, {"app/a.py": OLD})
    assert len(runs) == 1  # both modules and the baseline, one process


def test_the_project_s_own_findings_are_not_the_plan_s(monkeypatch: pytest.MonkeyPatch) -> None:
    _ruff_runs(monkeypatch)
    check_edits((FileEdit("app/a.py", OLD, OLD + "\n\ndef g():\n    return 2\n"),), {"app/a.py": OLD})


def test_findings_read_from_files_equal_those_read_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [("from .a import f\n", "app/__init__.py"), ("from .a import f\n", "app/c.py"), ("def (:\n", "app/d.py")]
    one_by_one = []
    for text, path in texts:
        _ruff_runs(monkeypatch)
        one_by_one.append(pyflakes(text, path))
    runs = _ruff_runs(monkeypatch)
    check._prefetch(texts, "F")
    assert len(runs) == 1
    assert [pyflakes(text, path) for text, path in texts] == one_by_one
    assert one_by_one[0] and one_by_one[0][0].path == "app/__init__.py"  # an unused re-export there
    assert one_by_one[2][0].code in ("E999", "invalid-syntax")  # a syntax error is a finding too


UNUSED = "import os\nfrom app.models import Item, Order\n\n\ndef f(x=undefined_name):\n    return Item\n"


@pytest.mark.parametrize("many", [False, True])
def test_the_unused_imports_of_texts_checked_for_every_f_rule_are_known_without_another_run(
    monkeypatch: pytest.MonkeyPatch, many: bool
) -> None:
    texts = [(UNUSED, "app/a.py"), ("import sys\n", "app/b.py")][: 2 if many else 1]
    asked_alone = []
    for text, path in texts:
        _ruff_runs(monkeypatch)
        asked_alone.append(pyflakes(text, path, "F401"))
    runs = _ruff_runs(monkeypatch)
    check._prefetch(texts, "F")
    assert len(runs) == 1
    assert [pyflakes(text, path, "F401") for text, path in texts] == asked_alone
    assert len(runs) == 1  # F401 was read off the F run
    assert [f.code for f in asked_alone[0]] == ["F401", "F401"]  # os and Order; not the F821


def test_the_first_module_s_problem_is_named_whatever_kind_the_later_ones_are(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compiling runs beside ruff, yet the error is the one the modules give in order: a finding
    of the first module before a syntax error of the second, a syntax error before a finding."""
    _ruff_runs(monkeypatch)
    finding = FileEdit("app/a.py", OLD, OLD + "\n\ndef g():\n    return missing\n")
    broken = FileEdit("app/b.py", None, "def h(:\n    return 2\n")
    with pytest.raises(TargetError, match=r"app/a.py:9: F821"):
        check_edits((finding, broken), {"app/a.py": OLD})
    with pytest.raises(TargetError, match=r"app/b.py:1: the new code does not compile"):
        check_edits((broken, finding), {"app/a.py": OLD})


def test_a_module_s_new_statements_are_compiled_under_its_future_imports() -> None:
    """Compiling checks what parsing cannot; a module's statements the old text holds compiled
    there, so only the new ones are compiled, each where its errors would show."""
    old = "from __future__ import annotations\n\n\ndef f():\n    return 1\n\n\n@dec\ndef g():\n    pass\n"
    added = old + "\n\ndef h():\n    nonlocal x\n"
    tree = check.parsed(added)
    part = added_statements(tree, added, old)
    assert [type(s).__name__ for s in part.body] == ["ImportFrom", "FunctionDef"]
    assert part.body[1].name == "h"
    with pytest.raises(SyntaxError, match="nonlocal"):
        compile(part, "m.py", "exec", dont_inherit=True)
    assert added_statements(tree, added, None) is tree  # a new module: all of it


def test_a_new_global_or_future_import_compiles_the_whole_module() -> None:
    """Their errors depend on the statements before them (`x` assigned before `global x`)."""
    old = "x = 1\n"
    for added in (old + "global x\n", old + "from __future__ import annotations\n"):
        tree = check.parsed(added)
        assert added_statements(tree, added, old) is tree
        with pytest.raises(SyntaxError):
            compile(tree, "m.py", "exec", dont_inherit=True)


def test_a_statement_the_old_text_holds_once_is_new_the_second_time() -> None:
    """Statements are matched by text, as many times as the old text holds them."""
    old = "a = 1\n"
    added = "a = 1\na = 1\n"
    part = added_statements(check.parsed(added), added, old)
    assert [s.lineno for s in part.body] == [2]


def test_check_refuses_a_new_statement_that_does_not_compile_in_a_long_module(monkeypatch: pytest.MonkeyPatch) -> None:
    _ruff_runs(monkeypatch)
    old = "".join(f"def f{i}():\n    return {i}\n\n\n" for i in range(50))
    edit = FileEdit("app/a.py", old, old + "def g():\n    yield\n    return 1\n\n\nreturn 3\n")
    with pytest.raises(TargetError, match=r"app/a.py:206: the new code does not compile: 'return' outside function"):
        check_edits((edit,), {"app/a.py": old})


def test_unused_names_of_several_modules_are_fixed_in_one_run_as_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """fix_unused_all: ruff's fixes for unused imports and locals, every module in one process,
    each text exactly as ruff fixes it alone (an `__init__`'s re-export kept, CRLF read as "\\n"
    as a text run's output is, a module the fixes would empty kept whole)."""
    texts = [
        ("import os\nimport sys\n\n\ndef f():\n    x = 1\n    return sys.argv\n", "app/a.py"),
        ("from .a import f\n", "app/__init__.py"),
        ("import os\r\nimport sys\r\n\r\nprint(sys)\r\n", "app/crlf.py"),
        ("import os\n", "app/only.py"),
    ]
    one_by_one = []
    for text, path in texts:
        check._FIXED.clear()
        one_by_one.append(check.fix_unused(text, path))
    check._FIXED.clear()
    runs = _ruff_runs(monkeypatch)
    check.fix_unused_all(texts)
    assert len(runs) == 1
    assert [check.fix_unused(text, path) for text, path in texts] == one_by_one
    assert one_by_one[0] == "import sys\n\n\ndef f():\n    return sys.argv\n"
    assert one_by_one[2] == "import sys\n\nprint(sys)\n"
    assert one_by_one[3] == "import os\n"


# statements that parse; some do not compile (alone, or after others: `x` bound before `global x`)
_STATEMENTS = [
    "import os",
    "from __future__ import annotations",
    "x = 1",
    "global x",
    "return 1",
    "break",
    "def f(a, b):\n    return a",
    "def g(a, a):\n    pass",
    "def h():\n    nonlocal y",
    "async def k():\n    await z",
    "class C:\n    def m(self):\n        return super().m()",
    "@dec\ndef d():\n    pass",
    "for i in []:\n    continue",
    "y: int = 2",
    "a = 1; b = 2",
    '"""doc"""',
]


def _compiles(tree) -> bool:
    try:
        compile(tree, "m.py", "exec", dont_inherit=True)
    except SyntaxError:
        return False
    return True


@given(
    st.lists(st.sampled_from(_STATEMENTS), max_size=6),
    st.lists(st.tuples(st.integers(0, 6), st.sampled_from(_STATEMENTS)), max_size=3),
)
@example(['"""doc"""', "from __future__ import annotations"], [(0, "x = 1")])  # before a __future__ import
@example(["global x"], [(0, "x = 1")])  # bound before its global declaration
@example(["import os"], [(1, "from __future__ import annotations")])
@settings(max_examples=1000, deadline=None)
def test_compiling_the_new_statements_fails_exactly_where_compiling_the_module_does(
    old_statements: list[str], insertions: list[tuple[int, str]]
) -> None:
    """Whatever a plan inserts into a module that compiled, compiling only what `added_statements`
    keeps fails exactly when compiling the whole new module does."""
    old = "\n".join(old_statements) + "\n"
    if not _compiles(check.parsed(old)):
        return  # the check compares with a text the project could import
    body = list(old_statements)
    for at, statement in insertions:
        body.insert(min(at, len(body)), statement)
    new = "\n".join(body) + "\n"
    tree = check.parsed(new)
    assert _compiles(added_statements(tree, new, old)) == _compiles(tree)


def test_two_submodule_imports_of_one_package_are_no_shadowing() -> None:
    """`import app.auth.models` and `import app.orders.models` both bind the package `app`; an
    import of something else under that name would shadow it."""
    from codemods.check import _new_shadowing

    old = "import app.auth.models  # noqa\n"
    assert _new_shadowing(old, old + "import app.orders.models  # noqa\n") is None
    assert _new_shadowing(old, old + "from fastapi import FastAPI as app\n") == (
        "app would be both import app and imported from fastapi"
    )
