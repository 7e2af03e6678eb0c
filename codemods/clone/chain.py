"""The transformer chain applied to every piece of exemplar code, in order.

1. rename: the exemplar's name in every spelling becomes the new one (identifiers, strings, comments);
2. field renames: paired fields take their new names;
3. field edits: field-listing constructs drop and gain fields (needs 2: it matches new names),
   then field limits narrow the bounded ones (`str(3..80)`, `int(1..)`);
4. extras: code tied to dropped fields goes (needs 3: payload keys are gone by then);
5. hardening: where the exemplar lets a bad request reach the database (an id past the key's
   range, null for a NOT NULL column in a PATCH), the clone answers 422 instead;
6. unused: imports and locals only the dropped code used go (ruff's own fixes; needs 4).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import libcst as cst

from codemods.check import fix_unused, fix_unused_all, prefetch_findings, pyflakes
from codemods.clone.bounded_params import INT32, BoundedParams
from codemods.clone.empty_updates import send_kept_field
from codemods.clone.enum_values import EnumValues
from codemods.clone.extras import drop_extras
from codemods.clone.field_limits import FieldLimits
from codemods.clone.field_map import FieldMap
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.clone.key_swap import KeySwap
from codemods.clone.null_guard import NullGuard
from codemods.clone.rename_fields import FieldRenamer
from codemods.errors import TargetError
from codemods.formatting import FormatStyle, format_code, format_modules
from codemods.imports import Import, add_imports, imported_names, library_names, used_imports, with_imports
from codemods.names import ResourceNames, Spelling, spelling_pattern
from codemods.parsing import parse_module
from codemods.plan import FileEdit
from codemods.rename import renamer
from codemods.visit import visit
from detectors.project import is_test_path


@dataclass(frozen=True)
class Hardening:
    """What the clone adds where the exemplar lets a bad request reach the database."""

    int_range: tuple[str, str] = INT32  # the smallest and the largest key the key column holds
    update_schema: str = ""  # the clone's update schema
    required: frozenset[str] = frozenset()  # its NOT NULL columns
    pydantic_version: int = 2


@dataclass(frozen=True)
class Cloning:
    """Everything the chain needs, decided once per run."""

    old: ResourceNames
    new: ResourceNames
    fields: FieldMap
    url_style: str
    fk_tables: dict[str, str] = field(default_factory=dict)
    others: tuple[Spelling, ...] = ()  # the other resources' spellings
    fmt: FormatStyle | None = None
    linked: frozenset[str] = frozenset()  # models the clone keeps a foreign key to
    unlinked: frozenset[str] = frozenset()  # models the exemplar had a foreign key to, the clone not
    key: tuple[str, str] = ("id", "int")  # the primary key: lookups by a dropped field use it
    completing: bool = False  # the new resource's model exists: what is there is its own
    fk_keys: dict[str, str] = field(default_factory=dict)  # model -> kind of its primary key
    hardening: Hardening | None = None
    first_party: frozenset[str] = frozenset()  # the project's own top-level packages; empty: unknown
    modules: frozenset[str] = frozenset()  # the project's module names (`app.models`); empty: unknown
    digits: str = "none"  # how an optional decimal's digits are bounded (field_code.OPTIONAL_DIGITS)


@dataclass(frozen=True)
class Cloned:
    code: str
    imports: tuple[Import, ...]  # what added field code needs beyond the module's imports
    enums: frozenset[str]  # enum classes the added fields use
    dropped: frozenset[str]  # definitions dropped with fields the new resource lacks
    reasons: tuple[tuple[str, str], ...] = ()  # (dropped definition, why)
    # (code, that code with its imports placed: `with_imports`), where the copy running the
    # exemplar's files placed them (`finish_ahead`): derived from the rest, no part of its value
    placed: tuple[str, str] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CloneJob:
    """One piece of exemplar code to clone: `code`, from the module whose text is `context` (its
    style), for the module at `path`; `dropped_elsewhere` names definitions the chain dropped in
    other modules."""

    code: str
    context: str
    path: str
    whole_module: bool
    dropped_elsewhere: frozenset[str] = frozenset()


def clone_code(
    code: str,
    cloning: Cloning,
    context: str,
    path: str,
    whole_module: bool,
    dropped_elsewhere: frozenset[str] = frozenset(),
    ahead: dict[CloneJob, Cloned] | None = None,
    formatted_later: bool = False,
) -> Cloned:
    """Run the chain over `code` (see CloneJob); `ahead` holds jobs run before, finished
    (`finish_ahead`). `formatted_later`: the module the code goes into is formatted whole once
    it is written (tidy.py), so the code is not formatted on its own first."""
    job = CloneJob(code, context, path, whole_module, dropped_elsewhere)
    if ahead is not None and job in ahead:
        return ahead[job]
    return _finished(job, transform(job, cloning), cloning, formatted_later)


def judge_exemplar(jobs: Iterable[CloneJob], cloning: Cloning) -> None:
    """What `finish_ahead` asks of the exemplar's own modules, in a ruff run each for all: whether
    each has unused names of its own, and whether it is formatted. It needs none of the clones,
    so the copy running them ahead asks it while it transforms them."""
    jobs = list(jobs)
    prefetch_findings([(job.context, _UNUSED_PATH) for job in jobs if _judged_unused(job)], _UNUSED)
    if cloning.fmt is not None:
        format_modules([job.code for job in jobs], cloning.fmt)


def finish_ahead(transformed: dict[CloneJob, Cloned], cloning: Cloning) -> dict[CloneJob, Cloned]:
    """Each transformed job finished, for `clone_code` to find done; the ruff work is done side
    by side first: a ruff run per module, one after another, cost more than the transforming."""
    judge_exemplar(transformed, cloning)  # asked already where the files were run ahead
    fixes = [job for job in transformed if _fixes_unused(job)]
    fix_unused_all([(transformed[job].code, job.path) for job in fixes])
    if cloning.fmt is not None:
        fixed = {job: fix_unused(transformed[job].code, job.path) for job in fixes}
        texts = [fixed.get(job, t.code) for job, t in transformed.items() if _formatted(job.code, cloning.fmt)]
        format_modules(texts, cloning.fmt)
    done = {job: _finished(job, t, cloning) for job, t in transformed.items()}
    # placing a whole module's imports is the next thing done with it (a revision's first gets its
    # id and columns): done here, it is done on the copy's core
    return {
        job: replace(c, placed=(c.code, with_imports(c.code, c.imports, cloning.fmt, cloning.first_party)))
        if job.whole_module and "/versions/" not in f"/{job.path}"
        else c
        for job, c in done.items()
    }


def transform(job: CloneJob, cloning: Cloning) -> Cloned:
    """Steps 1 to 5 of the chain: `code` is the module's text before ruff's fixes and formatting."""
    module = parse_module(job.code)
    module = visit(module, renamer(cloning.old, cloning.new, cloning.url_style))
    # names imported from libraries (`sa`, `UniqueConstraint`): what they name is no field
    library = (
        library_names(job.context, cloning.first_party, cloning.modules) if cloning.first_party else frozenset()
    )
    if cloning.fields.rename_table:  # with nothing to rename, its walk changes nothing
        module = visit(module, FieldRenamer(cloning.fields.rename_table, library, cloning.new))
    if cloning.key[1] in ("int", "str") and cloning.fields.dropped:
        module = visit(module, KeySwap(set(cloning.fields.dropped), *cloning.key))
    if cloning.fields.enum_changes:
        module = visit(module, EnumValues(cloning.fields.enum_changes, cloning.new.pascal))
    edits = FieldEdits(
        cloning.fields,
        cloning.new,
        ModuleStyle.of(job.context),
        cloning.fk_tables,
        fmt=cloning.fmt,
        others=cloning.others,
        linked=_patterns(cloning.linked),
        test_code=is_test_path(job.path),
        fk_keys=cloning.fk_keys,
        library=library,
        digits=cloning.digits,
    )
    module = visit(module, edits)
    limits = FieldLimits(  # needs 3: every field is in place under its new name
        {f.column_name: f for f in cloning.fields.new if f.limits is not None},
        ModuleStyle.of(job.context).field_module,
        test_code=is_test_path(job.path),
    )
    if limits.fields:
        module = visit(module, limits)
    module, dropped = drop_extras(
        module,
        set(cloning.fields.dropped),
        spelling_pattern(cloning.new),
        cloning.others,
        edits.touched,
        # a removed parameter's name means the parameter only inside its function: where an
        # import binds the same name (FastAPI's `status`), the module keeps that binding
        job.dropped_elsewhere | (edits.removed_params - imported_names(module)),
        _patterns(cloning.unlinked),
        library,
    )
    if cloning.fields.stand_ins:
        # what the drop left of a field asked anew is code the clone keeps (a loop's variable):
        # it spells the field as the exemplar did
        back = {b: a for a, b in cloning.fields.stand_ins}
        module = visit(module, FieldRenamer(back, library, cloning.new))
    imports = list(edits.imports) + limits.imports
    if edits.emptied:  # after the drop: the assertions left are about what the clone keeps
        module, sent = send_kept_field(module, frozenset(edits.emptied), cloning.fields, ModuleStyle.of(job.context).uuid4)
        imports += sent
    if cloning.hardening is not None:
        module, added = _harden(module, cloning.hardening, job.context)
        imports += added
    return Cloned(
        module.code, tuple(imports), frozenset(edits.enums), frozenset(dropped), tuple(sorted(dropped.items()))
    )


def _finished(job: CloneJob, transformed: Cloned, cloning: Cloning, formatted_later: bool = False) -> Cloned:
    """Step 6, and the project's formatting where the exemplar's code has it (and the module it
    goes into is not `formatted_later`: formatting is statement by statement, so the module
    formatted whole holds the code as formatting it alone would have left it)."""
    text = transformed.code
    if _fixes_unused(job):
        text = fix_unused(text, job.path)
    if cloning.fmt is not None and not formatted_later and _formatted(job.code, cloning.fmt):
        lead = text[: len(text) - len(text.lstrip("\n"))]
        text = lead + format_code(text, cloning.fmt)
    return replace(transformed, code=text)


def _fixes_unused(job: CloneJob) -> bool:
    """Whether step 6 runs: on a whole module that is no package's `__init__`, where the exemplar
    has no unused names of its own."""
    return _judged_unused(job) and not _has_unused(job.context)


def _judged_unused(job: CloneJob) -> bool:
    """Whether the job's module is one whose unused names step 6 removes (see `_fixes_unused`)."""
    return job.whole_module and not job.path.endswith("__init__.py")


def _harden(module: cst.Module, hardening: Hardening, context: str) -> tuple[cst.Module, list[Import]]:
    bounded = BoundedParams(
        hardening.int_range,
        annotated="Annotated[" in context and bool(re.search(r"\bAnnotated\[", context)),  # the words first: far faster
        path_free=not re.search(r"^from pathlib import .*\bPath\b|^Path\s*=", context, re.M),
    )
    module = visit(module, bounded)
    imports = bounded.imports
    if hardening.update_schema:
        guard = NullGuard(
            hardening.update_schema,
            set(hardening.required),
            hardening.pydantic_version,
            # a module of classes only (schemas) follows the project's annotated style
            typed=bool(re.search(r"\)\s*->", context)) or not re.search(r"^\s*def ", context, re.M),
        )
        module = visit(module, guard)
        imports += guard.imports
    return module, imports


def harden_created(
    edits: tuple[FileEdit, ...],
    required: frozenset[str],
    pydantic_version: int,
    fmt: FormatStyle,
    first_party: frozenset[str],
) -> tuple[FileEdit, ...]:
    """The same hardening for modules written from templates (created files only: in a module
    that existed, the routes beside ours are the project's). The update schema is the class the
    PATCH or PUT route takes."""
    classes = {
        stmt.name.value
        for e in edits
        if e.created and e.path.endswith(".py")
        for stmt in parse_module(e.new).body
        if isinstance(stmt, cst.ClassDef)
    }
    update = next((u for e in edits if e.created for u in _update_bodies(e.new) if u in classes), "")
    hardening = Hardening(update_schema=update, required=required, pydantic_version=pydantic_version)
    out = []
    for edit in edits:
        if edit.created and edit.path.endswith(".py") and not is_test_path(edit.path):
            module, imports = _harden(parse_module(edit.new), hardening, edit.new)
            if imports:
                text = add_imports(module, used_imports(imports, module.code), fmt, first_party).code
                edit = replace(edit, new=format_code(text, fmt))
        out.append(edit)
    return tuple(out)


def _update_bodies(code: str) -> list[str]:
    """Annotation names of the parameters of PATCH/PUT routes."""
    out = []
    for stmt in parse_module(code).body:
        if isinstance(stmt, cst.FunctionDef) and any(
            isinstance(d.decorator, cst.Call)
            and isinstance(d.decorator.func, cst.Attribute)
            and d.decorator.func.attr.value in ("patch", "put")
            for d in stmt.decorators
        ):
            out += [
                p.annotation.annotation.value
                for p in stmt.params.params
                if p.annotation is not None and isinstance(p.annotation.annotation, cst.Name)
            ]
    return out


def _patterns(models: frozenset[str]) -> tuple[Spelling, ...]:
    return tuple(spelling_pattern(n) for n in map(ResourceNames.parse_loose, sorted(models)) if n)


def _formatted(code: str, fmt: FormatStyle) -> bool:
    """Whether the exemplar's code is already as the project's formatter writes it."""
    try:
        return format_code(code, fmt).strip() == code.strip()
    except TargetError:
        return False


def _has_unused(text: str) -> bool:
    """Whether the exemplar, a module that is no package's `__init__`, already has unused names
    (then they are the project's, not ours). Outside an `__init__` the rules do not depend on the
    path: the exemplar's text is checked once, whichever resource a batch clones it for."""
    return bool(pyflakes(text, _UNUSED_PATH, select=_UNUSED))


# how `_has_unused` asks ruff: any module path outside an `__init__`, the unused-name rules
_UNUSED_PATH, _UNUSED = "module.py", "F401,F841"
