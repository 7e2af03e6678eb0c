"""Many resources in one run (`--spec`, `--from-models`), all-or-nothing.

The whole batch is planned before anything is written: each resource is planned against a
scratch copy of the project holding the resources before it, and written there, so a later
resource sees an earlier one (its model to refer to, the aggregator it joined). Files several
resources touch are thus merged in spec order. The project itself is then changed once, by the
combined plan (old: the project's text, new: the scratch copy's), through the same journal as a
single run: a failing resource leaves the project untouched, and `--keep-going` writes those
that succeeded. Each resource's own plan is its patch, applying on top of the ones before it.

The project's own modules many resources join (the app, the models package, the conftest) are
formatted and import-sorted once, at the end, as the project keeps them (`_Tidying`), not by
each resource's planning; for `--patch-dir` each resource's state of them is tidied in turn,
so each patch holds tidy code and the last one ends where write mode does.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from codemods.add_crud.cli import Settings
from codemods.add_crud.result_cache import Recorder, remembered
from codemods.add_crud.run import Planned, choices, describe
from codemods.errors import CrudToolError, TargetError
from codemods.output import unified_diff
from codemods.plan import FileEdit, Plan
from codemods.plan_report import as_json, as_text, build_report
from codemods.safe_write import JOURNAL_DIR, read_text, recover, uncommitted, write_plan
from codemods.scratch_space import out_of_room, scratch_dir
from codemods.spec import parse_resource
from codemods.verify import verify
from detectors import ProjectIndex
from detectors.conventions import Conventions
from detectors.detect import Detection
from detectors.forked import can_fork, one_process
from detectors.project import is_test_path
from detectors.resources import find_footprints

if TYPE_CHECKING:
    from codemods.clone.ahead import Ahead

# never copied into the scratch project: version control, environments, caches
_NOT_COPIED = (".git", ".hg", ".venv", "venv", ".tox", "node_modules", "__pycache__", ".mypy_cache",
               ".pytest_cache", ".ruff_cache", JOURNAL_DIR)


class BatchError(CrudToolError):
    """A resource of the batch failed: nothing was written."""

    kind = "batch error"


@dataclass(frozen=True)
class Outcome:
    """One resource of the batch: its plan (empty when it is in place), or why it failed."""

    name: str
    settings: Settings
    planned: Planned | None
    error: str | None = None

    @property
    def plan(self) -> Plan:
        return self.planned.plan if self.planned is not None else Plan(())


@dataclass(frozen=True)
class BatchOptions:
    """What holds for the whole batch."""

    keep_going: bool = False
    patch_dir: Path | None = None


def run_batch(runs: tuple[Settings, ...], options: BatchOptions, err: Console) -> int:
    """Plan every resource, then write, diff, patch or check them together; the exit code."""
    first = runs[0]
    root = first.project
    recovered = recover(root)
    if recovered:
        err.print(f"[yellow]{escape(recovered)}[/yellow]")
    if all(r.use_cache for r in runs):  # the same batch on the same project: its plan again
        # (its patches' texts differ: each resource's shared modules tidied as it left them)
        outcomes, combined = remembered((runs, options.keep_going, options.patch_dir is not None), root, err, lambda console: _plan_batch(runs, options, console))
    else:
        outcomes, combined = _plan_batch(runs, options, err)
    failed = [o for o in outcomes if o.error is not None]
    for o in failed:
        err.print(f"[red]{escape(o.name)}: {escape(o.error or '')}[/red]")
    pending = [o for o in outcomes if o.error is None and not o.plan.empty]
    if first.show_plan:
        for o in pending:
            assert o.planned is not None
            report = build_report(o.plan, o.planned.spec.names.pascal, choices(o.settings, o.planned.conventions))
            sys.stdout.write(as_json(report) if first.as_json else as_text(report))
        return 0
    if first.check:
        for o in pending:
            err.print(f"  {escape(o.name)}: missing or would change ({len(o.plan.changed)} files)")
        return 1 if pending or failed else 0
    if options.patch_dir is not None:
        _write_patches(options.patch_dir, outcomes, combined, root, err)
        return 0 if not failed else 2
    if first.dry_run:
        _show_diff(unified_diff(combined, root))
        return 0 if not failed else 2
    if first.patch is not None:
        patch = unified_diff(combined, root)
        if str(first.patch) == "-":
            sys.stdout.write(patch)
        else:
            first.patch.write_text(patch, encoding="utf-8")
            err.print(f"wrote {first.patch} ({len(combined.changed)} files); apply with: git apply {first.patch}")
        return 0 if not failed else 2
    if combined.empty:
        if failed:  # nothing left to write because every other resource failed, not because it is there
            err.print(f"nothing written: {len(failed)} of {len(outcomes)} resources failed, the others are in place")
            return 2
        err.print("every resource of the batch is in place; nothing to change")
        return 0
    if first.verify:
        planned = next(o.planned for o in pending if o.planned is not None)  # every pending one is
        ran = verify(combined, root, planned.conventions.app.module, planned.conventions.app.variable)
        err.print(f"[dim]verified in a scratch copy: the app imports, {ran} test module(s) pass[/dim]")
    if not first.allow_dirty:
        dirty = uncommitted(root, [e.path for e in combined.changed if not e.created])
        if dirty:
            raise TargetError(f"uncommitted changes in {', '.join(dirty)}: commit or stash them, or pass --allow-dirty")
    write_plan(combined, root)
    _summary(outcomes, err)
    return 0 if not failed else 2


def _plan_batch(runs: tuple[Settings, ...], options: BatchOptions, err: Console) -> tuple[list[Outcome], Plan]:
    """Each resource planned in a scratch copy of the project, and the whole as one plan on it."""
    root = runs[0].project
    with _scratch_copy(root) as scratch:
        index = ProjectIndex(scratch)  # the project as it is: the resources the batch may clone
        # The conventions of the project as it is, for every resource: those the batch adds are
        # clones of its own, and detecting again for each cost half of a large batch. On a large
        # project they are detected on the other core while the planning stages are imported.
        detection = Detection(scratch, index)
        from codemods.add_crud.planning import detected  # the transformers: only when planning
        from codemods.context import first_party

        conventions = detected(detection, index)
        own = project_resources(index, conventions)
        runs = tuple(replace(r, exemplars=own) for r in runs)
        before = _before_batch(index)
        outcomes = _plan_all(runs, scratch, index, conventions, options, before, err)
        tidying = _Tidying(scratch, before, conventions, first_party(index))
        owed = frozenset(path for o in outcomes for path in o.plan.untidied)
        if owed:
            untidy = {path: read_text(scratch / path) for path in sorted(owed)}
            final = tidying.tidied(untidy)
            write_plan(Plan(tuple(FileEdit(path, untidy[path], text) for path, text in final.items())), scratch, durable=False)
        combined = _combined(root, scratch, outcomes)
        if owed and options.patch_dir is not None:
            outcomes = _as_patches(outcomes, owed, tidying)
        return outcomes, combined


@dataclass(frozen=True)
class _Tidying:
    """Formatting and import sorting of the project's modules the batch's resources left to it
    (`Plan.untidied`): done once, when every resource is in them, with the project's habit for
    each (the module before the batch), as each resource's planning tidies the modules it creates."""

    scratch: Path
    before: Callable[[str], str | None]
    conventions: Conventions
    first_party: frozenset[str]

    def tidied(self, texts: dict[str, str]) -> dict[str, str]:
        """path -> text, tidied (at most one text per path)."""
        from codemods.formatting import FormatStyle
        from codemods.tidy import tidy

        edits = tuple(FileEdit(path, self.before(path), text) for path, text in texts.items())
        habits = {path: (old, path) for path in texts if (old := self.before(path)) is not None}
        style = self.conventions.style
        done = tidy(edits, habits, FormatStyle.from_style(style), self.scratch, style.formatter == "ruff", self.first_party, own_tree=True)
        return {e.path: e.new if e.new is not None else texts[e.path] for e in done}


def _as_patches(outcomes: list[Outcome], owed: frozenset[str], tidying: _Tidying) -> list[Outcome]:
    """Each resource's plan as its patch on top of the ones before it: the modules the batch
    tidies at its end tidied as they stood after the resource (what write mode writes is the
    last of them), from the text the patch before left."""
    state: dict[str, str] = {}
    patched = []
    for o in outcomes:
        mine = {e.path: e.new for e in o.plan.edits if e.path in owed and e.new is not None}
        if not mine:
            patched.append(o)
            continue
        now = tidying.tidied(mine)
        edits = []
        for e in o.plan.edits:
            if e.path in now:
                e = replace(e, old=state.get(e.path, e.old), new=now[e.path])
                state[e.path] = now[e.path]
            edits.append(e)
        assert o.planned is not None  # a resource with edits was planned
        patched.append(replace(o, planned=replace(o.planned, plan=replace(o.plan, edits=tuple(edits)))))
    return patched


def _before_batch(index: ProjectIndex) -> Callable[[str], str | None]:
    """A module's text before the batch began (None for one it made), as planning reads a
    module (read_text): newlines made "\n", a BOM kept. `index` is the project as it was."""

    def before(path: str) -> str | None:
        info = index.get(path)
        if info is None:
            return None
        return info.data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")

    return before


def project_resources(index: ProjectIndex, conventions: Conventions) -> frozenset[str]:
    """The models of the project's resources before the batch: the only ones it clones (a model
    without endpoints is none: served by the batch, it is one the batch added)."""
    if conventions.orm.kind not in ("sqlalchemy", "sqlmodel"):
        return frozenset()
    return frozenset(f.model for f in find_footprints(index) if f.ops)


def _plan_all(
    runs: tuple[Settings, ...],
    scratch: Path,
    index: ProjectIndex,
    conventions: Conventions,
    options: BatchOptions,
    before: Callable[[str], str | None],
    err: Console,
) -> list[Outcome]:
    """Each resource planned against the scratch copy and written there, in order. Each plan
    reads the copy afresh, re-parsing only the modules the ones before it changed.

    A plan's check (it compiles, ruff finds nothing new) decides nothing the next resource
    reads: ruff's run on it goes on while the next resource is planned. Its outcome is taken, and
    said, before the next one's, so errors and lines come in spec order as if it had not. Under
    `--keep-going` a failed check must keep the resource out of the copy before the next is
    planned: there each check is finished in turn."""
    from codemods.add_crud.planning import InBatch, plan_fresh  # the transformers: only when planning
    from codemods.clone.ahead import Ahead
    from codemods.check import check_edits, start_check

    # The command pauses the collector for the whole run (cli.py), and none runs between
    # resources: a collection walks all that was made since the last and is still held (five in
    # a batch of 50 took 0.3 s), and a resource leaves a dozen objects in cycles
    # (`ast.literal_eval`'s closures) once the modules it replaced are released (below).
    outcomes: list[Outcome] = []
    written: frozenset[str] = frozenset()  # what the resource before wrote: all the copy changed
    # the resource planned last, its check unfinished: its outcome, what to say, the check's end
    pending: tuple[Outcome, str, Callable[[], None] | None] | None = None
    finishing: list[Callable[[], None]] = []  # the check of the resource being planned

    def check_later(*args: Any) -> None:
        finishing.append(start_check(*args))

    # one copy runs the exemplars' files ahead for every resource, forked now, while this
    # process holds least; nothing else is forked: a copy would copy what the batch holds
    ahead = Ahead() if can_fork() else None
    first = index  # the project as it was: the scratch copy before the first resource
    lent = InBatch(ahead, before)
    with _progress(err, len(runs)) as advance, one_process(), _closing(ahead):

        def settle() -> None:
            """The outcome of the resource before, once its check passed."""
            nonlocal pending
            if pending is None:
                return
            outcome, done, finish = pending
            pending = None
            if finish is not None:
                try:
                    finish()
                except CrudToolError as exc:
                    raise BatchError(f"{outcome.name}: {exc}; nothing was written") from None
            outcomes.append(outcome)
            if not err.is_terminal:
                err.print(f"[dim]{escape(outcome.name)}: {escape(done)}[/dim]")
            advance(outcome.name)

        for settings in runs:
            name = settings.name or settings.from_model or "?"
            finishing.clear()
            # --keep-going: a resource with a key to one that failed above fails for that reason,
            # not for the model it then cannot find
            failed_above = {o.name for o in outcomes if o.error is not None}
            lost = [t for t in _key_targets(settings) if t in failed_above] if failed_above else []
            if lost:
                settle()
                outcomes.append(Outcome(name, settings, None, f"its key to {lost[0]}, which failed above"))
                advance(f"{name}: failed")
                continue
            try:
                previous, index = index, ProjectIndex(scratch, reuse=index, changed=written)
                # a module read again refers to its routes and they to it: released, it goes
                # (its syntax tree too) as soon as nothing holds it, with no collection to find
                # it. The project as it was keeps its own (`before` reads their texts).
                for info in index.replaced(previous, kept=first):
                    info.release()
                del previous
                written = frozenset()
                check = check_edits if options.keep_going else check_later
                planned = plan_fresh(replace(settings, project=scratch), _UNSAID, index, conventions, check, lent)
                if not planned.plan.empty:
                    written = frozenset(e.path for e in planned.plan.changed)  # read again, even if writing fails
                    write_plan(planned.plan, scratch, durable=False)
            except CrudToolError as exc:
                settle()  # the resource before failed first, if it did
                if not options.keep_going:
                    raise BatchError(f"{name}: {exc}; nothing was written") from None
                outcomes.append(Outcome(name, settings, None, str(exc)))
                advance(f"{name}: failed")
                continue
            settle()
            done = "in place already" if planned.plan.empty else (planned.plan.explain[0] if planned.plan.explain else "planned")
            pending = (Outcome(planned.spec.names.pascal, settings, planned), done, finishing[0] if finishing else None)
        settle()
    return outcomes


class _Unsaid(Console):
    """Where a batch's resource planning says its lines: nowhere (the batch says one line per
    resource). Not rendered at all: rich laid out a dozen lines per resource, 3% of a batch."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        return None


_UNSAID = _Unsaid(file=io.StringIO())


@contextmanager
def _closing(ahead: Ahead | None) -> Iterator[None]:
    """`ahead`'s copy ended with the batch; killed where the user interrupted it."""
    try:
        yield
    except BaseException as exc:
        if ahead is not None:
            ahead.close(kill=not isinstance(exc, Exception))
            ahead = None
        raise
    finally:
        if ahead is not None:
            ahead.close()


def _key_targets(settings) -> list[str]:
    """The models the resource's foreign keys point at (none where its fields do not parse:
    planning says why)."""
    if settings.name is None:
        return []
    try:
        spec = parse_resource(settings.name, settings.fields)
    except CrudToolError:
        return []
    return [f.fk_target for f in spec.fields if f.fk_target]


@contextmanager
def _progress(err: Console, total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on a terminal; nothing when piped."""
    if not err.is_terminal:
        yield lambda _name: None
        return
    console = err.console if isinstance(err, Recorder) else err  # a bar is shown, never kept
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console, transient=True) as bar:
        task = bar.add_task("planning", total=total)
        yield lambda name: bar.update(task, advance=1, description=f"planned {name}")


@contextmanager
def _scratch_copy(root: Path) -> Iterator[Path]:
    """A copy of the project (without version control, environments and caches) to plan in:
    in memory where the machine has room for it (codemods/scratch_space.py), else on the disk."""
    for where in dict.fromkeys((scratch_dir(), None)):
        with tempfile.TemporaryDirectory(prefix="add-crud-batch-", dir=where) as tmp:
            scratch = Path(tmp) / root.name
            try:
                # copied, not hard-linked: a link changes each file's change time, which the
                # result cache reads as a change of the project (the same batch again would plan
                # again). Bytes only (`copyfile`, not `copy2`): planning reads texts, never a
                # file's times or mode, and copying those took half the copy of a large project.
                shutil.copytree(root, scratch, symlinks=True, ignore=shutil.ignore_patterns(*_NOT_COPIED), copy_function=_copy)
            except _Full:
                continue  # another program filled the memory-backed directory: on the disk, then
            yield scratch
            return
    raise TargetError(f"no room for a scratch copy of the project in {tempfile.gettempdir()}; nothing was written")


class _Full(Exception):
    """The scratch copy's file system is full (no OSError: `copytree` would collect it)."""


def _copy(source: str, target: str) -> None:
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        if out_of_room(exc):
            raise _Full from None
        raise


def _combined(root: Path, scratch: Path, outcomes: list[Outcome]) -> Plan:
    """The whole batch as one plan on the project: each touched file, from its text now to the
    scratch copy's."""
    paths = list(dict.fromkeys(e.path for o in outcomes for e in o.plan.changed))
    edits = []
    for path in paths:
        old = read_text(root / path) if (root / path).exists() else None
        new = read_text(scratch / path)
        why = tuple(f"{o.name}: {'; '.join(e.why)}" for o in outcomes for e in o.plan.changed if e.path == path and e.why)
        edits.append(FileEdit(path, old, new, why))
    routes = tuple(r for o in outcomes for r in o.plan.routes)
    return Plan(tuple(edits), routes)


def _header(number: int, total: int, outcome: Outcome) -> str:
    """The comment lines a resource's patch begins with (git apply skips them)."""
    plan, planned = outcome.plan, outcome.planned
    assert planned is not None
    created = [e.path for e in plan.changed if e.created]
    modified = [e.path for e in plan.changed if not e.created]
    lines = [f"add {outcome.name} (resource {number} of {total})"]
    if plan.explain:
        lines.append(plan.explain[0])
    lines.append("created: " + (", ".join(created) or "-"))
    lines.append("modified: " + (", ".join(modified) or "-"))
    report = build_report(plan, outcome.name, choices(outcome.settings, planned.conventions))
    lines += [f"route {e.method} {e.path}  ({e.module}: {e.function})" for e in report.endpoints]
    lines.append(describe(planned.conventions))
    return "".join(f"# {line}\n" for line in lines) + "\n"


def _write_patches(directory: Path, outcomes: list[Outcome], combined: Plan, root: Path, err: Console) -> None:
    """One patch per resource, numbered in application order, and all.patch."""
    if directory.exists() and not directory.is_dir():
        raise TargetError(f"--patch-dir {directory} is a file, not a directory")
    directory.mkdir(parents=True, exist_ok=True)
    written = [o for o in outcomes if o.error is None and not o.plan.empty]
    for number, outcome in enumerate(written, 1):
        slug = outcome.planned.spec.names.kebab if outcome.planned is not None else outcome.name.lower()
        text = _header(number, len(written), outcome) + unified_diff(outcome.plan, root)
        (directory / f"{number:04d}-add-{slug}.patch").write_text(text, encoding="utf-8")
    (directory / "all.patch").write_text(unified_diff(combined, root), encoding="utf-8")
    err.print(f"wrote {len(written)} patches and all.patch to {directory}; apply in order with: git apply {directory}/0*.patch")


def _show_diff(diff: str) -> None:
    """The diff on stdout: coloured on a terminal, plain when piped."""
    out = Console(highlight=False, soft_wrap=True, emoji=False)
    if not out.is_terminal:
        sys.stdout.write(diff)
        return
    for line in diff.splitlines():
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else None
        out.print(escape(line), style=style, markup=True)


def _summary(outcomes: list[Outcome], err: Console) -> None:
    """What was added: a table on a terminal, a line per resource when piped."""
    rows = []
    for o in outcomes:
        if o.error is not None:
            rows.append((o.name, "failed", "-", "-"))
            continue
        plan = o.plan
        tests = sum(1 for e in plan.changed if is_test_path(e.path))
        rows.append((o.name, str(len(plan.changed)), str(len(plan.routes)), str(tests)) if not plan.empty else (o.name, "in place", "-", "-"))
    if err.is_terminal:
        table = Table("resource", "files", "routes", "test files")
        for row in rows:
            table.add_row(*row)
        err.print(table)
        return
    for name, files, routes, tests in rows:
        err.print(f"added {name}: {files} files, {routes} routes, {tests} test files" if files not in ("failed", "in place") else f"{name}: {files}")
