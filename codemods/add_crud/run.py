"""The add_crud pipeline: parse the spec, detect conventions, plan, then write, diff or patch."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from codemods.add_crud.cli import Settings
from codemods.output import apply_plan, unified_diff
from codemods.plan import Plan
from codemods.planner import build_plan
from codemods.spec import parse_resource
from detectors import ProjectIndex, detect_conventions
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
    for route in plan.routes:
        err.print(f"  route {escape(route)}")
    for note in plan.notes:
        err.print(f"  [dim]skipped: {escape(note)}[/dim]")


def run(settings: Settings, err: Console) -> int:
    """Exit code: 0 done (or nothing to do), 1 changes pending under --check."""
    spec = parse_resource(settings.name, settings.fields)
    index = ProjectIndex(settings.project)
    conventions = detect_conventions(settings.project, index)
    err.print(f"[dim]{escape(describe(conventions))}[/dim]")
    for skipped in conventions.skipped_files:
        err.print(f"[yellow]could not parse[/yellow] {escape(skipped)}")
    into = None
    if settings.into is not None:
        into_path = (Path.cwd() / settings.into).resolve()
        try:
            into = into_path.relative_to(settings.project).as_posix()
        except ValueError:
            into = settings.into.as_posix()
    plan = build_plan(conventions, spec, index, into)
    if plan.empty:
        # Idempotent by design: a second run finds every part in place and says so.
        err.print(f"{spec.names.pascal} already exists and is complete; nothing to change")
        return 0
    if settings.show_plan:
        summary(plan, err)
        return 0
    if settings.check:
        summary(plan, err)
        return 1 if not plan.empty else 0
    if settings.dry_run:
        sys.stdout.write(unified_diff(plan))
        return 0
    if settings.patch is not None:
        patch = unified_diff(plan)
        if str(settings.patch) == "-":
            sys.stdout.write(patch)
        else:
            settings.patch.write_text(patch, encoding="utf-8")
            err.print(
                f"wrote {settings.patch} ({len(plan.changed)} files); apply with: git apply {settings.patch}"
            )
        return 0
    apply_plan(plan, settings.project)
    err.print(f"added {spec.names.pascal}:")
    summary(plan, err)
    return 0
