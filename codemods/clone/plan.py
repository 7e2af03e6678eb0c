"""Exemplar -> Plan: clone every layer of the exemplar's footprint, then wire the clone in.

Files written for the exemplar alone are cloned whole under the renamed path; its definitions in
shared modules are cloned right after the last of them; every module no resource owns gets the
same wiring for the new resource as it has for the exemplar. Nothing here reads the disk beyond
the texts the index already holds.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Callable
from concurrent.futures import Future, wait
from dataclasses import dataclass, replace
from typing import Any

import libcst as cst

from codemods.check import fix_unused, prefetch_findings, pyflakes
from codemods.clone.back_relations import BackRelations
from codemods.clone.bounded_params import INT32, INT64
from codemods.clone.ahead import Ahead, AheadFiles, run_ahead
from codemods.clone.chain import CloneJob, Cloned, Cloning, Hardening, clone_code
from codemods.clone.field_code import enum_class, enum_class_name, member_class, optional_digits, union_classes
from codemods.clone.field_kinds import finish_field_kinds
from codemods.clone.field_map import map_fields
from codemods.clone.fields import ModuleStyle
from codemods.clone.key_lookups import KeyLookup, finish_key_lookups, keys_to_look_up, missing_key_tests, not_looked_up
from codemods.clone.lost_statuses import lost_statuses, tests_asserting
from codemods.clone.model_home import TakeImport, without_class
from codemods.clone.move_module import MoveModule, Rebase
from codemods.clone.nesting.nest import nest
from codemods.clone.nesting.parent import Parent
from codemods.clone.required_fk import required_key, set_required_keys
from codemods.clone.revision_ops import RevisionOps
from codemods.clone.route_tests import routes_of, write_tests
from codemods.clone.server_set import serves, without_server_set
from codemods.clone.table_history import table_as_altered
from codemods.clone.table_revision import KeepTable
from codemods.clone.wire import WireIn, is_registry, registry_members
from codemods.drop_definitions import DropDefinitions
from codemods.errors import ConventionError, CrudToolError, TargetError
from codemods.formatting import FormatStyle, format_code
from codemods.import_check import module_imports, unresolved_imports
from codemods.imports import Import, add_imports, used_imports, with_imports
from codemods.methods import leave_out
from codemods.names import named_instead, spelling_pattern, spells
from codemods.parsing import parse_module
from codemods.plan import FileEdit, Plan
from codemods.rename import rename_text
from codemods.revision_files import file_name, is_dated, revision_time
from codemods.ruff_bin import started
from codemods.slicing import edit_imports, edit_sliced
from codemods.spec import FieldSpec, ResourceSpec
from codemods.tidy import formats_whole, judge_early
from codemods.visit import visit
from detectors.conventions import Conventions, MigrationsFinding
from detectors.forked import can_fork
from detectors.migrations import revision_heads, revision_links
from detectors.project import ProjectIndex, is_test_path, module_name, parse_early, parsed
from detectors.registries import ClassMembers, class_members, collection_literals, top_level_classes
from detectors._models import model_classes
from detectors.resources import Footprint, app_instance, declared_table, enum_style, op_of_route, own_path, top_level_names


@dataclass(frozen=True)
class ExistingModel:
    """The new resource's model, already in the project (`--from-model`, or a partial resource)."""

    path: str
    columns: frozenset[str]
    enum_classes: dict[str, str]  # field -> the model's enum class


@dataclass(frozen=True)
class Exemplar:
    """The chosen resource and why."""

    footprint: Footprint
    reason: str


def choose_exemplar(
    footprints: tuple[Footprint, ...],
    spec: ResourceSpec,
    like: str | None,
    user_model: str | None,
    methods: tuple[str, ...] | None = None,
) -> Exemplar | None:
    """`--like` when given; else the resource with the most CRUD operations in the most layers,
    passing over the model the auth dependency returns (users are rarely a resource's model).
    Operations `methods` asks for come from the exemplar: it must offer them."""
    candidates = [f for f in footprints if f.model != spec.names.pascal]
    if like is not None:
        chosen = next((f for f in candidates if f.model == like), None)
        if chosen is None:
            known = named_instead(like, (f.model for f in candidates))
            raise ConventionError(f"--like {like}: no such resource (resources: {known})")
        _offers(chosen, methods, "clone another with --like")
        return Exemplar(chosen, f"--like {like}: {chosen.why()}")
    # An exemplar offers at least list, get and create, and stores what clients send; the auth
    # dependency's user model is never one by default (signup, passwords and tokens are not a
    # resource's shape), nor is a resource whose input is not its columns (`password`).
    usable = [
        f
        for f in candidates
        if {"list", "get", "create"} <= set(f.ops) and f.model != user_model and not f.derived
    ]
    if not usable:
        return None
    # a resource nested under another's row carries that nesting in every layer: a top-level
    # one as complete is the better template (`--parent` nests the clone itself)
    usable.sort(key=lambda f: f.nested)
    offering = [f for f in usable if set(methods or ()) <= set(f.ops)]
    if not offering:
        _offers(usable[0], methods, "no resource here offers them all")
    # a reference the project fills on the server (an owner) is cloned from a resource that does
    best = next((f for f in offering if serves(f, spec, footprints)), offering[0])
    if best is not usable[0]:
        if best is offering[0]:
            return Exemplar(best, f"offers every operation --methods asks for: {best.why()}")
        return Exemplar(best, f"sets what the new resource's server-set fields need: {best.why()}")
    return Exemplar(best, f"most complete resource: {best.why()}")


def _offers(footprint: Footprint, methods: tuple[str, ...] | None, hint: str) -> None:
    """Refuse an exemplar lacking an operation `--methods` asks for: there is no code to clone."""
    missing = ", ".join(op for op in methods or () if op not in footprint.ops)
    if missing:
        raise ConventionError(
            f"--methods: {footprint.model}, the resource to clone, has no {missing} endpoint "
            f"({hint}); leave {missing} out"
        )


@dataclass
class _Texts:
    """Module texts as the plan builds them: the original (None for a new file) and the current.
    `before`: a batch's text of a module before the batch began (see `habit_of`)."""

    index: ProjectIndex
    before: Callable[[str], str | None] | None = None

    def __post_init__(self) -> None:
        self.original: dict[str, str | None] = {}
        self.current: dict[str, str] = {}
        self.why: dict[str, list[str]] = {}
        self.baseline: dict[str, str | None] = {}
        # (text, its path) whose formatting and import order are the project's habit for the
        # module: its own, or for a new module the exemplar's (renamed, it may read unsorted, or
        # have lines grown past the limit, for the new name alone)
        self.habit: dict[str, tuple[str, str] | None] = {}
        self.on_disk: dict[str, str | None] = {}  # each path's text as read from the project

    def read(self, path: str) -> str | None:
        if path in self.current:
            return self.current[path]
        if path not in self.on_disk:  # planning writes nothing: a file read once stays as read
            file = self.index.root / path
            self.on_disk[path] = file.read_text(encoding="utf-8") if file.is_file() else None
        return self.on_disk[path]

    def write(
        self, path: str, text: str, why: str, baseline: str | None = None, habit: tuple[str, str] | None = None
    ) -> None:
        if path not in self.original:
            self.original[path] = self.read(path)
            self.baseline[path] = self.original[path] if self.original[path] is not None else baseline
            if self.original[path] is not None:
                self.habit[path] = self.habit_of(self.original[path], path)
            else:
                habit = habit or ((baseline, path) if baseline is not None else None)
                self.habit[path] = habit and self.habit_of(*habit)
        self.current[path] = text
        self.why.setdefault(path, []).append(why)

    def habit_of(self, text: str, path: str) -> tuple[str, str]:
        """(text, path) whose formatting and import order the project keeps for the module read
        as `text` at `path`: in a batch, the module as it was before the batch (its own edits
        are no habit of the project's)."""
        return ((self.before(path) if self.before is not None else None) or text, path)

    def edits(self) -> tuple[FileEdit, ...]:
        return tuple(
            FileEdit(p, self.original[p], self.current[p], tuple(self.why[p]))
            for p in self.current
            if self.original[p] != self.current[p]
        )


def _hardening(
    fp: Footprint,
    fields,
    spec: ResourceSpec,
    conventions: Conventions | None,
    methods: tuple[str, ...] | None,
    parent: Parent | None = None,
) -> Hardening:
    """The bounds and null checks the clone gets (see BoundedParams, NullGuard); no null check
    where the update is left out."""
    kept = {name for name in fields.kept if name not in fp.nullable}
    required = kept | {f.column_name for f in spec.fields if not f.optional and f.column_name not in fields.kept}
    required -= {parent.key} if parent else set()  # clients never send it: it is the path's
    return Hardening(
        int_range=INT64 if fp.big_key else INT32,
        update_schema=rename_text(fp.update_schema, fp.names, spec.names)
        if fp.update_schema and (methods is None or "update" in methods)
        else "",
        required=frozenset(required),
        pydantic_version=(conventions.schemas.pydantic_version or 2) if conventions else 2,
    )


def _optional_digits(conventions: Conventions | None) -> str:
    """How the clone's optional decimals are bounded, by the pydantic the project runs."""
    if conventions is None:
        return "none"
    declared = conventions.libraries.version("pydantic")
    return optional_digits(conventions.schemas.pydantic_version, declared.version if declared is not None else None)


def _new_path(path: str, cloning: Cloning) -> str:
    return "/".join(rename_text(part, cloning.old, cloning.new) for part in path.split("/"))


def _key_lookups(index, footprints, fields, spec, parent) -> tuple[list[FieldSpec], tuple[KeyLookup, ...]]:
    """The new foreign keys, and how each whose target's get route finds a row in a way to copy
    is looked up (key_lookups.py). The exemplar's lookups of its own keys (a 404 for a category
    that does not exist) go with the fields they are about."""
    new_keys = [f for f in fields.added if f.type == "fk" and f != (parent and parent.field)]
    return new_keys, keys_to_look_up(index, footprints, new_keys, spec.names.pascal)


def build_clone_plan(
    index: ProjectIndex,
    spec: ResourceSpec,
    exemplar: Exemplar,
    footprints: tuple[Footprint, ...],
    fmt: FormatStyle,
    first_party: frozenset[str],
    url_style: str,
    fk_tables: dict[str, str],
    auth_model: str | None = None,
    conventions: Conventions | None = None,
    completing: bool = False,
    into: str | None = None,
    harden: bool = True,
    methods: tuple[str, ...] | None = None,
    model: ExistingModel | None = None,
    parent: Parent | None = None,
    ahead: Ahead | None = None,
    before: Callable[[str], str | None] | None = None,
) -> tuple[Plan, tuple[str, ...], dict[str, str | None], dict[str, tuple[str, str] | None]]:
    """The plan, the lines that explain it (exemplar, fields, what was dropped), and for each
    touched path the text whose lint findings are the project's own (see check.py) and the
    (text, path) whose formatting and import order are (see tidy.py). `model`: the new
    resource's model exists; the clone fits its columns and uses its enum classes. `ahead`: a
    batch's copy running the exemplar's files (ahead.py); without, a single run forks its own.
    `before`: a batch's text of a module before it began, whose formatting and import order are
    the habits tidying keeps (planning.py's `InBatch`)."""
    fp = exemplar.footprint
    spec, server_notes = without_server_set(spec, fp, footprints)
    if parent is not None:  # the key to the parent is a field like any fk; nest() makes it the path's
        kept = tuple(f for f in spec.fields if f.column_name != parent.key)  # `item:fk[Item]` is it
        spec = replace(spec, fields=(*kept, parent.field))
        fk_tables = {**fk_tables, parent.footprint.model: parent.footprint.table}
    fields = map_fields(fp.fields, spec.fields)
    if model is not None:
        # the exemplar's server-set columns the model lacks (updated_at) go with their code
        absent = tuple(c for c in fp.server_set if c not in model.columns and c != fp.key[0] and c not in fields.dropped_in_exemplar)
        fields = replace(fields, dropped=fields.dropped + absent)
    required_keys = []
    for f in fields.added:
        if f.type == "fk" and not f.optional and "tests" in fp.layers and f != (parent and parent.field):
            # the cloned tests create rows with no parent to point at (a renamed fk brings its
            # own): they take one from the target's fixture
            required_keys.append(required_key(index, footprints, f, spec))
    # A definition spelling the exemplar and a resource the clone still points at (a kept foreign
    # key) is about a relation the clone has too: it is cloned.
    # (a new fk the spec asks for is written fresh, so it links no exemplar code)
    linked = {model for attr, model in fp.references if attr not in fields.dropped_in_exemplar}
    others = tuple(
        spelling_pattern(f.names)
        for f in footprints
        # the auth user is everyone's (`current_user`, `other_user`), never a relation of one resource
        if f.model not in (fp.model, spec.names.pascal, auth_model, *linked)
    )
    unlinked = {model for attr, model in fp.references if attr in fields.dropped_in_exemplar} - linked
    cloning = Cloning(
        fp.names,
        spec.names,
        fields,
        url_style,
        fk_tables,
        others,
        fmt,
        frozenset(linked),
        frozenset(unlinked),
        fp.key,
        completing,
        {f.model: f.key[1] for f in footprints},
        _hardening(fp, fields, spec, conventions, methods, parent) if harden else None,
        first_party,
        frozenset(module_name(rel) for rel in index.files),
        _optional_digits(conventions),
    )
    texts = _Texts(index, before)
    notes: list[str] = [f"exemplar {fp.model} ({exemplar.reason})", *server_notes, *fields.describe()]
    if cloning.hardening is not None:
        h = cloning.hardening
        guarded = f"; {h.update_schema} answers 422 to null for NOT NULL fields" if h.update_schema else ""
        notes.append(f"hardened (--as-written skips it): int route parameters bounded to {h.int_range[0]}..{h.int_range[1]}{guarded}")
    enums: dict[str, str] = {}  # enum class -> path of the module defining it
    enum_users: dict[str, set[str]] = {}
    dropped: set[str] = set()
    reasons: dict[str, str] = {}  # dropped definition -> why
    new_model_path = _new_path(fp.model_path, cloning) if fp.model_path in fp.files else fp.model_path

    router = fp.routes[0][2] if fp.routes else None
    moved: tuple[str, str] | None = None  # (where the router would go, where --into puts it)
    if into is not None:
        if router not in fp.files:
            raise ConventionError(
                f"--into {into}: {fp.model}'s routes live in {router or 'no module'} beside other code; "
                "the new ones go there too (drop --into)"
            )
        default = _new_path(router, cloning)
        placed = into if into.endswith(".py") else f"{into.rstrip('/')}/{default.rsplit('/', 1)[-1]}"
        moved = (default, placed)

    def target_of(path: str) -> str:
        target = _new_path(path, cloning)
        if moved and target == moved[0]:
            target = moved[1]
        if target == path:
            raise ConventionError(f"cannot derive a new path from {path} for {spec.names.pascal}")
        return target

    by_path: dict[str, list[str]] = {}
    for unit in fp.units:
        by_path.setdefault(unit.path, []).append(unit.name)
    # the exemplar's own files are run ahead on both cores while the units are cloned (ahead.py);
    # a copy is waited for, not killed, unless the user interrupts: killed, it would leave the
    # temporary files of its ruff runs behind
    guessed = frozenset(dropped)
    request = _ahead_files(texts, index, fp, cloning, guessed, target_of)
    helper = ahead if ahead is not None and ahead.alive else Ahead(request) if by_path and can_fork() else None
    own: dict[CloneJob, Cloned] = {}
    try:
        if helper is ahead and helper is not None:
            helper.start(request)
        for path, names in by_path.items():
            habit, _ = texts.habit_of(texts.read(path) or "", path)
            later = formats_whole(habit, fmt)  # the clones are formatted with the module they join
            _clone_units(texts, path, set(names), cloning, fmt, first_party, enum_users, dropped, reasons, later)
        wirings = _wirings(index, fp, footprints, cloning)
        if helper is not None:
            # while the copy runs the files: the modules no clone changes meanwhile are wired now
            wirings.ahead(texts)
            own = helper.share(request)
            if helper is ahead:
                # a batch's copy mostly runs longer: the wired texts (a conftest of hundreds of
                # fixtures) are parsed meanwhile for the checks, which ask for each text the
                # plan writes. Not beside a single run's copy: its pages are still this
                # process's, and each page the parse writes is copied first.
                parse_early(wirings.texts())
    except Exception:
        if helper is not None:
            helper.finish()
            if helper is not ahead:
                helper.close()
        raise
    except BaseException:
        if helper is not None:
            helper.close(kill=True)
        raise
    if helper is not None and helper is not ahead and conventions is not None:
        # a single run waits for its copy: tidying's first question meanwhile (see judge_early)
        judge_early(_habits_ahead(texts, fp, wirings), fmt, index.root, conventions.style.formatter == "ruff", first_party)
    answered = helper.finish() if helper is not None else None
    if helper is not None and helper is not ahead:
        helper.close()
    if answered is None or frozenset(dropped) != guessed:
        done = run_ahead(_ahead_files(texts, index, fp, cloning, frozenset(dropped), target_of))
    else:
        done = {**answered, **own}
    migrations = conventions.migrations if conventions is not None else None
    table = _default_table(index, fp, spec)
    # (path, target, source, cloned, why): modules written only where another clone imports them
    emptied = []
    model_home = _model_home(fp, model, target_of)
    for path in fp.files:
        target = target_of(path)
        source = texts.read(path) or ""
        if "/versions/" in f"/{path}" and _creates_table_already(index, path, source, fp, spec):
            continue  # a revision creating the new table is there: the migration is done
        if "/versions/" in f"/{path}":
            if not _creates(source, fp.table):
                notes.append(f"not cloned: {path} (its changes to {fp.table} are in the new table's revision)")
                continue
            if not _creates_alone(source, fp.table):
                continue  # it creates other tables too: its part of it is cloned below
            # the table as the later revisions left it: their changes are no revisions of their own
            source = table_as_altered(source, _later_revisions(index, texts, path), fp.table)
        try:
            cloned = clone_code(source, cloning, source, target, True, frozenset(dropped), done)
        except cst.ParserSyntaxError as exc:
            raise TargetError(f"{path}:{exc.raw_line}: cannot parse: {exc.message}") from None
        if model_home is not None and path == fp.model_path:
            # what the module holds beside the model (an enum of a dropped field) is no code of
            # the new resource's unless another clone imports it
            why = f"{spec.names.pascal} is defined in {model_home} already"
            rest = without_class(cloned.code, spec.names.pascal)
            dropped |= cloned.dropped  # the modules cloned after it drop the same
            reasons.update(cloned.reasons)
            if rest is None:
                notes.append(f"not cloned: {path} ({why})")
            else:
                emptied.append((path, target, source, replace(cloned, code=fix_unused(rest, target)), why))
            continue
        if (index.root / target).exists():
            if not cloning.completing:
                raise ConventionError(f"{target} already exists and is not {spec.names.pascal}'s; pick another resource name")
            # a partial resource is completed: the definitions it lacks are appended
            _complete(texts, target, with_imports(cloned.code, cloned.imports, fmt, first_party), path, fmt, first_party)
            continue
        if _emptied(source, cloned.code, fp, spec, path):
            why = f"nothing of {spec.names.pascal} left once the dropped fields' code went"
            emptied.append((path, target, source, cloned, why))  # unless another clone imports it, below
            continue
        dropped |= cloned.dropped
        _write_clone(texts, index, path, target, source, cloned, fp.names, spec, fields, fmt, first_party, enum_users, migrations, table)
        reasons.update(cloned.reasons)
    if model_home is not None:  # before judging what imports the rest of its module
        point = _ModelImports(spec.names.pascal, module_name(target_of(fp.model_path)), model_home, fmt, first_party)
        point.texts(texts)
    for path, target, source, cloned, why in emptied:
        if not _imported(texts, target):
            notes.append(f"not cloned: {path} ({why})")
            continue
        dropped |= cloned.dropped
        _write_clone(texts, index, path, target, source, cloned, fp.names, spec, fields, fmt, first_party, enum_users, migrations, table)
        reasons.update(cloned.reasons)

    if not any("/versions/" in f"/{p}" and _creates_alone(texts.read(p) or "", fp.table) for p in fp.files):
        _revision_from_shared(texts, index, fp, cloning, spec, dropped, migrations, table)
    _drop_tests_of_lost_statuses(texts, index, fp, cloning, dropped, reasons)

    has_tests = any(u.name.startswith("test") for u in fp.units) or any(
        p.rsplit("/", 1)[-1].startswith("test_") for p in fp.files
    )
    if not has_tests and fp.routes and conventions is not None:
        notes.append(_tests_from_routes(texts, index, fp, cloning, spec, conventions))

    for name, users in enum_users.items():
        home = new_model_path if new_model_path in users else sorted(users)[0]
        enums[name] = home
    _place_enums(texts, enums, enum_users, spec, fmt, first_party, enum_style(index), model)
    version = conventions.schemas.pydantic_version if conventions else None
    notes += finish_field_kinds(texts, spec, version, fmt, first_party, cloning.completing)
    new_keys, lookups = _key_lookups(index, footprints, fields, spec, parent)
    functions = frozenset(rename_text(function, fp.names, spec.names) for *_, function in fp.routes)
    looked_up = finish_key_lookups(texts, lookups, functions, fmt, first_party)
    writes = methods is None or bool({"create", "update"} & set(methods))  # a read-only resource stores no key
    unchecked = [f.name for f in new_keys if f.column_name not in looked_up] if writes else []
    if unchecked:
        notes.append(not_looked_up(unchecked))

    wired = wirings.now(texts)
    if model_home is not None:  # the wiring imports the model from its home too, before it is judged
        point.texts(texts)
        wired = [(path, text, point.text(new, path), added) for path, text, new, added in wired]
    _write_wirings(texts, _resolving(texts, index, wired, notes, moved), cloning)

    for f in footprints:
        if f.model in cloning.linked and f.model not in (fp.model, spec.names.pascal):
            _back_relations(texts, f, cloning)
    if moved is not None:
        _move(texts, router, *moved)
    if model_home is not None:  # and what was written since (a moved router's importers)
        point.texts(texts)

    if fields.stand_ins:  # what went, as the exemplar named it
        reasons = {fields.as_written(k): fields.as_written(v) for k, v in reasons.items()}
        dropped = {fields.as_written(name) for name in dropped}
    by_reason: dict[str, list[str]] = {}
    for name in sorted(dropped):
        by_reason.setdefault(reasons.get(name, "used only by dropped code"), []).append(name)
    notes += [f"dropped ({why}): {', '.join(names)}" for why, names in by_reason.items()]
    _refuse_lost_operations(fp, spec, dropped, reasons, methods)

    def _path(route: str) -> str:
        for f in fields.dropped_in_exemplar if fp.key[1] in ("int", "str") else ():
            route = route.replace("{" + f + "}", "{" + fp.key[0] + "}")  # as KeySwap rewrote it
        return rename_text(route, fp.names, spec.names, url_style)

    routes = tuple(
        f"{method} {_path(route)}  "
        f"({_new_path(path, cloning)}: {rename_text(func, fp.names, spec.names)})"
        for method, route, path, func in fp.routes
        if rename_text(func, fp.names, spec.names) not in dropped
    )
    edits = texts.edits()
    edits = set_required_keys(edits, tuple(required_keys))
    edits = missing_key_tests(edits, tuple(k for k in lookups if k.field in looked_up), spec.names.snake)
    if parent is not None:
        # without the conventions, the keyword an older SQLModel refuses is left out
        ondelete = conventions is not None and conventions.libraries.field_ondelete
        # what --methods takes out after (with_methods): nesting refuses nothing on its account
        left = leave_out(edits, methods, spec.names)[1] if methods is not None else None
        going = frozenset(k.rsplit(".", 1)[-1] for k in (*left.routes, *left.tests)) if left is not None else frozenset()
        nested = nest(edits, parent, spec.names, url_style, index, fmt, first_party, ondelete, going)
        edits, notes = nested.edits, [*notes, *nested.notes]
    return Plan(edits, routes, ()), tuple(notes), dict(texts.baseline), dict(texts.habit)


def _habits_ahead(texts, fp: Footprint, wirings: Wirings) -> list[tuple[str, str]]:
    """The habits `tidy` will most likely be handed (see `_Texts.habit_of`): the exemplar's
    modules, for the ones cloned from them; the modules the clone has changed so far and those
    wired for it, as they were."""
    habits = [texts.habit_of(source, path) for path in fp.files if path.endswith(".py") and (source := texts.read(path)) is not None]
    habits += [h for h in texts.habit.values() if h is not None]
    for path in wirings.wired():
        text = texts.original[path] if path in texts.original else texts.read(path)
        if text is not None:
            habits.append(texts.habit_of(text, path))
    return list(dict.fromkeys(habits))


def _write_clone(texts, index, path, target, source, cloned, old, spec, fields, fmt, first_party, enum_users, migrations, table) -> None:
    """The clone of the exemplar's module `path` written at `target` (a revision gets its id, its
    file name, the new model's table and its columns), with the imports its added code needs."""
    code = cloned.code
    if "/versions/" in f"/{path}":
        code, target = _revision(index, path, target, _retabled(code, table), migrations)
        ops = RevisionOps(spec.names, fields.added, _sa_prefix(code))
        code = visit(parse_module(code), ops).code
    if cloned.placed is not None and cloned.placed[0] == code:
        code = cloned.placed[1]  # placed by the copy running the exemplar's files (ahead.py)
    else:
        code = with_imports(code, cloned.imports, fmt, first_party)
    for name in cloned.enums:
        enum_users.setdefault(name, set()).add(target)
    renamed = rename_text(source, old, spec.names)
    texts.write(target, code, f"cloned from {path}", baseline=renamed, habit=(source, path))


def _imported(texts, target: str) -> bool:
    """Whether a module the clone wrote imports the module at `target`."""
    wanted = module_name(target)
    for path in texts.current:
        text = texts.read(path) if path.endswith(".py") and path != target else None
        if not text or wanted.rsplit(".", 1)[-1] not in text:
            continue
        try:
            tree = parsed(text)
        except SyntaxError:
            continue
        if any(base == wanted or f"{base}.{name}" == wanted for base, name in module_imports(tree, path)):
            return True
    return False


def _drop_tests_of_lost_statuses(texts, index, fp: Footprint, cloning: Cloning, dropped, reasons) -> None:
    """Cloned tests asserting a status only dropped code raised go (see lost_statuses)."""
    exemplar, clone = [], []
    for _, _, path, func in fp.routes:
        for text, name, into in (
            (texts.original.get(path) or (index.root / path).read_text(encoding="utf-8"), func, exemplar),
            (texts.read(_new_path(path, cloning)) or texts.read(path) or "", rename_text(func, fp.names, cloning.new), clone),
        ):
            # `parsed`: the same two modules for each route, and the exemplar's for each resource of a batch
            into += [n for n in parsed(text).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name]
    lost = lost_statuses(exemplar, clone) if exemplar and len(clone) >= len(exemplar) else set()
    if not lost:
        return
    for path in [p for p in texts.current if is_test_path(p) and p.endswith(".py")]:
        old = texts.original.get(path)
        keep = {n.name for n in parsed(old).body if hasattr(n, "name")} if old else set()
        found = tests_asserting(texts.read(path) or "", lost, keep)
        if found:
            new = visit(parse_module(texts.read(path) or ""), DropDefinitions(set(found))).code
            texts.write(path, new, "tests of answers the clone no longer gives dropped")
            dropped |= set(found)
            reasons.update({name: f"asserts {status}, which only dropped code answered" for name, status in found.items()})


def _clone_units(texts, path, names, cloning, fmt, first_party, enum_users, dropped, reasons, formatted_later=False) -> None:
    text = texts.read(path)
    if text is None:
        return
    needed: list[Import] = []
    new = edit_sliced(
        text,
        # the units, and whatever already spells the new name (a clash, or a clone in place)
        lambda node, chunk: bool(set(top_level_names(node)) & names) or spells(cloning.new, chunk),
        lambda code: _clone_units_in(code, text, path, names, cloning, enum_users, dropped, reasons, needed, formatted_later),
        imports=False,
    )
    if needed:  # the imports the clones need, placed among all of the module's own
        new = edit_imports(new, lambda code: add_imports(parse_module(code), needed, fmt, first_party).code)
    if new != text:
        texts.write(path, new, "cloned " + ", ".join(sorted(names)))


def _clone_units_in(
    code, text, path, names, cloning, enum_users, dropped, reasons, needed: list[Import], formatted_later: bool = False
) -> str:
    """`code` (the module's text, or the statements of it that mention the units) with the clones
    of the units `names` right after the last of them; `text` is the whole module, its style.
    The imports the clones need are added to `needed`, not to `code`: placing them needs every
    import of the module, the clones only the units and what spells the new name."""
    module = parse_module(code)
    existing = set()
    picked: list[int] = []
    for i, stmt in enumerate(module.body):
        bound = _bound(stmt)
        existing |= bound
        if bound & names:
            picked.append(i)
    if not picked:
        return code
    block = cst.Module(body=[module.body[i] for i in picked])
    cloned = clone_code(block.code, cloning, text, path, False, frozenset(dropped), formatted_later=formatted_later)
    clones = [s for s in parse_module(cloned.code).body if _bound(s)]
    taken = sorted(set().union(*(_bound(s) for s in clones)) & existing) if clones else []
    if taken and not cloning.completing:
        # the new resource is not there, yet its names are: they mean something else here
        raise ConventionError(f"{path}: {', '.join(taken)} already defined; pick another resource name")
    new_stmts = [s for s in clones if not (_bound(s) & existing)]
    if not new_stmts:
        return code
    dropped |= cloned.dropped
    reasons.update(cloned.reasons)
    body = list(module.body)
    at = picked[-1] + 1
    gap = module.body[picked[-1]].leading_lines if len(picked) > 1 else _two_blank()
    new_stmts = [s.with_changes(leading_lines=module.body[picked[0]].leading_lines or gap) if i == 0 else s for i, s in enumerate(new_stmts)]
    body[at:at] = new_stmts
    new = module.with_changes(body=body)
    needed += used_imports(cloned.imports, cloned.code)
    for name in cloned.enums:
        enum_users.setdefault(name, set()).add(path)
    return new.code


def _complete(texts, target: str, cloned: str, source_path: str, fmt, first_party) -> None:
    """Append to `target` the cloned definitions it does not have, with the imports they use."""
    text = texts.read(target) or ""
    try:
        module = parse_module(text)
    except cst.ParserSyntaxError as exc:
        raise TargetError(f"{target}:{exc.raw_line}: cannot parse: {exc.message}") from None
    existing = set().union(*(_bound(s) for s in module.body)) if module.body else set()
    clone = parse_module(cloned)
    missing = [s for s in clone.body if _bound(s) and not _bound(s) & existing]
    if not missing:
        return
    code = cst.Module(body=missing).code
    imports = used_imports(_imports_of(clone), code)
    missing = [m.with_changes(leading_lines=_two_blank()) for m in missing]
    new = module.with_changes(body=[*module.body, *missing])
    new = add_imports(new, imports, fmt, first_party)
    texts.write(target, new.code, f"completed from {source_path}")


def _imports_of(module: cst.Module) -> list[Import]:
    out = []
    for stmt in module.body:
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                dots = "." * len(small.relative)
                base = cst.helpers.get_full_name_for_node(small.module) if small.module else ""
                for alias in small.names:
                    out.append(Import(dots + (base or ""), alias.evaluated_name, alias.evaluated_alias))
            elif isinstance(small, cst.Import):
                for alias in small.names:
                    out.append(Import(alias.evaluated_name, None, alias.evaluated_alias))
    return out


def _move(texts, exemplar_router: str, default: str, placed: str) -> None:
    """The router module cloned into `placed` instead of `default`: imports of it follow, and
    its relative imports are rebased."""
    old, new = module_name(default), module_name(placed)
    for path in list(texts.current):
        text = texts.read(path) or ""
        if path == placed:
            rebase = Rebase(module_name(exemplar_router).rpartition(".")[0], new.rpartition(".")[0])
            rebased = visit(parse_module(text), rebase).code
            if rebased != text:
                texts.write(path, rebased, "relative imports rebased")
        elif old in text or old.rpartition(".")[0] in text:
            updated = visit(parse_module(text), MoveModule(old, new)).code
            if updated != text:
                texts.write(path, updated, f"imports {new}")


def _model_home(fp: Footprint, model: ExistingModel | None, target_of) -> str | None:
    """Where the existing model lives when that is not where the clone of the exemplar's model
    module goes (`Warehouse` beside `Supplier` in src/suppliers/models.py): none of the clone's
    modules may define it again (model_home.py). None where the clone writes it, or completes it."""
    if model is None or fp.model_path not in fp.files:
        return None  # a model module of many resources: the clone adds a class to it, or has it
    try:
        target = target_of(fp.model_path)
    except ConventionError:
        return None  # the loop says why
    return model.path if target != model.path else None


@dataclass(frozen=True)
class _ModelImports:
    """Imports of the model `name` from the module the clone did not write (`old`), from its home
    instead, placed by the import merger among the module's imports from the project."""

    name: str
    old: str
    home: str
    fmt: FormatStyle
    first_party: frozenset[str]

    def text(self, text: str, path: str) -> str:
        if path == self.home or not path.endswith(".py") or self.name not in text or self.old.rsplit(".", 1)[-1] not in text:
            return text
        take = TakeImport(self.name, self.old, module_name(path), path.endswith("__init__.py"))
        module = visit(parse_module(text), take)
        if not take.taken:
            return text
        imports = [Import(module_name(self.home), self.name, alias) for alias in take.taken]
        return add_imports(module, imports, self.fmt, self.first_party).code

    def texts(self, texts) -> None:
        for path in list(texts.current):
            text = texts.read(path) or ""
            pointed = self.text(text, path)
            if pointed != text:
                texts.write(path, pointed, f"imports {self.name} from {self.home}")


def _ahead_files(texts, index, fp: Footprint, cloning: Cloning, dropped: frozenset[str], target_of) -> AheadFiles:
    """The exemplar's files the loop in `build_clone_plan` clones, as `run_ahead` takes them: up to
    the first revision, or to the first whose new path cannot be derived (the loop says why)."""
    files = []
    for path in fp.files:
        if "/versions/" in f"/{path}":
            break
        try:
            target = target_of(path)
        except ConventionError:
            break
        files.append((texts.read(path) or "", target, (index.root / target).exists()))
    return AheadFiles(tuple(files), cloning, dropped)


def _emptied(source: str, cloned: str, fp: Footprint, spec: ResourceSpec, path: str) -> bool:
    """A module (not a test) that used the exemplar's model and whose clone no longer uses the new
    one did only the dropped fields' work, like a seed script finding a row by its name."""
    index = path.split("/")
    if any(part in ("tests", "test") for part in index[:-1]) or index[-1].startswith("test_"):
        return False
    uses = re.compile(rf"\b{re.escape(fp.model)}\b")
    return bool(uses.search(source)) and not re.search(rf"\b{re.escape(spec.names.pascal)}\b", cloned)


def _tests_from_routes(texts, index, fp: Footprint, cloning: Cloning, spec: ResourceSpec, conv: Conventions) -> str:
    """The exemplar has no tests: the clone's are written from the routes it serves."""
    router = _new_path(fp.routes[0][2], cloning)
    code = texts.read(router)
    directory = conv.tests.module_directory or conv.tests.directory
    if code is None or directory is None:
        return "no tests: the project has no test directory"
    target = f"{directory}/test_{spec.names.plural_snake}.py"
    if texts.read(target) is not None:
        return f"{target} already exists; left alone"
    routes = [r for r in routes_of(code, conv.auth.dependency, conv.auth.param) if r.function in {rename_text(f, fp.names, spec.names) for *_, f in fp.routes}]
    app = app_instance(index, conv.app.factory) if conv.app.factory else (
        (conv.app.module, conv.app.variable) if conv.app.module and conv.app.variable else None
    )
    text, note = write_tests(routes, spec.names, spec.fields, module_name(router), app, conv.tests, fp.key[1])
    if text is not None:
        text = format_code(text, cloning.fmt) if cloning.fmt else text
        texts.write(target, text, "written from the routes (the exemplar has no tests)", baseline=text)
    return note


def _revision_from_shared(texts, index, fp: Footprint, cloning: Cloning, spec: ResourceSpec, dropped, migrations, table) -> None:
    """The exemplar's table created in a revision shared with other tables: its part of it, cloned
    into a revision of its own on top of the head."""
    pattern = re.compile(rf"create_table\(\s*(['\"]){re.escape(fp.table)}\1")
    creating = [p for p in _revision_order(index, texts, None) if pattern.search(texts.read(p) or "")]
    if not creating or _creates_table_already(index, creating[0], texts.read(creating[0]) or "", fp, spec):
        return
    path = creating[0]  # the first alembic runs; the later ones altered the table since
    altered = table_as_altered(texts.read(path) or "", _later_revisions(index, texts, path), fp.table)
    source = visit(parse_module(altered), KeepTable(fp.table)).code
    old_id = _assigned(source, "revision") or "0"
    directory = path.rsplit("/", 1)[0]
    target = f"{directory}/{old_id}_create_{spec.names.plural_snake}.py"
    cloned = clone_code(source, cloning, source, target, True, frozenset(dropped))
    code = re.sub(r'\A(\s*[rR]?""")[^\n]*', rf"\g<1>Create {spec.names.plural_snake}", cloned.code, count=1)
    code, target = _revision(index, path, target, _retabled(code, table), migrations)
    code = visit(parse_module(code), RevisionOps(spec.names, cloning.fields.added, _sa_prefix(code))).code
    renamed = rename_text(source, fp.names, spec.names)
    texts.write(target, code, f"the {fp.table} part of {path}, cloned", baseline=renamed, habit=(source, path))


def _refuse_lost_operations(fp: Footprint, spec: ResourceSpec, dropped, reasons, methods) -> None:
    """Stop where the clone lost an operation of the exemplar that was asked for (all of them by
    default): its route went with the dropped fields' code (fields passed one by one to code
    that knows only them), and the resource would answer 405 where the exemplar answers."""
    lost = []
    for method, path, _, func in fp.routes:
        op = op_of_route(method.lower(), own_path(path, fp.names))
        if op in fp.ops and (methods is None or op in methods) and rename_text(func, fp.names, spec.names) in dropped:
            lost.append((op, rename_text(func, fp.names, spec.names)))
    if lost:
        op, func = lost[0]
        why = reasons.get(func, "used only by dropped code")
        ops = ", ".join(dict.fromkeys(o for o, _ in lost))
        raise ConventionError(
            f"cloning {fp.model} would lose its {ops} ({func}: {why}); "
            f"pick another exemplar with --like, or --methods without {ops}"
        )


def _creates(text: str, table: str) -> bool:
    """Whether the revision's text creates `table`."""
    return re.search(rf"create_table\(\s*(['\"]){re.escape(table)}\1", text) is not None


def _creates_alone(text: str, table: str) -> bool:
    """Whether the revision's text creates `table` and no other: the exemplar's own, cloned
    whole (one shared with other tables gives its part: `_revision_from_shared`)."""
    created = {m.group(2) for m in re.finditer(r"create_table\(\s*(['\"])(\w+)\1", text)}
    return created == {table}


def _revision_order(index: ProjectIndex, texts, directory: str | None) -> list[str]:
    """The revisions of `directory` (None: every versions directory) in the order alembic runs
    them, parents first; those whose links cannot be read go last, by path."""
    links: dict[str, tuple[str, tuple[str, ...]]] = {}  # id -> (path, parents)
    unread = []
    for p in index.files:
        inside = p.rsplit("/", 1)[0] == directory if directory is not None else "/versions/" in f"/{p}"
        if not inside or p.endswith("__init__.py"):
            continue
        try:
            rid, parents = revision_links(parsed(texts.read(p) or ""))
        except SyntaxError:
            rid, parents = None, ()
        if rid:
            links[rid] = (p, parents)
        else:
            unread.append(p)
    order: list[str] = []
    done: set[str] = set()
    todo = sorted(links, key=lambda r: links[r][0])
    while todo:
        ready = [r for r in todo if all(q in done or q not in links for q in links[r][1])]
        if not ready:  # a cycle: the rest by path
            ready = todo
        for r in ready:
            order.append(links[r][0])
            done.add(r)
        todo = [r for r in todo if r not in done]
    return order + sorted(unread)


def _later_revisions(index: ProjectIndex, texts, path: str) -> list[tuple[str, str]]:
    """(path, text) of each revision alembic runs after `path`, in that order."""
    order = _revision_order(index, texts, path.rsplit("/", 1)[0])
    later = order[order.index(path) + 1 :] if path in order else []
    return [(p, texts.read(p) or "") for p in later]


def _default_table(index: ProjectIndex, fp: Footprint, spec: ResourceSpec) -> tuple[str, str] | None:
    """(renamed, actual) where the exemplar's table is SQLModel's default, its class name lower
    cased with no `__tablename__`: the clone's model has none either, so its table is the new
    class name lower cased (`auditnote`), not the exemplar's table renamed (`audit_note`)."""
    model = next((m for m in model_classes(index) if m.name == fp.model and m.module.path == fp.model_path), None)
    if model is None or model.kind != "sqlmodel" or declared_table(model) is not None:
        return None
    renamed, actual = rename_text(fp.table, fp.names, spec.names), spec.names.pascal.lower()
    return (renamed, actual) if renamed != actual else None


def _retabled(code: str, table: tuple[str, str] | None) -> str:
    """The revision with the renamed table (quoted, and in index names) as the model's actual one."""
    if table is None:
        return code
    renamed, actual = table
    code = re.sub(rf"""(['"]){re.escape(renamed)}\1""", rf"\g<1>{actual}\g<1>", code)
    return re.sub(rf"""(['"]ix_){re.escape(renamed)}_""", rf"\g<1>{actual}_", code)


def _creates_table_already(index, path: str, source: str, fp: Footprint, spec: ResourceSpec) -> bool:
    """Whether a revision beside `path` already creates the table of the new resource."""
    found = re.search(r"create_table\(\s*(['\"])([^'\"]+)\1", source) if fp.table not in source else None
    table = rename_text(found.group(2) if found else fp.table, fp.names, spec.names)
    directory = path.rsplit("/", 1)[0]
    pattern = re.compile(rf"create_table\(\s*(['\"]){re.escape(table)}\1")
    return any(
        p.startswith(directory + "/") and pattern.search((index.root / p).read_text(encoding="utf-8"))
        for p in index.files
        if p.endswith(".py")
    )


def _sa_prefix(code: str) -> str:
    """How a revision names sqlalchemy (`import sqlalchemy as sa`)."""
    found = re.search(r"^import sqlalchemy as (\w+)", code, re.M)
    return found.group(1) if found else "sqlalchemy"


def _two_blank() -> list[cst.EmptyLine]:
    return [cst.EmptyLine(), cst.EmptyLine()]


def _bound(stmt: cst.CSTNode) -> set[str]:
    """The names a top-level statement defines, as `top_level_names` reads them from `ast`: a
    def's or class's name, the plain names an assignment binds."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return {stmt.name.value}
    out: set[str] = set()
    for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
        if isinstance(small, cst.Assign):
            out |= {t.target.value for t in small.targets if isinstance(t.target, cst.Name)}
        elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
            out.add(small.target.value)
    return out


def _place_enums(texts, enums, enum_users, spec, fmt, first_party, style: str = "str_enum", model=None) -> None:
    """Define each new enum (and object sub-model) once, in the model's module where it is used
    there, and import it where else it is used. An enum the existing model already has is
    imported from the model's module (under the clone's name where the two differ)."""
    fields = {enum_class_name(spec.names, f): f for f in spec.fields if f.type in ("enum", "object", "union")}
    for name, home in enums.items():
        field = fields[name]
        if model is not None and field.name in model.enum_classes:
            real = model.enum_classes[field.name]
            imp = Import(module_name(model.path), real, None if real == name else name)
            for user in sorted(enum_users[name]):
                updated = add_imports(parse_module(texts.read(user) or ""), [imp], fmt, first_party)
                texts.write(user, updated.code, f"imports {real} from {model.path}")
            continue
        text = texts.read(home) or ""
        module_style = ModuleStyle.of(text)
        if field.type == "union":  # its variants' classes, then the alias the field is typed with
            written = union_classes(spec.names, field, module_style.optional, module_style.field_module)
        elif field.type == "object":
            written = member_class(spec.names, field, module_style.optional, module_style.field_module)
        else:
            written = enum_class(spec.names, field, style)
        module = parse_module(text)
        body = list(module.body)
        at = next((i for i, s in enumerate(body) if isinstance(s, cst.ClassDef) and name not in _bound(s)), len(body))
        stmts = [s.with_changes(leading_lines=_two_blank()) for s in parse_module(written.code).body]
        body[at:at] = stmts
        new = add_imports(module.with_changes(body=body), list(written.imports), fmt, first_party)
        texts.write(home, new.code, f"{'enum' if field.type == 'enum' else 'sub-model'} {name}")
        for user in enum_users[name] - {home}:
            user_text = texts.read(user) or ""
            imp = Import(module_name(home), name)
            updated = add_imports(parse_module(user_text), [imp], fmt, first_party)
            texts.write(user, updated.code, f"imports {name}")


def _owned_paths(footprints) -> set[str]:
    return {p for f in footprints for p in f.files}


def _resource_definitions(index, footprints) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in footprints:
        for unit in f.units:
            out.setdefault(unit.path, set()).add(unit.name)
    return out


# (path, text, wired text, names the wiring imported)
Wiring = tuple[str, str, str, list[str]]


class Wirings:
    """The modules the exemplar may be wired into (path, and whether it is another resource's),
    each wired in for the new resource by `make(texts, path, owned)` (`_wiring`). A module's
    wiring depends on its text alone: it is made as soon as the units are cloned, while the
    exemplar's files run on the other core (`ahead`), and made again only for the modules a
    later stage changed since (`now`)."""

    def __init__(self, paths: list[tuple[str, bool]], make: Callable[[Any, str, bool], Wiring | None]):
        self.paths, self.make = paths, make
        self._made: dict[str, tuple[str | None, Wiring | None]] = {}
        self._judged: Future[object] | None = None

    def ahead(self, texts) -> None:
        """Each module's wiring made from its text as it is now. One that cannot be made (a
        module that does not parse) is left to `now`, which says so in its turn. What
        `_write_wirings` asks ruff of them is asked meanwhile."""
        for path, owned in self.paths:
            try:
                self._made[path] = (texts.read(path), self.make(texts, path, owned))
            except CrudToolError:
                continue
        # all the F rules, though the wiring asks F401: the plan's check asks them of the same
        # texts (a batch's shared modules are written as wired) and finds them answered
        self._judged = started(prefetch_findings, _gained([w for _, w in self._made.values() if w is not None]), "F")

    def texts(self) -> list[str]:
        """The wired texts `ahead` made."""
        return [made[1][2] for made in self._made.values() if made[1] is not None]

    def wired(self) -> list[str]:
        """The paths of the modules `ahead` wired."""
        return [path for path, made in self._made.items() if made[1] is not None]

    def now(self, texts) -> list[Wiring]:
        """The wiring of each module that wires the exemplar in, from its text as it is now."""
        if self._judged is not None:  # its answers are found again, or its error met, where they are asked
            wait([self._judged])
        out = []
        for path, owned in self.paths:
            made = self._made.get(path)
            wiring = made[1] if made is not None and made[0] == texts.read(path) else self.make(texts, path, owned)
            if wiring is not None:
                out.append(wiring)
        return out


def _wirings(index: ProjectIndex, fp: Footprint, footprints, cloning: Cloning) -> Wirings:
    """The modules outside the exemplar's own that may wire it in, to be wired (`Wirings`)."""
    owned = _owned_paths(footprints)
    patterns = tuple(spelling_pattern(f.names) for f in footprints)
    skip = _resource_definitions(index, footprints)
    paths = []
    for path in index.files:
        if path in fp.files or (index.get(path) is None and not index.is_imported(path)):
            # a module that does not decode or parse and that nothing imports is dead (a backup
            # copy): never ours to wire. One the project imports is refused where it needs wiring.
            continue
        # another resource's module is its own code, but for its registries (a permission enum
        # kept in the users package); its tests are about it alone
        if path in owned and (is_test_path(path) or not _has_registry(index.get(path), cloning.old, patterns)):
            continue
        paths.append((path, path in owned))
    return Wirings(paths, lambda texts, path, owned: _wiring(texts, path, cloning, skip.get(path, set()), patterns, owned))


def _wiring(
    texts, path, cloning: Cloning, skip: set[str], patterns, registries_only: bool = False
) -> Wiring | None:
    """(path, text, wired text, names the wiring imported) where the module wires the exemplar
    in: the new resource is wired in beside it. `registries_only`: the module is another
    resource's; only the registries in it are wired (see WireIn)."""
    text = texts.read(path)
    if text is None or not re.search(cloning_pattern(cloning), text):
        return None
    if "/versions/" in f"/{path}" and re.search(r"^def upgrade\(", text, re.M):
        return None  # a revision is history: the new table gets a revision of its own
    old = spelling_pattern(cloning.old)
    wires: list[WireIn] = []

    def wired(code: str) -> str:
        try:
            module = parse_module(code)
        except cst.ParserSyntaxError as exc:
            raise TargetError(f"{path}:{exc.raw_line}: cannot parse: {exc.message}") from None
        references = frozenset(f.fk_target for f in cloning.fields.new if f.fk_target) | cloning.linked
        paired = {a: b for a, b in cloning.fields.renames}  # the stand-ins are the clone's own
        wires.append(WireIn(cloning.old, cloning.new, skip, cloning.url_style, patterns, references, registries_only, paired))
        return wires[-1].module_code(visit(module, wires[-1]))

    def needed(node: ast.stmt, chunk: str) -> bool:
        if not (spells(cloning.old, chunk) or spells(cloning.new, chunk)):
            return False
        if isinstance(node, ast.ClassDef) and is_registry(node.name, _members(node), old, patterns):
            return True  # WireIn gives the new resource its member there
        if registries_only:
            return isinstance(node, (ast.Import, ast.ImportFrom))  # the lines a registry's member may need
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or old.search(node.name):
            return True  # a definition spelling the exemplar is a name wiring may refer to
        # WireIn never looks into another class, nor into a function of some resource
        return not (isinstance(node, ast.ClassDef) or node.name in skip or any(p.search(node.name) for p in patterns))

    # WireIn extends or repeats the import lines that spell the exemplar and adds none elsewhere:
    # the other imports of a registry module (one per resource) need not be parsed
    new = edit_sliced(text, needed, wired, imports=False)
    if registries_only and not any(w.registered for w in wires):
        return None  # no registry of it gained a member: its import lines need none either
    return None if new == text else (path, text, new, wires[-1].added)


def _resolving(texts, index: ProjectIndex, wirings, notes: list[str], moved=None) -> list:
    """The wirings whose added imports resolve, once the clone is written: a twin of a name of
    the exemplar's that nothing of the clone defines (`GET_ROLE_USERS_DOC` renamed, a document
    of another resource's route that happens to spell the exemplar) is no wiring of the new
    resource; the module is left as it is, said in a note. One module's wiring may import
    another's (a conftest importing the model the models package re-exports): a wiring left out
    leaves out those importing from it, until none is."""
    kept = list(wirings)
    while True:
        planned = [*texts.edits(), *(FileEdit(path, text, new) for path, text, new, _ in kept)]
        if moved is not None:  # the router is written where --into puts it, wired where it was: moved after
            planned.append(FileEdit(moved[0], None, ""))
        # a name imported from a module the plan changes too is that module's wiring's (the models
        # package re-exporting the new model): only those imported from elsewhere can dangle
        changed = {module_name(e.path) for e in planned}
        judged = frozenset(
            path for path, _, new, added in kept if added and not _import_sources(new, added) <= changed
        )
        unresolved = unresolved_imports(planned, index, judged=judged) if judged else {}
        if not unresolved:
            return kept
        notes += [f"not wired: {path} ({why.split(': ', 1)[-1]})" for path, why in unresolved.items()]
        kept = [w for w in kept if w[0] not in unresolved]


def _import_sources(code: str, names) -> set[str]:
    """The modules `code`'s `from X import ...` lines import any of `names` from (a relative
    import stands for itself: never among the changed modules, so always judged)."""
    wanted = set(names)
    return {
        m.group(1)
        for m in re.finditer(r"^\s*from\s+([\w.]+)\s+import\s+(\([^)]*\)|[^\n]*)", code, re.M)
        if wanted & set(re.findall(r"\w+", m.group(2)))
    } | ({"."} if re.search(r"^\s*from\s+\.", code, re.M) else set())


def _has_registry(info, old, patterns) -> bool:
    """Whether the module (as detection read it) holds a registry of the exemplar: a class
    keeping a member per resource, or a top-level literal naming it (read once per module, so
    another resource's modules cost no libcst pass when they hold none)."""
    if info is None:
        return False
    # what of the module spells the exemplar where a registry would is told once per module, for
    # every resource of a batch that clones the same exemplar: most (another resource's modules)
    # hold nothing, and only the other resources' spellings change from resource to resource
    literal, classes = info.fact(("spells the exemplar where a registry would", old), lambda: _registry_candidates(info, old))
    pattern = spelling_pattern(old)
    return literal or any(is_registry(c.name, _members(c), pattern, patterns) for c in classes)


def _registry_candidates(info, old) -> tuple[bool, tuple[ClassMembers, ...]]:
    """Whether a top-level literal spells the exemplar, and the top-level classes with a member
    that does: a registry of it has such a member (`is_registry`), whatever the other resources are."""
    pattern = spelling_pattern(old)
    classes = tuple(c for c in top_level_classes(info) if any(pattern.search(m) for m in _members(c)))
    return any(spells(old, text) for text in collection_literals(info)), classes


def _members(cls: ClassMembers | ast.ClassDef) -> list[str]:
    """The members a registry would keep per resource (`registry_members`): an enum's, or
    another class's accessors."""
    if isinstance(cls, ast.ClassDef):
        cls = class_members(cls)
    return registry_members(cls.is_enum, list(cls.members))


def _write_wirings(texts, wirings: list[tuple[str, str, str, list[str]]], cloning: Cloning) -> None:
    """Each wiring written, in order; an import it added that the module does not use (a
    registry imported for its side effect) goes, unless the module had unused imports before.
    The modules that gained imports are checked in one ruff run."""
    prefetch_findings(_gained(wirings), "F")  # F401 read off them (see Wirings.ahead)
    for path, text, new, added in wirings:
        if added and not path.endswith("__init__.py"):
            unused = [f for f in pyflakes(new, path, "F401") if any(f"`{n}`" in f.message or f"{n}`" in f.message for n in added)]
            if unused and not pyflakes(text, path, "F401"):
                new = fix_unused(new, path)
        if new != text:
            texts.write(path, new, f"wired in like {cloning.old.pascal}")


def _gained(wirings: list[Wiring]) -> list[tuple[str, str]]:
    """(wired text, path) of each module (but a package's `__init__`) the wiring added imports to."""
    return [(new, path) for path, _, new, added in wirings if added and not path.endswith("__init__.py")]


def _back_relations(texts, footprint: Footprint, cloning: Cloning) -> None:
    """The reverse side of the clone's relationships, on the models it points at."""
    text = texts.read(footprint.model_path)
    if text is None or not re.search(cloning_pattern(cloning), text):
        return
    transformer = BackRelations(cloning.old, cloning.new, {footprint.model}, cloning.url_style)
    new = visit(parse_module(text), transformer).code
    if new != text:
        texts.write(footprint.model_path, new, f"relationship to {cloning.new.pascal}")


def cloning_pattern(cloning: Cloning) -> str:
    return spelling_pattern(cloning.old).pattern


def _revision(index: ProjectIndex, path: str, target: str, code: str, migrations: MigrationsFinding | None) -> tuple[str, str]:
    """A cloned Alembic revision gets its own id on top of the current head, and the file name
    alembic would give it: where alembic.ini names files by date, dated now (`revision_files`)."""
    directory = path.rsplit("/", 1)[0]
    links, stems = [], {}
    for p in index.files:
        if p.startswith(directory + "/") and p.count("/") == directory.count("/") + 1:
            try:
                link = revision_links(parsed((index.root / p).read_text(encoding="utf-8")))
            except SyntaxError:
                continue
            links.append(link)
            stems[link[0]] = p.rsplit("/", 1)[1][:-3]
    heads = revision_heads(links)
    if len(heads) != 1:
        raise ConventionError(f"alembic has {len(heads)} heads in {directory}; merge them first")
    head = heads[0]
    old_id = _assigned(code, "revision") or ""
    name = target.rsplit("/", 1)[1]
    rest = name[len(old_id):] if old_id and name.startswith(old_id) else re.sub(r"^\d+", "", name)
    numbered = re.fullmatch(r"(\d+)(_\w+)?", head)
    if numbered and (not numbered[2] or stems.get(head) == head):
        number = str(int(numbered[1]) + 1).zfill(len(numbered[1]))
        # `0007_add_index`: ids named like their files go on so, the file's name after the number
        new_id = number + rest[:-3] if numbered[2] else number
    else:
        new_id = hashlib.sha1(f"{head}:{target}".encode()).hexdigest()[: max(len(old_id), 12)]
    code = re.sub(rf"(['\"]){re.escape(old_id)}\1", rf"\g<1>{new_id}\g<1>", code, count=0)
    code = code.replace(f"Revision ID: {old_id}", f"Revision ID: {new_id}")
    code = _with_down_revision(code, head)
    code = re.sub(r"^Revises:[^\n]*$", f"Revises: {head}", code, count=1, flags=re.M)
    template = migrations.file_template if migrations is not None else None
    if is_dated(template):
        assert template is not None and migrations is not None
        when = revision_time()
        named = file_name(template, new_id, _message(code) or name[:-3], when, migrations.slug_length)
        if named is not None and "/" not in named:
            return _dated(code, when), f"{directory}/{named}"
    if old_id and name.startswith(old_id) or re.match(r"^\d+", name):
        name = new_id + rest if not numbered or not numbered[2] else new_id + ".py"
    return code, f"{directory}/{name}"


def _message(code: str) -> str | None:
    """The revision's message: its docstring's first line, as alembic's script writes it."""
    try:
        doc = ast.get_docstring(parsed(code), clean=False)
    except SyntaxError:
        return None
    return doc.strip().splitlines()[0] if doc and doc.strip() else None


def _dated(code: str, when) -> str:
    """The docstring's `Create Date:` (alembic's header) set to `when`."""
    return re.sub(r"^(Create Date:[ \t]*)[^\n]*$", lambda m: f"{m[1]}{when}", code, count=1, flags=re.M)


def _with_down_revision(code: str, head: str) -> str:
    """`code` with its down_revision set to `head`, whatever it was: None, an id, or the tuple of
    a merge revision (written over several lines, maybe), in the quotes its revision id uses."""
    stmt = next(
        (
            s for s in parsed(code).body
            if (isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "down_revision" for t in s.targets))
            or (isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and s.target.id == "down_revision" and s.value)
        ),
        None,
    )
    if stmt is None or stmt.value is None:
        return code
    quote = '"' if re.search(r'^revision\b[^=\n]*=\s*"', code, re.M) else "'"
    value = stmt.value
    lines = code.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    # ast's columns count UTF-8 bytes; these lines hold identifiers and ids, plain ASCII
    begin = offsets[value.lineno - 1] + value.col_offset
    end = offsets[value.end_lineno - 1] + value.end_col_offset
    return code[:begin] + f"{quote}{head}{quote}" + code[end:]


def _assigned(text: str, name: str) -> str | None:
    match = re.search(rf"^{name}\b[^=\n]*=\s*['\"]([^'\"]+)['\"]", text, re.M)
    return match.group(1) if match else None
