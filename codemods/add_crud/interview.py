"""The interview: in a terminal, ask in rounds for what the command line left open, then confirm the plan.

Each round is one entry of ROUNDS, asked in order: the resource and its operations, its fields,
auth and access control, then pagination, filters, sorting and caching. Each question offers the
detected default first, and a round skips any question whose option a flag or `[tool.add_crud]`
already decided.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import questionary
from rich.console import Console
from rich.markup import escape

from codemods.add_crud.cli import Settings
from codemods.add_crud.config import Origin
from codemods.clone.plan import choose_exemplar
from codemods.errors import CrudToolError
from codemods.option_values import (
    OPS,
    PAGINATION_STYLES,
    PRESETS,
    parse_auth,
    parse_cache,
    parse_filters,
    parse_methods,
    parse_pagination,
    parse_rbac,
)
from codemods.spec import parse_resource
from detectors import ProjectIndex, detect_conventions
from detectors.resources import Footprint, find_footprints

DETECTED = "(detected)"  # questionary takes a None value for "use the title", so a marker stands in
CUSTOM = "custom"
ASKED = "asked"


@dataclass(frozen=True)
class Answers:
    """The choices so far: the command line's, then each round's."""

    name: str
    like: str | None
    methods: tuple[str, ...] | None
    fields: tuple[str, ...]
    asked: tuple[Origin, ...] = ()
    from_model: str | None = None  # endpoints for a model that exists: its columns are the fields
    filters: str | None = None
    sort: str | None = None
    cache: str | None = None  # what the interview decided, said on stderr like flags are
    auth: str | None = None
    rbac: str | None = None
    pagination: str | None = None


@dataclass(frozen=True)
class Project:
    """What the rounds offer, read once from the project, and where they report."""

    footprints: tuple[Footprint, ...]  # the project's resources, as find_footprints orders them
    user_model: str | None
    decided: frozenset[str]  # option dests a flag or the config set: never asked
    auth: str  # the detected auth kind ("none" when the project has none), with its dependency
    rbac: str  # the detected access control: "none", "role" or "ownership", with its evidence
    pagination: str  # the detected list style: "cursor", "offset", "page" or "none"
    err: Console  # where a round says what went wrong before asking again


@dataclass(frozen=True)
class Round:
    """One round of questions: a stable key, a title shown before it, and how it asks."""

    key: str
    title: str
    ask: Callable[[Answers, Project], Answers]


def _ask_resource(answers: Answers, project: Project) -> Answers:
    """Round 1: the name if missing, the operations, and what the resource is cloned from."""
    name = answers.name or _text(
        "Resource name, in PascalCase (e.g. Order, LineItem):", _name_error
    )
    asked = list(answers.asked)
    if not answers.name:
        asked.append(Origin("name", name, ASKED))
    methods = answers.methods
    if "methods" not in project.decided:
        preset = questionary.select(
            "Operations:",
            choices=[
                questionary.Choice(f"{key}: {', '.join(ops)}", value=key)
                for key, ops in PRESETS.items()
            ]
            + [questionary.Choice("a custom list", value=CUSTOM)],
        ).unsafe_ask()
        methods = _ask_operations(project.err) if preset == CUSTOM else parse_methods(preset)
        preset = preset if preset != CUSTOM else ",".join(methods)
        asked.append(Origin("methods", preset, ASKED))
    like, from_model = answers.like, answers.from_model
    bare = next((f for f in project.footprints if f.model == name and not f.routes), None)
    if bare is not None and from_model is None and "from_model" not in project.decided:
        # the name is a model without endpoints: serving it is the likely wish, offered first
        kind = questionary.select(
            "Resource kind:",
            choices=[
                questionary.Choice(f"endpoints for the existing model {name} ({bare.model_path}), its columns as fields", value="model"),
                questionary.Choice("a new resource from fields", value="new"),
            ],
        ).unsafe_ask()
        if kind == "model":
            from_model = name
            asked.append(Origin("from_model", name, ASKED))
    if "like" not in project.decided and from_model is None:  # the model decides which resources fit
        like = _ask_exemplar(name, methods, project)
        if like is not None:
            asked.append(Origin("like", like, ASKED))
    return replace(answers, name=name, like=like, methods=methods, from_model=from_model, asked=tuple(asked))


def _ask_exemplar(name: str, methods: tuple[str, ...] | None, project: Project) -> str | None:
    """The resource to clone: the detected exemplar first (None keeps it), then the others."""
    spec = parse_resource(name, ())
    others = [f.model for f in project.footprints if f.model != spec.names.pascal]
    try:
        detected = choose_exemplar(project.footprints, spec, None, project.user_model, methods)
    except CrudToolError:
        detected = None
    if not others:
        return None  # nothing to clone: templates, which the run says on stderr
    choices = []
    if detected is not None:
        choices.append(
            questionary.Choice(
                f"a new resource from fields, like {detected.footprint.model} "
                f"(detected: {detected.reason})",
                value=DETECTED,
            )
        )
    else:
        choices.append(
            questionary.Choice("a new resource from fields, from templates", value=DETECTED)
        )
    skip = detected.footprint.model if detected is not None else None
    choices += [
        questionary.Choice(f"a new resource from fields, like {m}", value=m)
        for m in others
        if m != skip
    ]
    picked = questionary.select("Resource kind:", choices=choices).unsafe_ask()
    return None if picked == DETECTED else picked


def _ask_fields(answers: Answers, project: Project) -> Answers:
    """Round 2: fields one per line in the field grammar, each checked as typed, until an empty line."""
    if answers.from_model is not None:
        project.err.print(f"  the fields are {escape(answers.from_model)}'s columns")
        return answers
    fields: list[str] = []
    while True:
        text = _text(
            f"Field {len(fields) + 1} as name:type[?][!][=default], empty to finish:",
            lambda t: _field_error(t, fields),
            allow_empty=True,
        ).strip()
        if not text:
            break
        fields.append(text)
    return replace(answers, fields=tuple(fields))


def _ask_listing(answers: Answers, project: Project) -> Answers:
    """Round 4: how the list pages, filters and sorts, and what is cached; the project's way first."""
    if answers.methods is not None and "list" not in answers.methods:
        return answers  # no list to page, filter, sort or cache pages of
    asked = list(answers.asked)
    fields = [t.partition(":")[0] for t in answers.fields if not t.startswith("@")]
    values = {"filters": answers.filters, "sort": answers.sort, "cache": answers.cache, "pagination": answers.pagination}
    if "pagination" not in project.decided:
        style = questionary.select(
            "Pagination:",
            choices=[
                questionary.Choice(f"{project.pagination} (detected: the exemplar's)", value=DETECTED),
                *(questionary.Choice(k, value=k) for k in PAGINATION_STYLES if k != project.pagination),
            ],
        ).unsafe_ask()
        if style != DETECTED:
            values["pagination"] = style
            asked.append(Origin("pagination", style, ASKED))
    hint = f" ({', '.join(fields)})" if fields else ""
    questions = (
        ("filters", f"Filter the list by fields{hint}, comma-separated, empty for none:"),
        ("sort", "Sort keys for ?sort= (-key descending), empty for none:"),
    )
    def filters_error(text: str) -> str | None:
        if answers.from_model is not None:
            return None  # the fields are the model's: the run checks them
        try:
            parse_filters(text, parse_resource(answers.name, answers.fields))
        except CrudToolError as exc:
            return str(exc)
        return None

    checks = {"filters": filters_error, "sort": lambda text: None}  # sort keys: checked against the model by the run
    for dest, message in questions:
        if dest not in project.decided:
            text = _text(message, checks[dest], allow_empty=True).strip()
            if text:
                values[dest] = text
                asked.append(Origin(dest, text, ASKED))
    if "cache" not in project.decided:
        kind = questionary.select(
            "Caching:",
            choices=[
                questionary.Choice("none (detected: the project caches nothing new)", value=DETECTED),
                *(questionary.Choice(k, value=k) for k in ("headers", "memory", "redis")),
            ],
        ).unsafe_ask()
        if kind != DETECTED:
            values["cache"] = kind
            asked.append(Origin("cache", kind, ASKED))
    return replace(answers, asked=tuple(asked), **values)


def _ask_access(answers: Answers, project: Project) -> Answers:
    """Round 3: who may call the routes, and which rows each caller may see and change."""
    asked = list(answers.asked)
    auth = answers.auth
    has_auth = not project.auth.startswith("none")
    if "auth" not in project.decided:
        detected = f"existing (detected: {project.auth})" if has_auth else "none (detected: the project has no auth)"
        others = ("jwt", "api-key", "none") if has_auth else ("jwt", "api-key")
        picked = questionary.select(
            "Authentication:",
            choices=[questionary.Choice(detected, value=DETECTED), *(questionary.Choice(k, value=k) for k in others)],
        ).unsafe_ask()
        if picked != DETECTED:
            auth = picked
            asked.append(Origin("auth", picked, ASKED))
    signed_in = auth in ("jwt", "api-key") or (auth is None and has_auth)
    rbac = answers.rbac
    if "rbac" not in project.decided and signed_in:  # roles and owners need a signed-in caller
        picked = questionary.select(
            "Access control:",
            choices=[
                questionary.Choice(f"as the exemplar does (detected: {project.rbac})", value=DETECTED),
                questionary.Choice("ownership: each user sees and changes only the rows they created", value="ownership"),
                questionary.Choice("roles: only users with one of the roles you name", value="role"),
                questionary.Choice("none: every signed-in user may do everything", value="none"),
            ],
        ).unsafe_ask()
        if picked == "role":
            roles = _text("Roles allowed, comma-separated (e.g. admin,editor):", lambda t: _rbac_error(f"role:{t}"))
            picked = f"role:{roles.strip()}"
        if picked != DETECTED:
            rbac = picked
            asked.append(Origin("rbac", picked, ASKED))
    return replace(answers, auth=auth, rbac=rbac, asked=tuple(asked))


def _rbac_error(text: str) -> str | None:
    try:
        parse_rbac(text)
    except CrudToolError as exc:
        return str(exc)
    return None


ROUNDS: tuple[Round, ...] = (
    Round("resource", "The resource and its operations", _ask_resource),
    Round("fields", "Its fields (with none, it gets name:str)", _ask_fields),
    Round("access", "Auth and access control", _ask_access),
    Round("listing", "Pagination, filters, sorting and caching", _ask_listing),
)


def interview(
    settings: Settings, decided: frozenset[str], err: Console
) -> tuple[Settings, Callable[[], bool] | None]:
    """The settings with each round's answers, and the question that confirms the plan (None
    outside write mode, where nothing is written anyway)."""
    index = ProjectIndex(settings.project)
    conventions = detect_conventions(settings.project, index)
    orm_ok = conventions.orm.kind in ("sqlalchemy", "sqlmodel")
    project = Project(
        footprints=find_footprints(index) if orm_ok else (),
        user_model=conventions.auth.user_model,
        decided=decided,
        err=err,
        auth=_detected_auth(conventions.auth.kind, conventions.auth.dependency),
        rbac=_detected_rbac(conventions.rbac.kind, conventions.rbac.dependency, conventions.rbac.owner_field),
        pagination=conventions.pagination.style,
    )
    answers = Answers(
        settings.name, settings.like, settings.methods, settings.fields,
        from_model=settings.from_model, filters=settings.filters, sort=settings.sort,
    )
    for number, round_ in enumerate(ROUNDS, 1):
        err.print(f"[bold]{number}. {escape(round_.title)}[/bold]")
        answers = round_.ask(answers, project)
    settings = replace(
        settings,
        name=answers.name,
        like=answers.like,
        methods=answers.methods,
        fields=answers.fields,
        from_model=answers.from_model,
        filters=answers.filters,
        sort=answers.sort,
        cache=parse_cache(answers.cache) if isinstance(answers.cache, str) else settings.cache,
        auth=parse_auth(answers.auth) if answers.auth is not None else settings.auth,
        rbac=parse_rbac(answers.rbac) if answers.rbac is not None else settings.rbac,
        pagination=parse_pagination(answers.pagination) if answers.pagination is not None else settings.pagination,
        origins=settings.origins + answers.asked,
    )
    writing = not (
        settings.dry_run or settings.check or settings.show_plan or settings.patch is not None
    )
    return settings, (_confirm(err) if writing else None)


def _detected_auth(kind: str, dependency: str | None) -> str:
    """`jwt_bearer via get_current_user`, or `none`."""
    return f"{kind} via {dependency}" if kind != "none" and dependency else kind


def _detected_rbac(kind: str, dependency: str | None, owner_field: str | None) -> str:
    """`ownership on owner_id`, `role via require_role`, or `none`."""
    if kind == "ownership" and owner_field:
        return f"ownership on {owner_field}"
    return f"{kind} via {dependency}" if kind != "none" and dependency else kind


def _confirm(err: Console) -> Callable[[], bool]:
    def ask() -> bool:
        if questionary.confirm("Apply this plan?", default=True).unsafe_ask():
            return True
        err.print("nothing was written")
        return False

    return ask


def _text(message: str, error_of: Callable[[str], str | None], allow_empty: bool = False) -> str:
    """A line of text, asked again with the error until `error_of` finds none."""

    def validate(text: str) -> bool | str:
        if not text.strip():
            return True if allow_empty else "needed"
        return error_of(text.strip()) or True

    return questionary.text(message, validate=validate).unsafe_ask()


def _name_error(text: str) -> str | None:
    try:
        parse_resource(text, ())
    except CrudToolError as exc:
        return str(exc)
    return None


def _field_error(text: str, earlier: list[str]) -> str | None:
    try:
        parse_resource("Check", [*earlier, text])  # the field itself, and not given twice
    except CrudToolError as exc:
        return str(exc)
    return None


def _ask_operations(err: Console) -> tuple[str, ...]:
    """A custom list of operations, asked again with the error until it holds together."""
    # checked after the answer, not by the checkbox's own validate: its error did not show in a
    # pseudo-terminal (tests/test_interview.py), where a printed line does
    while True:
        chosen = questionary.checkbox(
            "Operations to offer:",
            choices=[questionary.Choice(op, value=op, checked=True) for op in OPS],
        ).unsafe_ask()
        try:
            return parse_methods(",".join(chosen))
        except CrudToolError as exc:
            err.print(f"[red]{escape(str(exc))}[/red]")
