"""Plan one resource: read the project, detect its conventions, clone an exemplar (or use the
templates), apply the options, check the result. Nothing here writes."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from codemods.add_crud.cli import Settings
from codemods.add_crud.conventions_lock import apply_locks, lock_notes
from codemods.add_crud.run import Planned, describe
from codemods.auth import conventions_after, with_auth
from codemods.check import Check, check_edits
from codemods.clone.ahead import Ahead
from codemods.clone.chain import harden_created
from codemods.clone.field_map import map_fields
from codemods.clone.key_lookups import KeyLookup, keys_to_look_up, look_up_in_edits, missing_key_tests, not_looked_up
from codemods.clone.nesting.parent import Parent, find_parent
from codemods.clone.plan import build_clone_plan, choose_exemplar
from codemods.clone.required_fk import required_key, set_required_keys
from codemods.context import first_party, fk_tables
from codemods.errors import ConventionError, CrudToolError, ResourceExistsError, TargetError, newer_syntax
from codemods.formatting import FormatStyle, format_code
from codemods.from_model import existing_model, fitting, spec_from_model
from codemods.import_check import unresolved_import
from codemods.library_versions import too_new
from codemods.methods import with_methods
from codemods.pagination import with_pagination
from codemods.plan import Plan
from codemods.rbac import with_rbac
from codemods.relative_imports import relative_imports
from codemods.rename import rename_text
from codemods.route_clash import clashing_route
from codemods.spec import FieldSpec, ResourceSpec, parse_resource
from codemods.tidy import tidy
from codemods.visit import warm
from detectors import ProjectIndex
from detectors.conventions import Conventions
from detectors.detect import Detection
from detectors.project import is_test_path
from detectors.resources import OPS, find_footprints
from detectors.sent_values import values_sent


# The index the last plan read, kept alive: the command ends with os._exit (see cli._exit), and
# freeing a large project's syntax trees as planning returned cost a 1,000-module run 50 ms.
# Only the last one: an in-process caller planning again frees the one before.
_kept: list[ProjectIndex] = []


@dataclass(frozen=True)
class InBatch:
    """What a batch lends the planning of each of its resources."""

    ahead: Ahead | None  # its copy running the exemplar's files (codemods/clone/ahead.py)
    # a module's text before the batch began, None for one it made: whether a module is kept
    # formatted and its imports sorted is the project's habit, not that of the batch's own edits
    # (and the project's texts are judged once, not again for each resource)
    before: Callable[[str], str | None]

    def tidies_later(self, path: str) -> bool:
        """Whether the batch formats and sorts the module once all its resources are in it: a
        module of the project's own (many resources join the app, the models package, the
        conftest), not one a resource creates."""
        return self.before(path) is not None


def plan_fresh(
    settings: Settings,
    err: Console,
    index: ProjectIndex | None = None,
    conventions: Conventions | Detection | None = None,
    check: Check = check_edits,
    batch: InBatch | None = None,
) -> Planned:
    """Read the project (or take `index`, just made of it), detect its conventions (or take
    them, or their detection begun: a batch detects them once, before its first resource) and
    plan the resource `settings` asks for (the caller has recovered an interrupted write first:
    the tree must be whole). `check` is handed the finished plan's edits (see `check_edits`): a
    batch checks one resource while it plans the next, and lends it what `InBatch` holds."""
    # a bad spec is refused before the project is read; --from-model's spec comes from the project
    spec = parse_resource(settings.name, settings.fields) if settings.from_model is None else None
    if index is None:
        index = ProjectIndex(settings.project)
    _kept[:] = [index]
    if not isinstance(conventions, Conventions):
        conventions = detected(conventions or Detection(settings.project, index), index)
    if spec is None:
        spec, lines = spec_from_model(settings.from_model or "", index)
        err.print(f"[dim]{escape(lines[0])}[/dim]")
        for line in lines[1:]:
            err.print(f"[dim]  {escape(line)}[/dim]")
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
    try:
        plan = plan_resource(settings, spec, index, conventions, into, err, check, batch)
    except SyntaxError as exc:
        raise _unreadable(exc, index) from None
    return Planned(spec, plan, conventions)


def detected(detection: Detection, index: ProjectIndex) -> Conventions:
    """The conventions, the footprints read while another process detects them (both read the
    index alone; the footprints are kept for the planning that asks for them next)."""
    if detection.apart:
        # read ahead only: where reading them fails, the planning that needs them says so, after
        # what detection refuses
        with contextlib.suppress(CrudToolError, SyntaxError, ValueError):
            find_footprints(index)
        # what the edits need of libcst, read while the copy finishes: the planning here and the
        # copy forked to run the exemplar's files ahead need not read it then
        warm(detection.ready)
    return detection.conventions()


def _unreadable(exc: SyntaxError, index: ProjectIndex) -> CrudToolError:
    """A text the planning stages could not parse: a module in syntax newer than the Python the
    tool runs on (detection reads those, the edits cannot), or, with none, code of ours."""
    if index.newer_syntax:
        others = f" (and {len(index.newer_syntax) - 1} more)" if len(index.newer_syntax) > 1 else ""
        return newer_syntax(index.newer_syntax[0] + others)
    return TargetError(f"internal error: planned code that does not parse ({exc.msg}, line {exc.lineno})")


def plan_resource(
    settings: Settings,
    spec: ResourceSpec,
    index: ProjectIndex,
    conventions: Conventions,
    into: str | None,
    err: Console,
    check: Check = check_edits,
    batch: InBatch | None = None,
) -> Plan:
    """Clone the exemplar (`--like`, or the project's most complete resource); with no exemplar,
    the template generator. Either way the plan is checked (compiles, no new pyflakes finding)
    before it is returned."""
    footprints = find_footprints(index) if conventions.orm.kind in ("sqlalchemy", "sqlmodel") else ()
    existing = next((f for f in footprints if f.model == spec.names.pascal), None)
    model = existing_model(index, existing) if existing is not None else None
    if existing is not None:
        # the model's columns: its create schema may take fewer (a status the server sets)
        have = {f.name for f in existing.fields} | set(model.columns if model is not None else ())
        missing = [f.column_name for f in spec.fields if f.column_name not in have]
        if missing:
            raise ResourceExistsError(
                f"{spec.names.pascal} already exists in {existing.model_path} without "
                f"{', '.join(missing)}; pick another name or match its fields"
            )
        if settings.methods is not None and set(settings.methods) <= set(existing.ops):
            return Plan(())  # it offers what was asked: a second run changes nothing
        if settings.from_model is not None and existing.ops:
            if {"list", "get", "create"} <= set(existing.ops):
                return Plan(())  # the model is served already: nothing to add from it
            raise ConventionError(
                f"--from-model {spec.names.pascal}: it already has endpoints ({', '.join(existing.ops)}); "
                "--from-model serves a model that has none"
            )
        if settings.from_model is not None and spec.names.pascal == conventions.auth.user_model:
            raise ConventionError(
                f"--from-model {spec.names.pascal}: it is the model the auth dependency returns; its "
                "endpoints handle passwords and tokens, not plain fields"
            )
    candidates, passed_over = fitting(index, footprints, model, spec, settings.like) if model is not None else (footprints, None)
    if settings.exemplars is not None and settings.like is None:
        # a batch clones the project's own resources, never the ones it added a moment ago
        candidates = tuple(f for f in candidates if f.model in settings.exemplars or f.model == spec.names.pascal)
    if settings.exemplars is not None and settings.like not in (None, *settings.exemplars) and any(f.model == settings.like for f in footprints):
        # what its options wrote (its cache's and filters' test modules) would be cloned as its own
        raise ConventionError(
            f"--like {settings.like}: {settings.like} is added by this spec; a batch clones the project's own "
            f"resources ({', '.join(sorted(settings.exemplars))}): name one, and give {spec.names.pascal} the options"
        )
    exemplar = choose_exemplar(candidates, spec, settings.like, conventions.auth.user_model, settings.methods)
    if existing is not None and exemplar is not None and _complete(existing, exemplar.footprint, settings.methods):
        # every operation and layer is in place: another exemplar's extras (its query tests, an
        # enum it keeps) are no part of it, so a second run changes nothing whatever it clones
        return Plan(())
    if existing is not None and exemplar is None and set(settings.methods or OPS) <= set(existing.ops):
        # it serves every operation asked (all five by default) and nothing of the project's can
        # be cloned to compare its layers with: the templates would write it a second time
        return Plan(())
    parent = None
    if settings.parent is not None:
        parent = find_parent(
            index, footprints, settings.parent, spec, conventions.router_layout.url_style,
            (conventions.auth.dependency, conventions.auth.param),
        )
        if exemplar is None:
            raise ConventionError(f"--parent {settings.parent}: nesting needs a resource of the project to clone")
    if exemplar is None and passed_over:
        err.print(f"[dim]  {escape(passed_over)}[/dim]")
    if exemplar is None:
        if model is not None and conventions.rbac.kind == "ownership":
            owner = conventions.rbac.owner_field or "owner_id"
            if owner not in model.columns:  # rows of a model without an owner belong to nobody
                err.print(f"[dim]{escape(f'{spec.names.pascal} has no {owner}: its rows are not scoped to an owner')}[/dim]")
                conventions = replace(conventions, rbac=replace(conventions.rbac, kind="none"))
        if model is not None:  # the read schema lists the timestamps the model has, not the project's usual ones
            stamps = tuple(t for t in conventions.orm.timestamps if t in model.columns)
            conventions = replace(conventions, orm=replace(conventions.orm, timestamps=stamps))
        from codemods.planner import build_plan  # the templates: only for a project with nothing to clone

        plan = build_plan(conventions, spec, index, into, settings.exemplars)  # refuses what it cannot write
        taken = [n for n in plan.notes if n.endswith("already defined")]
        if taken and not any(f.model == spec.names.pascal for f in footprints):
            # the resource is not there, yet a name it needs is: it means something else here
            raise ConventionError(f"{taken[0]}, and it is not {spec.names.pascal}'s; pick another resource name")
        templates = "no resource to clone (one with list, get and create endpoints that stores what clients send): using templates"
        err.print(f"[dim]{escape(templates)}[/dim]")
        # what the templates left out (`tests not generated: ...`) is said before anything is written
        left_out = tuple(n for n in plan.notes if n.startswith("tests not generated"))
        plan = replace(plan, explain=(templates, *left_out))
        if not settings.as_written:
            required = frozenset(f.column_name for f in spec.fields if not f.optional)
            version = conventions.schemas.pydantic_version or 2
            fmt = FormatStyle.from_style(conventions.style)
            plan = replace(plan, edits=harden_created(plan.edits, required, version, fmt, first_party(index)))
        plan = _options(plan, settings, spec, index, conventions, err)
        plan, lookups = _templates_look_keys_up(plan, settings, spec, index, footprints, conventions, err)
        # the templates' tests make rows without a required key: each gets a row of its target
        tested = any(e.created and is_test_path(e.path) for e in plan.edits)
        server_set = ("id", *conventions.orm.timestamps)  # the templates' model: its key, the project's timestamps
        keys = tuple(required_key(index, footprints, f, spec, server_set) for f in spec.fields if f.type == "fk" and not f.optional and tested)
        plan = replace(plan, edits=missing_key_tests(set_required_keys(plan.edits, keys), lookups, spec.names.snake))
        before = {e.path: e.old for e in plan.edits if e.old is not None}
        plan = replace(plan, edits=relative_imports(plan.edits, before, first_party(index)))
        _refuse_too_new(plan, conventions)
        _refuse_unresolved(plan, index, spec)
        check(plan.edits, {e.path: e.old for e in plan.edits})
        return plan
    fmt = FormatStyle.from_style(conventions.style)
    spec = _with_examples(spec, index, exemplar.footprint)
    plan, notes, baselines, habits = build_clone_plan(
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
        ahead=batch.ahead if batch is not None else None,
        before=batch.before if batch is not None else None,
    )
    err.print(f"[dim]{escape(notes[0])}[/dim]")
    for line in notes[1:]:
        err.print(f"[dim]  {escape(line)}[/dim]")
    plan = _options(replace(plan, explain=notes), settings, spec, index, conventions, err, exemplar.footprint.key[1], parent)
    # the options' own test modules make rows too: a required key must reach them, or stop here
    from_routes = "tests" not in exemplar.footprint.layers and any(e.created and is_test_path(e.path) for e in plan.edits)
    keys = _required_keys(index, footprints, spec, parent, exemplar.footprint.server_set, from_routes)
    if parent is not None:  # the parent rows the nested tests make need the parent's own keys
        own = frozenset(f.column_name for f in spec.fields)
        keys = (*keys, *(replace(k, others=own) for k in _parent_keys(index, footprints, parent)))
    keyed = set_required_keys(plan.edits, keys)
    # the options' own modules, formatted as they wrote them: `tidy` formats those with a habit
    keyed = tuple(
        replace(e, new=format_code(e.new, fmt)) if e.created and e.new != was.new and e.path not in habits and e.new else e
        for e, was in zip(keyed, plan.edits)
    )
    plan = replace(plan, edits=keyed)
    before = {path: habit[0] for path, habit in habits.items() if habit is not None}
    plan = replace(plan, edits=relative_imports(plan.edits, before, first_party(index)))
    # a batch tidies the project's own modules once, when every resource is in them (batch.py):
    # tidying the app, the models package and a conftest of hundreds of fixtures again for each
    # resource cost a fifth of its planning
    later = frozenset(path for path, habit in habits.items() if habit is not None and batch is not None and batch.tidies_later(path))
    plan = replace(
        plan,
        edits=tidy(
            plan.edits, {path: habit for path, habit in habits.items() if path not in later}, fmt, index.root,
            conventions.style.formatter == "ruff", first_party(index),
            own_tree=batch is not None,  # a batch plans in a scratch copy of its own
        ),
        untidied=frozenset(e.path for e in plan.changed if e.path in later),
    )
    _refuse_too_new(plan, conventions)
    _refuse_unresolved(plan, index, spec)
    old, new = exemplar.footprint.names, spec.names
    check(plan.edits, baselines, lambda text: rename_text(text, new, old))
    return plan


def _templates_look_keys_up(
    plan: Plan, settings: Settings, spec: ResourceSpec, index: ProjectIndex, footprints, conventions: Conventions,
    err: Console,
) -> tuple[Plan, tuple[KeyLookup, ...]]:
    """The templates' routes with each new foreign key looked up as its target's get route finds
    a row (as a clone's are), and the lookups; a key clients send that is not looked up is said."""
    owner = conventions.rbac.owner_field or "owner_id" if conventions.rbac.kind == "ownership" else None
    keys = [f for f in spec.fields if f.type == "fk" and f.column_name != owner]  # the owner is the server's
    lookups = keys_to_look_up(index, footprints, keys, spec.names.pascal)
    fmt = FormatStyle.from_style(conventions.style)
    edits, looked_up = look_up_in_edits(plan.edits, lookups, fmt, first_party(index))
    writes = settings.methods is None or bool({"create", "update"} & set(settings.methods))  # a read-only one stores none
    unchecked = [f.name for f in keys if f.column_name not in looked_up] if writes else []
    if unchecked:
        err.print(f"[dim]  {escape(not_looked_up(unchecked))}[/dim]")
    explain = (*plan.explain, not_looked_up(unchecked)) if unchecked else plan.explain
    return replace(plan, edits=edits, explain=explain), tuple(k for k in lookups if k.field in looked_up)


def _with_examples(spec: ResourceSpec, index: ProjectIndex, exemplar) -> ResourceSpec:
    """The spec, each field kept from the exemplar that validates it (`@field_validator("url")`)
    given a value the exemplar's tests send it: the tests written from the routes post that, not
    a made-up sample its validator may refuse."""
    validated = {e.name for e in exemplar.fields if e.validated}
    kept = validated & set(map_fields(exemplar.fields, spec.fields).kept) if validated else set()
    sent = values_sent(index, exemplar, kept) if kept else {}
    if not sent:
        return spec
    return replace(spec, fields=tuple(replace(f, example=sent.get(f.column_name)) for f in spec.fields))


def _refuse_too_new(plan: Plan, conventions: Conventions) -> None:
    """Stop where the new code needs a newer library than the project declares (a uuid column's
    `Uuid` in a project on SQLAlchemy 1.3): the app would no longer import."""
    why = too_new(plan.edits, conventions.libraries)
    if why is not None:
        raise ConventionError(f"{why}; nothing written")


def _refuse_unresolved(plan: Plan, index: ProjectIndex, spec: ResourceSpec) -> None:
    """Stop where the new code imports a module of the project that neither exists nor is
    planned, or a name such a module does not define (the app would no longer import), or
    where a new route takes a method and path its router serves already (never reached)."""
    why = unresolved_import(plan.changed, index, spec.names) or clashing_route(plan.changed)
    if why is not None:
        raise TargetError(f"check failed, nothing written: {why}")


def _required_keys(
    index: ProjectIndex, footprints, spec: ResourceSpec, parent, server_set: tuple[str, ...], from_routes: bool = False
) -> tuple:
    """The spec's required foreign keys clients send whose target's tests have a row fixture
    (the clone refused the others where its tests needed one). Tests written from the routes
    (`from_routes`: the exemplar has none) post whole rows in every test: a key they cannot
    set stops here, rather than every create answering 422."""
    keys = []
    for f in spec.fields:
        sent = f.column_name not in server_set and (parent is None or f.column_name != parent.key)
        if f.type == "fk" and not f.optional and sent:
            try:
                keys.append(required_key(index, footprints, f, spec, server_set))
            except ConventionError:
                if from_routes:
                    raise
                continue
    return tuple(keys)


def _parent_keys(index: ProjectIndex, footprints, parent: Parent) -> tuple:
    """The required foreign keys of `--parent`'s model (an order's `customer_id`): the nested
    tests making one of its rows with its helper (copied from its tests) set them as its own
    tests do. Its fields are its create schema's, as clients send them: one with a default is
    not required (`status`, pending unless sent)."""
    fp = parent.footprint
    targets = dict(fp.references)
    fields = tuple(
        FieldSpec(
            f.name,
            "fk" if f.name in targets else f.kind,
            optional=f.optional,
            default="" if f.has_default else None,  # what the schema fills in: never sent
            fk_target=targets.get(f.name),
        )
        for f in fp.fields
    )
    if not any(f.type == "fk" and not f.optional and f.default is None for f in fields):
        return ()
    return _required_keys(index, footprints, ResourceSpec(fp.names, fields), None, fp.server_set)


def _complete(existing, exemplar, methods: tuple[str, ...] | None) -> bool:
    """The resource offers every operation asked (or the exemplar's) and has every layer of
    its own that the exemplar has."""
    ops = set(methods) if methods is not None else set(exemplar.ops)
    return ops <= set(existing.ops) and set(exemplar.layers) <= set(existing.layers)


def _options(
    plan: Plan,
    settings: Settings,
    spec: ResourceSpec,
    index: ProjectIndex,
    conventions: Conventions,
    err: Console,
    key_type: str = "int",
    parent: Parent | None = None,
) -> Plan:
    """The passes of the options over the planned code, in this order: `--methods`, `--action`,
    `--auth`, `--rbac` (it may need the signed-in user), `--pagination`, `--filter`/`--sort` (they
    page through the list the pagination built), then `--cache`. Nested under `parent`, the test
    modules they write request the routes under one of its rows."""
    planned_before = frozenset(e.path for e in plan.edits)
    plan, left = with_methods(plan, settings.methods, spec.names)
    lines = list(left)
    # the passes of options a run may not ask for are imported when asked (a run asking none
    # spends its start importing only what it uses)
    if settings.actions:
        from codemods.actions import with_actions

        plan, added = with_actions(plan, settings.actions, spec, index, conventions, key_type)
        lines += added
    plan, added = with_auth(plan, settings.auth, spec, index, conventions, key_type)
    lines += added
    conventions = conventions_after(conventions, settings.auth, plan)  # the auth the later passes see
    if settings.parent is None:
        plan, added = with_rbac(plan, settings.rbac, spec, index, conventions, key_type)
        lines += added
    elif settings.rbac is not None:
        raise ConventionError(
            f"--rbac {settings.rbac} with --parent: access rules on nested routes are not built yet; "
            "the nested resource keeps the exemplar's"
        )
    else:  # the access tests know no parent's key: the nested tests prove another parent's rows 404
        lines.append("no access tests: nested routes (the nested tests prove another parent's rows answer 404)")
    plan, added = with_pagination(plan, settings.pagination, spec, index, conventions, key_type)
    lines += added
    if settings.filters is not None or settings.sort is not None:
        from codemods.list_query import with_list_query

        plan, added = with_list_query(plan, settings.filters, settings.sort, spec, index, conventions, key_type)
        lines += added
    if settings.cache is not None:  # last: it caches the routes the other options made
        from codemods.cache import with_cache

        plan, added = with_cache(plan, settings.cache, spec, index, conventions, key_type)
        lines += added
    written = frozenset(e.path for e in plan.edits if e.created and e.path not in planned_before)
    if parent is not None and written:
        from codemods.clone.nesting.option_tests import nest_option_tests, new_routes

        fmt = FormatStyle.from_style(conventions.style)
        edits = nest_option_tests(plan.edits, written, new_routes(plan.edits), parent, index, fmt, first_party(index))
        plan = replace(plan, edits=edits)
    for line in lines:
        err.print(f"[dim]  {escape(line)}[/dim]")
    return plan

