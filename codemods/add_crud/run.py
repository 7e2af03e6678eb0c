"""The add_crud pipeline: parse the spec, detect conventions, plan, then write, diff or patch."""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from codemods.actions import add_actions, parse_action
from codemods.add_crud.cli import Settings
from codemods.add_crud.conventions_lock import apply_locks, lock_notes
from codemods.check import check_edits, fix_unused
from codemods.clone.chain import harden_created
from codemods.clone.parent import find_parent
from codemods.clone.plan import ExistingModel, build_clone_plan, choose_exemplar
from codemods.clone.route_tests import headers_sent, routes_of, write_action_tests
from codemods.context import first_party, fk_tables
from codemods.errors import ConventionError, ResourceExistsError, TargetError
from codemods.formatting import FormatStyle, format_code
from codemods.from_model import fields_from_model
from codemods.methods import leave_out, route_op
from codemods.output import unified_diff
from codemods.plan import FileEdit, Plan
from codemods.plan_report import Choice, as_json, as_text, build_report
from codemods.planner import build_plan
from codemods.rename import rename_text
from codemods.safe_write import recover, uncommitted, write_plan
from codemods.spec import ResourceSpec, parse_resource
from codemods.tidy import tidy
from codemods.verify import verify
from detectors import ProjectIndex, detect_conventions
from detectors.conventions import Conventions
from detectors.model_columns import find_model, model_columns
from detectors.project import is_test_path
from detectors.resources import app_instance, find_footprints, logic_uses


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
    existing = next((f for f in footprints if f.model == spec.names.pascal), None)
    model = _existing_model(index, existing) if existing is not None else None
    if existing is not None:
        have = {f.name for f in existing.fields}
        missing = [f.column_name for f in spec.fields if f.column_name not in have]
        if missing:
            raise ResourceExistsError(
                f"{spec.names.pascal} already exists in {existing.model_path} without "
                f"{', '.join(missing)}; pick another name or match its fields"
            )
        if settings.methods is not None and set(settings.methods) <= set(existing.ops):
            return Plan(())  # it offers what was asked: a second run changes nothing
    candidates = _fitting(index, footprints, model, spec, settings.like) if model is not None else footprints
    exemplar = choose_exemplar(candidates, spec, settings.like, conventions.auth.user_model, settings.methods)
    parent = None
    if settings.parent is not None:
        parent = find_parent(index, footprints, settings.parent, spec, conventions.router_layout.url_style)
        if exemplar is None:
            raise ConventionError(f"--parent {settings.parent}: nesting needs a resource of the project to clone")
    if exemplar is None and candidates != footprints:
        err.print(f"[dim]  {escape(_unfit_note(footprints, candidates, spec))}[/dim]")
    if exemplar is None:
        if model is not None and conventions.rbac.kind == "ownership":
            owner = conventions.rbac.owner_field or "owner_id"
            if owner not in model.columns:  # rows of a model without an owner belong to nobody
                err.print(f"[dim]{escape(f'{spec.names.pascal} has no {owner}: its rows are not scoped to an owner')}[/dim]")
                conventions = replace(conventions, rbac=replace(conventions.rbac, kind="none"))
        if model is not None:  # the read schema lists the timestamps the model has, not the project's usual ones
            stamps = tuple(t for t in conventions.orm.timestamps if t in model.columns)
            conventions = replace(conventions, orm=replace(conventions.orm, timestamps=stamps))
        plan = build_plan(conventions, spec, index, into)  # refuses what it cannot write
        taken = [n for n in plan.notes if n.endswith("already defined")]
        if taken and not any(f.model == spec.names.pascal for f in footprints):
            # the resource is not there, yet a name it needs is: it means something else here
            raise ConventionError(f"{taken[0]}, and it is not {spec.names.pascal}'s; pick another resource name")
        templates = "no resource to clone (one with list, get and create endpoints that stores what clients send): using templates"
        err.print(f"[dim]{escape(templates)}[/dim]")
        plan = replace(plan, explain=(templates,))
        if not settings.as_written:
            required = frozenset(f.column_name for f in spec.fields if not f.optional)
            version = conventions.schemas.pydantic_version or 2
            fmt = FormatStyle.from_style(conventions.style)
            plan = replace(plan, edits=harden_created(plan.edits, required, version, fmt, first_party(index)))
        plan = _with_methods(plan, settings.methods, spec, err)
        plan = _with_actions(plan, settings, spec, index, conventions, err)
        check_edits(plan.edits, {e.path: e.old for e in plan.edits})
        return plan
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
        methods=settings.methods,
        model=model,
        parent=parent,
    )
    err.print(f"[dim]{escape(notes[0])}[/dim]")
    for line in notes[1:]:
        err.print(f"[dim]  {escape(line)}[/dim]")
    plan = _with_methods(replace(plan, explain=notes), settings.methods, spec, err)
    plan = _with_actions(plan, settings, spec, index, conventions, err, exemplar.footprint.key[1])
    plan = replace(
        plan,
        edits=tidy(
            plan.edits, baselines, fmt, index.root, conventions.style.formatter == "ruff", first_party(index)
        ),
    )
    old, new = exemplar.footprint.names, spec.names
    check_edits(plan.edits, baselines, lambda text: rename_text(text, new, old))
    return plan


def _with_methods(plan: Plan, methods: tuple[str, ...] | None, spec: ResourceSpec, err: Console) -> Plan:
    """The plan without the operations `--methods` leaves out."""
    if methods is None:
        return plan
    edits, left = leave_out(plan.edits, methods, spec.names)
    lines = left.describe(methods)
    for line in lines:
        err.print(f"[dim]  {escape(line)}[/dim]")
    routes = tuple(r for r in plan.routes if route_op(*_verb_path(r)) in methods)
    return replace(plan, edits=edits, routes=routes, explain=(*plan.explain, *lines))


def _spec_from_model(settings: Settings, index: ProjectIndex, err: Console) -> ResourceSpec:
    """The spec of `--from-model`: the model's client-writable columns as fields."""
    path, _, name = (settings.from_model or "").rpartition(":")
    model = find_model(index, name, path or None)
    if model is None:
        where = f" in {path}" if path else ""
        raise ConventionError(f"--from-model {settings.from_model}: no model class {name}{where}")
    found = fields_from_model(name, model_columns(index, model))
    err.print(f"[dim]fields read from {model.module.path}:{name}: {escape(' '.join(found.fields))}[/dim]")
    for note in found.notes:
        err.print(f"[dim]  {escape(note)}[/dim]")
    return parse_resource(name, found.fields)


def _existing_model(index: ProjectIndex, footprint) -> ExistingModel | None:
    """The new resource's model as it is in the project, for the clone to fit."""
    model = find_model(index, footprint.model, footprint.model_path)
    if model is None:
        return None
    columns = model_columns(index, model)
    enums = {c.name: c.enum_class for c in columns if c.enum_class}
    return ExistingModel(footprint.model_path, frozenset(c.name for c in columns), enums)


def _fitting(index: ProjectIndex, footprints: tuple, model: ExistingModel, spec: ResourceSpec, like: str | None) -> tuple:
    """The resources whose code fits the existing model: none whose logic reads a server-set
    column the model lacks (a keyset on created_at, rows scoped by owner_id): that code cannot be
    cut away and still run."""
    unfit: dict[str, list[str]] = {}  # resource -> the columns its logic reads that the model lacks
    for f in footprints:
        if f.model != spec.names.pascal:
            lacking = set(f.server_set) - set(model.columns) - {f.key[0]}
            used = logic_uses(index, f, lacking) if lacking else set()
            if used:
                unfit[f.model] = sorted(used)
    if like in unfit:
        raise ConventionError(
            f"--like {like}: its code reads {', '.join(unfit[like])}, which {spec.names.pascal} "
            f"({model.path}) lacks; add them to the model or clone another resource"
        )
    return tuple(f for f in footprints if f.model not in unfit)


def _unfit_note(footprints: tuple, candidates: tuple, spec: ResourceSpec) -> str:
    passed = [f.model for f in footprints if f not in candidates and f.model != spec.names.pascal]
    return f"not cloned: {', '.join(passed)} (their code reads server-set columns {spec.names.pascal} lacks)"


def _choices(settings: Settings, conventions: Conventions) -> tuple[Choice, ...]:
    """Each choice with what decided it: a flag, pyproject.toml, or detection (locks included)."""
    chosen = [Choice(o.key, str(o.value), o.source) for o in settings.origins]
    locked = {lock.key: lock for lock in settings.locks}
    for part in describe(conventions).removeprefix("detected: ").split():
        key, _, value = part.partition("=")
        chosen.append(Choice(key, value, "detected"))
    chosen += [Choice(key, str(lock.value), "pyproject.toml [tool.add_crud.conventions]") for key, lock in locked.items()]
    return tuple(chosen)


def _with_actions(
    plan: Plan,
    settings: Settings,
    spec: ResourceSpec,
    index: ProjectIndex,
    conventions: Conventions,
    err: Console,
    key_type: str = "int",
) -> Plan:
    """The plan with each `--action` route added, and a test module for them."""
    if not settings.actions:
        return plan
    existing = next((f for f in find_footprints(index) if f.model == spec.names.pascal), None)
    served = {function for *_, function in existing.routes} if existing is not None else set()
    # an action already served is in place: a second run adds nothing
    actions = tuple(a for a in (parse_action(text, spec) for text in settings.actions) if f"{a.name}_{spec.names.snake}" not in served)
    if not actions:
        return plan
    edits, added = add_actions(plan.edits, actions, spec, conventions.router_layout.url_style)
    routes = tuple(f"{a.route}  ({a.router}: {a.function})" for a in added)
    lines = [f"action {a.function}: {a.route}" + ("" if a.change else " (marked TODO: fill it in)") for a in added]
    test_edit, note = _action_tests(edits, added, spec, index, conventions, key_type)
    lines.append(note)
    for line in lines:
        err.print(f"[dim]  {escape(line)}[/dim]")
    if test_edit is not None:
        edits = (*edits, test_edit)
    return replace(plan, edits=edits, routes=(*plan.routes, *routes), explain=(*plan.explain, *lines))


def _action_tests(
    edits, added, spec: ResourceSpec, index: ProjectIndex, conv: Conventions, key_type: str
) -> tuple[FileEdit | None, str]:
    """A test module for the actions, beside the resource's own tests."""
    router = next(e for e in edits if e.path == added[0].router)
    functions = frozenset(a.function for a in added)
    before = {getattr(n, "name", None) for n in ast.parse(router.old).body} if router.old else set()
    routes = [r for r in routes_of(router.new, conv.auth.dependency, conv.auth.param, functions) if r.function not in before]
    by_name = {r.function: r for r in routes}
    create = next((r for r in routes if r.op == "create"), None)
    own_tests = [e.path for e in edits if e.created and is_test_path(e.path) and spec.names.plural_snake in e.path]
    directory = own_tests[0].rsplit("/", 1)[0] if own_tests else (conv.tests.module_directory or conv.tests.directory)
    if directory is None:
        return None, "no tests for the actions: the project has no test directory"
    app = app_instance(index, conv.app.factory) if conv.app.factory else (
        (conv.app.module, conv.app.variable) if conv.app.module and conv.app.variable else None
    )
    own = next((e.new for e in edits if e.path in own_tests), "")
    text, note = write_action_tests(
        [(by_name[a.function], a.change) for a in added], create, spec.names, spec.fields, app, conv.tests, key_type,
        conv.response.keys[0] if conv.response.wrapper == "envelope" and conv.response.keys else None,
        headers_sent(own),
    )
    if text is None:
        return None, note
    path = f"{directory}/test_{spec.names.plural_snake}_actions.py"
    text = format_code(fix_unused(text, path), FormatStyle.from_style(conv.style))  # `import pytest` without markers
    return FileEdit(path, None, text, ("tests of the actions",)), note


def _verb_path(route: str) -> tuple[str, str]:
    """("get", "/orders/{id}") of a plan's route line, `GET /orders/{id}  (where)`."""
    verb, _, rest = route.partition(" ")
    return verb.lower(), rest.split("  (")[0].strip()


def run(settings: Settings, err: Console, confirm: Callable[[], bool] | None = None) -> int:
    """Exit code: 0 done (or nothing to do), 1 changes pending under --check. `confirm`, asked
    after the plan is shown, decides whether it is written (the interview's last question)."""
    # a bad spec is refused before the project is read; --from-model's spec comes from the project
    spec = parse_resource(settings.name, settings.fields) if settings.from_model is None else None
    recovered = recover(settings.project)  # before reading anything: the tree must be whole
    if recovered:
        err.print(f"[yellow]{escape(recovered)}[/yellow]")
    index = ProjectIndex(settings.project)
    conventions = detect_conventions(settings.project, index)
    if spec is None:
        spec = _spec_from_model(settings, index, err)
    err.print(f"[dim]{escape(describe(conventions))}[/dim]")
    for origin in (*map(str, settings.origins), *lock_notes(conventions, settings.locks)):
        err.print(f"[dim]  {escape(origin)}[/dim]")
    conventions = apply_locks(conventions, settings.locks)
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
    if settings.show_plan or confirm is not None:
        report = build_report(plan, spec.names.pascal, _choices(settings, conventions))
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
