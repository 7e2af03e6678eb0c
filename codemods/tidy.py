"""Leave every touched module as the project's own tools would: formatted and imports sorted.

Cloned code is formatted piece by piece; the modules it lands in are judged whole. A module the
project keeps formatted (its text before our edit formats to itself; for a new module, the
exemplar's) is formatted whole after it; a project linting with ruff gets its import blocks sorted
by ruff under the project's own configuration, where the module's imports were sorted before.
Modules the project leaves unformatted or unsorted stay as they are but for our lines.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future
from pathlib import Path

from codemods.errors import TargetError
from codemods.formatting import FormatStyle, format_code, format_modules, formats_to_itself
from codemods.plan import FileEdit
from codemods.ruff_bin import ruff_bin, run_all, started
from codemods.sort_together import judged_on_disk, sorted_in_tree


def tidy(
    edits: tuple[FileEdit, ...],
    habits: dict[str, tuple[str, str] | None],
    fmt: FormatStyle,
    root: Path,
    ruff_lint: bool,
    first_party: frozenset[str],
    own_tree: bool = False,
) -> tuple[FileEdit, ...]:
    """The edits with their new texts formatted and import-sorted where the project keeps the
    module so: `habits[path]` is (text, path) of the module before, or for a new one the exemplar.
    `own_tree`: `root` is a copy of the project this run owns (a batch's), where texts may be
    written to be sorted together (`sorted_in_tree`)."""
    while _JUDGING:  # what was asked of the habits early is known before it is asked again
        _JUDGING.pop().result()
    pairs = [
        (e, h) for e in edits if e.path.endswith(".py") and e.new is not None and (h := habits.get(e.path)) is not None
    ]
    # the habits formatted (in one ruff run) while they are judged sorted: neither waits for the
    # other
    habits_formatted = started(format_modules, [text for _, (text, _) in pairs], fmt) if fmt.formatter else None
    sorted_before: set[str] = set()
    if ruff_lint:  # every habit side by side
        _sort_all([h for _, h in pairs], root, first_party, own_tree, judge=True)
        sorted_before = {e.path for e, (text, path) in pairs if _is_sorted(text, path, root, first_party)}
    formatted_before: set[str] = set()
    if habits_formatted is not None:
        habits_formatted.result()
        formatted_before = {e.path for e, (text, _) in pairs if formats_whole(text, fmt)}
    # The new texts formatted while their imports are sorted: where sorting leaves a text as it
    # is (the wiring put its import in sorted place), the formatting asked below is found done,
    # not waited for in a ruff run after the sorting. Sorted anew, a text is formatted again.
    ahead = [e.new for e, _ in pairs if e.path in formatted_before and e.path in sorted_before]
    early = started(_formatted_ahead, ahead, fmt) if ahead else None
    if sorted_before:  # then the new texts where the habit was sorted
        news = [(e.new, e.path) for e, _ in pairs if e.path in sorted_before and e.new is not None]
        _sort_all(news, root, first_party, own_tree)
    new_texts: dict[str, str] = {}
    for edit, _ in pairs:
        assert edit.new is not None
        new = _sort_imports(edit.new, edit.path, root, first_party) if edit.path in sorted_before else edit.new
        new_texts[edit.path] = new
    if early is not None:
        early.result()
    if formatted_before:
        format_modules([t for path, t in new_texts.items() if path in formatted_before], fmt)
        new_texts.update({path: format_code(t, fmt) for path, t in new_texts.items() if path in formatted_before})
    return tuple(_with_new(e, new_texts[e.path]) if new_texts.get(e.path, e.new) != e.new else e for e in edits)


# the judging `judge_early` began, finished before `tidy` judges
_JUDGING: list[Future[None]] = []


def judge_early(habits: list[tuple[str, str]], fmt: FormatStyle, root: Path, ruff_lint: bool, first_party: frozenset[str]) -> None:
    """What `tidy` asks first of the (text, path) habits it will be handed, whether each is
    formatted and whether its imports are sorted, asked now in a thread: a single run's planning
    waits for its copy meanwhile (clone/plan.py), and `tidy` then finds the answers known, not
    two ruff runs to wait for. Habits guessed wrong cost a ruff run in that wait, nothing more."""
    _JUDGING.append(started(_judge, habits, fmt, root, ruff_lint, first_party))


def _judge(habits: list[tuple[str, str]], fmt: FormatStyle, root: Path, ruff_lint: bool, first_party: frozenset[str]) -> None:
    try:
        # each habit formatted into `format_code`'s memory, one alone too (`format_modules` leaves it)
        formatted = started(_formatted_ahead, [text for text, _ in habits], fmt) if fmt.formatter else None
        if ruff_lint:
            _sort_all(habits, root, first_party, judge=True)
        if formatted is not None:
            formatted.result()
    except Exception:  # noqa: BLE001 - it only fills the caches: `tidy` asks again, and says what fails
        return


def _formatted_ahead(texts: list[str], fmt: FormatStyle) -> None:
    """Each text formatted into `format_code`'s memory; one the formatter refuses is left for
    the formatting that asks for it to say so (the text it asks for may be another: sorted)."""
    format_modules(texts, fmt)
    for text in texts:
        with contextlib.suppress(TargetError):
            format_code(text, fmt)


def formats_whole(habit: str, fmt: FormatStyle) -> bool:
    """Whether `tidy` formats an edited module whole: the project has a formatter, and kept the
    module formatted (`habit`, the module's text before, formats to itself)."""
    return bool(fmt.formatter) and formats_to_itself(habit, fmt)


def _with_new(edit: FileEdit, new: str) -> FileEdit:
    from dataclasses import replace

    return replace(edit, new=new)


# (text, path, root, first party) -> the text sorted: a batch sorts the same module again for each
# resource, its text as the resource before left it. Cleared when full.
_SORTED: dict[tuple[str, str, Path, frozenset[str]], str] = {}
# the same keys of texts ruff would sort otherwise, told by a run that only judged them
_UNSORTED: set[tuple[str, str, Path, frozenset[str]]] = set()


def _known(key: tuple[str, str, Path, frozenset[str]]) -> bool:
    return key in _SORTED or key in _UNSORTED


def _is_sorted(text: str, path: str, root: Path, first_party: frozenset[str]) -> bool:
    """Whether ruff's import sorting leaves the text as it is."""
    return (text, path, root, first_party) not in _UNSORTED and _sort_imports(text, path, root, first_party) == text


def _sort_imports(text: str, path: str, root: Path, first_party: frozenset[str]) -> str:
    """Ruff's import sorting (I001) with the project's configuration, as `ruff check --fix` would;
    the project's packages are named first-party because modules we create are not on disk yet."""
    key = (text, path, root, first_party)
    if key not in _SORTED:
        _sort_all([(text, path)], root, first_party)
    return _SORTED[key]


def _sort_all(
    pairs: list[tuple[str, str]], root: Path, first_party: frozenset[str], own_tree: bool = False, judge: bool = False
) -> None:
    """Each (text, path) not sorted yet, sorted into `_SORTED`, the runs side by side. Through
    stdin, so the configuration ruff reads is the one governing the module's own path; in a
    tree the run owns, as files at their paths, in one run (`sorted_in_tree`). `judge`: only
    whether each is sorted is asked; those a file holds as they are are judged in one run
    (`judged_on_disk`), the unsorted ones kept in `_UNSORTED`."""
    todo = list(dict.fromkeys(p for p in pairs if not _known((*p, root, first_party))))
    known = ", ".join(f'"{p}"' for p in sorted(first_party))
    args = [ruff_bin(), "check", "--fix-only", "--select", "I001", "--exit-zero", "--quiet",
            "--config", f"lint.isort.known-first-party = [{known}]"]
    judged = judged_on_disk(todo, root, args) if judge and len(todo) > 1 else {}
    todo = [p for p in todo if p not in judged]
    done = sorted_in_tree(todo, root, args) if own_tree and len(todo) > 1 else {}
    todo = [p for p in todo if p not in done]
    procs = run_all([([*args, "--stdin-filename", path, "-"], text, root) for text, path in todo])
    if len(_SORTED) + len(_UNSORTED) + 2 * (len(todo) + len(done) + len(judged)) > 4096:
        _SORTED.clear()
        _UNSORTED.clear()
    for (text, path), ok in judged.items():
        if ok:
            _SORTED[(text, path, root, first_party)] = text
        else:
            _UNSORTED.add((text, path, root, first_party))
    for (text, path), proc in zip(todo, procs):
        done[(text, path)] = proc.stdout if proc.returncode == 0 and proc.stdout else text
    for (text, path), out in done.items():
        # ruff fixes until nothing is left to fix: what it gives back is sorted, and sorts to itself
        _SORTED[(text, path, root, first_party)] = _SORTED[(out, path, root, first_party)] = out
