"""The add_crud pipeline: parse the spec, detect conventions, plan, then write, diff or patch."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from codemods.add_crud.cli import Settings
from codemods.check import check_edits
from codemods.clone.chain import harden_created
from codemods.clone.plan import build_clone_plan, choose_exemplar
from codemods.context import first_party, fk_tables
from codemods.errors import ConventionError, ResourceExistsError, TargetError
from codemods.formatting import FormatStyle
from codemods.output import unified_diff
from codemods.plan import Plan
from codemods.planner import build_plan
from codemods.rename import rename_text
from codemods.safe_write import recover, uncommitted, write_plan
from codemods.spec import ResourceSpec, parse_resource
from codemods.tidy import tidy
from codemods.verify import verify
from detectors import ProjectIndex, detect_conventions
from detectors.conventions import Conventions
from detectors.resources import find_footprints


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


def plan_resource(
    settings: Settings,
    spec: ResourceSpec,
    index: ProjectIndex,
    conventions: Conventions,
    into: str | None,
    err: Console,
) -> Plan:
    """Clone the exemplar (`--like`, or the project's most complete resource); with no exemplar,
    the template generator. Either way the plan is checked (compiles, no new pyflakes finding)
    before it is returned."""
    footprints = find_footprints(index) if conventions.orm.kind in ("sqlalchemy", "sqlmodel") else ()
    exemplar = choose_exemplar(footprints, spec, settings.like, conventions.auth.user_model)
    if exemplar is None:
        plan = build_plan(conventions, spec, index, into)  # refuses what it cannot write
        taken = [n for n in plan.notes if n.endswith("already defined")]
        if taken and not any(f.model == spec.names.pascal for f in footprints):
            # the resource is not there, yet a name it needs is: it means something else here
            raise ConventionError(f"{taken[0]}, and it is not {spec.names.pascal}'s; pick another resource name")
        err.print(
            "[dim]no resource to clone (one with list, get and create endpoints that stores "
            "what clients send): using templates[/dim]"
        )
        if not settings.as_written:
            required = frozenset(f.column_name for f in spec.fields if not f.optional)
            version = conventions.schemas.pydantic_version or 2
            fmt = FormatStyle.from_style(conventions.style)
            plan = replace(plan, edits=harden_created(plan.edits, required, version, fmt, first_party(index)))
        check_edits(plan.edits, {e.path: e.old for e in plan.edits})
        return plan
    existing = next((f for f in footprints if f.model == spec.names.pascal), None)
    if existing is not None:
        have = {f.name for f in existing.fields}
        missing = [f.column_name for f in spec.fields if f.column_name not in have]
        if missing:
            raise ResourceExistsError(
                f"{spec.names.pascal} already exists in {existing.model_path} without "
                f"{', '.join(missing)}; pick another name or match its fields"
            )
    fmt = FormatStyle.from_style(conventions.style)
    plan, notes, baselines = build_clone_plan(
        index,
        spec,
        exemplar,
        footprints,
        fmt,
        first_party(index),
        conventions.router_layout.url_style,
        fk_tables(spec, index),
        conventions.auth.user_model,
        conventions,
        completing=existing is not None,
        into=into,
        harden=not settings.as_written,
    )
    err.print(f"[dim]{escape(notes[0])}[/dim]")
    for line in notes[1:]:
        err.print(f"[dim]  {escape(line)}[/dim]")
    plan = replace(
        plan,
        edits=tidy(
            plan.edits, baselines, fmt, index.root, conventions.style.formatter == "ruff", first_party(index)
        ),
    )
    old, new = exemplar.footprint.names, spec.names
    check_edits(plan.edits, baselines, lambda text: rename_text(text, new, old))
    return plan


def run(settings: Settings, err: Console) -> int:
    """Exit code: 0 done (or nothing to do), 1 changes pending under --check."""
    spec = parse_resource(settings.name, settings.fields)
    recovered = recover(settings.project)  # before reading anything: the tree must be whole
    if recovered:
        err.print(f"[yellow]{escape(recovered)}[/yellow]")
    index = ProjectIndex(settings.project)
    conventions = detect_conventions(settings.project, index)
    err.print(f"[dim]{escape(describe(conventions))}[/dim]")
    for skipped in conventions.skipped_files:
        err.print(f"[yellow]could not parse[/yellow] {escape(skipped)}")
    into = None
    if settings.into is not None:
        into_path = (Path.cwd() / settings.into).resolve()
        try:
            into = into_path.relative_to(settings.project.resolve()).as_posix()
        except ValueError:
            raise ConventionError(f"--into {settings.into} is outside the project ({settings.project})") from None
    plan = plan_resource(settings, spec, index, conventions, into, err)
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
