"""The add_crud pipeline: plan (codemods/add_crud/planning.py), then write, diff or patch."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from codemods.add_crud.cli import Settings
from codemods.add_crud.result_cache import remembered
from codemods.errors import TargetError
from codemods.output import unified_diff
from codemods.plan import Plan
from codemods.plan_report import Choice, as_json, as_text, build_report
from codemods.safe_write import recover, uncommitted, write_plan
from codemods.verify import verify

if TYPE_CHECKING:
    from codemods.spec import ResourceSpec
    from detectors.conventions import Conventions


def describe(conventions: Conventions) -> str:
    """One line of what was detected, for stderr."""
    c = conventions
    parts = [
        f"layout={c.router_layout.kind}",
        f"orm={c.orm.kind}{'/async' if c.orm.is_async else ''}",
        f"session={c.session.pattern}",
        f"auth={c.auth.kind}",
        f"data={c.data_access.kind}",
        f"pagination={c.pagination.style}",
        f"response={c.response.wrapper}",
        f"tests={c.tests.client}",
    ]
    return "detected: " + " ".join(parts)


def summary(plan: Plan, err: Console) -> None:
    for edit in plan.changed:
        verb = "[green]created[/green] " if edit.created else "[yellow]modified[/yellow]"
        err.print(
            f"  {verb} {escape(edit.path)}"
            + (f"  ({escape('; '.join(edit.why))})" if edit.why else "")
        )
    # the routes as the planned code serves them (a nested one under its parent's path), read
    # back from it as the batch's patches say them; the plan's own list where none is read
    endpoints = build_report(plan, "", ()).endpoints
    routes = [f"{e.method} {e.path}  ({e.module}: {e.function})" for e in endpoints] or list(plan.routes)
    for route in routes:
        err.print(f"  route {escape(route)}")
    for note in plan.notes:
        err.print(f"  [dim]skipped: {escape(note)}[/dim]")










def choices(settings: Settings, conventions: Conventions) -> tuple[Choice, ...]:
    """Each choice with what decided it: a flag, pyproject.toml, or detection (locks included)."""
    chosen = [Choice(o.key, str(o.value), o.source) for o in settings.origins]
    locked = {lock.key: lock for lock in settings.locks}
    for part in describe(conventions).removeprefix("detected: ").split():
        key, _, value = part.partition("=")
        chosen.append(Choice(key, value, "detected"))
    chosen += [Choice(key, str(lock.value), "pyproject.toml [tool.add_crud.conventions]") for key, lock in locked.items()]
    return tuple(chosen)


@dataclass(frozen=True)
class Planned:
    """One resource planned: its spec, the checked plan, and the conventions behind it."""

    spec: ResourceSpec
    plan: Plan
    conventions: Conventions


def plan_settings(settings: Settings, err: Console) -> Planned:
    """The plan `settings` asks for: remembered from the same run on the same project and tool
    (codemods/add_crud/result_cache.py), else read, detected and planned afresh."""
    recovered = recover(settings.project)  # before reading anything: the tree must be whole
    if recovered:
        err.print(f"[yellow]{escape(recovered)}[/yellow]")
    if not settings.use_cache:
        return _plan_fresh(settings, err)
    return remembered(settings, settings.project, err, lambda console: _plan_fresh(settings, console))


def _plan_fresh(settings: Settings, err: Console) -> Planned:
    from codemods.option_values import parse_action, parse_filters
    from codemods.spec import parse_resource
    from detectors.detect import Detection
    from detectors.project import ProjectIndex

    if settings.from_model is None:  # a bad spec is refused before the project is read
        spec = parse_resource(settings.name, settings.fields)
        for action in settings.actions:  # so are actions and filters naming none of its fields
            parse_action(action, spec)
        if settings.filters is not None:
            parse_filters(settings.filters, spec)
    index = ProjectIndex(settings.project)
    # on a large project the conventions are detected on the other core while the planning
    # stages are imported (a third of a second) and the footprints read
    detection = Detection(settings.project, index)
    from codemods.add_crud.planning import plan_fresh  # the transformers: only when planning

    return plan_fresh(settings, err, index, detection)



def run(settings: Settings, err: Console, confirm: Callable[[], bool] | None = None) -> int:
    """Exit code: 0 done (or nothing to do), 1 changes pending under --check. `confirm`, asked
    after the plan is shown, decides whether it is written (the interview's last question)."""
    planned = plan_settings(settings, err)
    spec, plan, conventions = planned.spec, planned.plan, planned.conventions
    if plan.empty:
        # Idempotent by design: a second run finds every part in place and says so.
        err.print(f"{spec.names.pascal} already exists and is complete; nothing to change")
        return 0
    if settings.show_plan or confirm is not None:
        report = build_report(plan, spec.names.pascal, choices(settings, conventions))
        sys.stdout.write(as_json(report) if settings.as_json else as_text(report))
        sys.stdout.flush()
        if confirm is None or not confirm():  # --plan, or "no" to the interview's last question
            return 0
    if settings.check:
        summary(plan, err)
        return 1 if not plan.empty else 0
    if settings.dry_run:
        sys.stdout.write(unified_diff(plan, settings.project))
        return 0
    if settings.patch is not None:
        patch = unified_diff(plan, settings.project)
        if str(settings.patch) == "-":
            sys.stdout.write(patch)
        else:
            settings.patch.write_text(patch, encoding="utf-8")
            err.print(
                f"wrote {settings.patch} ({len(plan.changed)} files); apply with: git apply {settings.patch}"
            )
        return 0
    if settings.verify:
        ran = verify(plan, settings.project, conventions.app.module, conventions.app.variable)
        err.print(f"[dim]verified in a scratch copy: the app imports, {ran} test module(s) pass[/dim]")
    if not settings.allow_dirty:
        changed = uncommitted(settings.project, [e.path for e in plan.changed if not e.created])
        if changed:
            raise TargetError(
                f"uncommitted changes in {', '.join(changed)}: commit or stash them, or pass --allow-dirty"
            )
    write_plan(plan, settings.project)
    err.print(f"added {spec.names.pascal}:")
    summary(plan, err)
    return 0
