"""`add-crud NAME [FIELD ...]`: plan, then write, diff or patch a new CRUD resource."""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from rich.console import Console
from rich.markup import escape

from codemods.add_crud.config import Origin, given_on_command_line, merge, options_of, read_config
from codemods.add_crud.conventions_lock import Lock
from codemods.cache_home import DISTRIBUTION
from codemods.errors import CrudToolError, ProjectError
from codemods.option_values import (
    AuthChoice,
    CacheChoice,
    PaginationChoice,
    RbacChoice,
    parse_auth,
    parse_cache,
    parse_methods,
    parse_pagination,
    parse_rbac,
)

ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "requirements.txt", ".git")
FIELD_HELP = (
    "Fields as name:type. Types: str text int float bool decimal date datetime uuid json "
    "enum[a,b] fk[Model] list[str|int|float|bool] object{street:str,city:str?} "
    "union[card{last4:str},transfer{iban:str}] (told apart by a type key). "
    "Bounds after the type: a length for str/text (str(3..80), str(..80)), a range for "
    "int/float/decimal (int(1..), decimal(0..1000)). Suffix ? = optional, ! = unique, "
    "=value = default (inside the bounds). @name=expr is a computed field of responses "
    "(pydantic 2): + - * / over the resource's required number fields and literals, or + "
    "joining its text fields and strings, e.g. @total=qty*price. Default: name:str."
)


@dataclass(frozen=True)
class Settings:
    """Everything the command line decided, built once and passed down."""

    project: Path
    name: str
    fields: tuple[str, ...]
    into: Path | None
    dry_run: bool
    patch: Path | None
    check: bool
    show_plan: bool
    assume_yes: bool
    like: str | None = None
    verify: bool = False
    allow_dirty: bool = False
    as_written: bool = False
    methods: tuple[str, ...] | None = None  # None: the exemplar's (see codemods/methods.py)
    actions: tuple[str, ...] = ()  # --action NAME[:FIELD=VALUE], parsed against the spec in run
    filters: str | None = None  # --filter status,customer_name, parsed against the spec in run
    sort: str | None = None  # --sort created_at,-total, parsed against the model in run
    from_model: str | None = None  # `Order` or `app/models.py:Order`: fields read from that model
    parent: str | None = None  # --parent Customer: nested under one Customer row
    cache: CacheChoice | None = None  # --cache headers:120 (see codemods/cache.py)
    auth: AuthChoice | None = None  # --auth jwt; None: the project's own (see codemods/auth.py)
    rbac: RbacChoice | None = None  # --rbac ownership; None: the exemplar's (see codemods/rbac.py)
    pagination: PaginationChoice | None = None  # --pagination cursor; None: the exemplar's
    as_json: bool = False  # --plan --json
    locks: tuple[Lock, ...] = ()  # [tool.add_crud.conventions]: detections the project overrides
    origins: tuple[Origin, ...] = ()  # where each non-default value came from, for stderr
    exemplars: frozenset[str] | None = None  # a batch: the models that may be cloned (the project's own)
    use_cache: bool = True  # --no-cache: plan afresh even where the same run was planned before


def find_project_root(start: Path) -> Path:
    """The nearest directory upward holding a project marker file."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if any((directory / marker).exists() for marker in ROOT_MARKERS):
            return directory
    raise ProjectError(
        f"no project root above {start} (looked for {', '.join(ROOT_MARKERS)}); pass --project"
    )


class _Parser(argparse.ArgumentParser):
    """argparse, with a bad command line answered in one line and exit 2 like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="add-crud",
        description="Add a complete CRUD resource (schemas, model, data access, router, registration, "
        "tests) to the FastAPI project in the current directory, written in the project's own style. "
        "Example: add-crud Order total:decimal status:enum[pending,paid]=pending note:text?",
    )
    p.add_argument(
        "name",
        nargs="?",  # asked for in a terminal; required otherwise
        help="Resource name in PascalCase, e.g. Order or LineItem.",
    )
    p.add_argument("fields", nargs="*", help=FIELD_HELP)
    p.add_argument(
        "--into",
        type=Path,
        help="Directory (or module) for the new router. Default: beside the exemplar's.",
    )
    p.add_argument(
        "--project",
        type=Path,
        help="Project root. Default: nearest directory upward with pyproject.toml, setup.cfg, "
        "requirements.txt or .git.",
    )
    p.add_argument("--dry-run", action="store_true", help="Print the unified diff; write nothing.")
    p.add_argument(
        "--patch",
        type=Path,
        help="Write a git-apply-able patch to this file ('-' for stdout); leave the tree as is.",
    )
    p.add_argument(
        "--check", action="store_true", help="Write nothing; exit 1 if changes are pending."
    )
    p.add_argument(
        "--plan",
        dest="show_plan",
        action="store_true",
        help="Print the planned edits and why; write nothing.",
    )
    p.add_argument(
        "--json",
        dest="as_json",
        action="store_true",
        help="With --plan: print the plan as JSON.",
    )
    p.add_argument(
        "--methods",
        help="Which operations the resource offers: crud, read-only, or a list such as "
        "list,get,create. Operations left out are left out everywhere (routes, data access, "
        "schemas, tests). Default: those of the resource it is cloned from (crud for templates).",
    )
    p.add_argument(
        "--action",
        dest="actions",
        action="append",
        default=[],
        metavar="NAME[:FIELD=VALUE]",
        help="A state transition, POST /orders/{id}/NAME, made from the update route: "
        "cancel:status=cancelled sets status. Without :FIELD=VALUE, an endpoint marked for you to "
        "fill in. Repeatable.",
    )
    p.add_argument(
        "--filter",
        dest="filters",
        metavar="FIELD,...",
        help="Query parameters of the list route matching these fields exactly (numbers and dates "
        "also FIELD__gte/FIELD__lte, or the project's own spelling); their columns are indexed.",
    )
    p.add_argument(
        "--sort",
        metavar="KEY,...",
        help="?sort= on the list route over these columns (-KEY descending), the first the "
        "default; ties by id. Refused where the list pages with a keyset cursor on id.",
    )
    p.add_argument(
        "--from-model",
        metavar="MODEL",
        help="Endpoints, schemas, data access and tests for a model that exists (Order, or "
        "path/to/models.py:Order); its columns are the fields, its file is not touched.",
    )
    p.add_argument(
        "--parent",
        metavar="MODEL",
        help="Nest the resource under one row of this model: /customers/{customer_id}/orders, "
        "its key set from the path, 404 for a missing parent or another parent's row.",
    )
    p.add_argument(
        "--cache",
        metavar="KIND[:SECONDS]",
        help="Cache the resource's reads: none; headers[:max_age] (Cache-Control and an ETag, 304 "
        "on If-None-Match); memory[:ttl] or redis[:ttl] (rows and list pages, forgotten by every "
        "write). Default max-age and ttl: 60.",
    )
    p.add_argument(
        "--spec",
        type=Path,
        metavar="FILE",
        help="Many resources in one run, from a TOML file ([defaults] and [[resources]] tables, "
        "each resource a name, fields and any option here); all written or none.",
    )
    p.add_argument(
        "--from-models",
        type=Path,
        metavar="DIR",
        help="Endpoints for every model under DIR (a package, or the module holding the models) "
        "that has none yet (the others are named and skipped); all written or none.",
    )
    p.add_argument(
        "--keep-going",
        action="store_true",
        help="With --spec/--from-models: write the resources that succeeded and list the failures.",
    )
    p.add_argument(
        "--patch-dir",
        type=Path,
        metavar="DIR",
        help="With --spec/--from-models: one git apply-able patch per resource, numbered in "
        "application order (0001-add-order.patch), and all.patch; the tree is left untouched.",
    )
    p.add_argument(
        "--auth",
        metavar="KIND",
        help="Who may call the routes: existing (the project's own auth dependency, the default "
        "where it has one), jwt or api-key (written and wired in where the project has no auth), "
        "or none.",
    )
    p.add_argument(
        "--rbac",
        metavar="RULE",
        help="Access control: none; role:ROLE[,ROLE] (the project's role check, else a "
        "require_role factory); ownership (rows scoped to the signed-in user who created them).",
    )
    p.add_argument(
        "--pagination",
        metavar="STYLE",
        help="How the list pages: cursor (keyset on the sort column and id, opaque cursor), "
        "offset, page or none. Default: the exemplar's.",
    )
    p.add_argument(
        "--like",
        help="The existing resource to clone (its model's class name). Default: the most complete one.",
    )
    p.add_argument(
        "--as-written",
        action="store_true",
        help="Clone the exemplar exactly, without the bounds and null checks that turn its 500s on "
        "bad input (ids past the key's range, null in a PATCH) into 422s.",
    )
    p.add_argument(
        "--allow-dirty",
        action="store_true",
        help="Write even over files with uncommitted git changes (refused otherwise, naming them).",
    )
    p.add_argument(
        "--verify",
        action="store_true",
        help="Before writing: apply to a scratch copy, import the app and run the new tests there.",
    )
    p.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="Accept every default without asking (for scripts and CI).",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="Plan afresh: do not answer from, or add to, the cache of earlier runs' plans (kept in "
        "the user's cache directory, used only when the arguments, the tool and every project file "
        "are unchanged; ADD_CRUD_NO_CACHE=1 does the same).",
    )
    p.add_argument("--debug", action="store_true", help="Show tracebacks for errors.")
    p.add_argument("--version", action=_Version, nargs=0, help="show program's version number and exit")
    return p


class _Version(argparse.Action):
    """argparse's `version` action, the version looked up only when asked: importing
    importlib.metadata cost every run 60 ms."""

    def __call__(self, parser, namespace, values, option_string=None) -> NoReturn:
        sys.stdout.write(f"{parser.prog} {_installed_version()}\n")
        parser.exit()


def _installed_version() -> str:
    import importlib.metadata

    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


# `--sort -total,created_at`: a value that starts with `-`, which argparse would take for an option
_DASH_VALUE = re.compile(r"-[A-Za-z_][A-Za-z0-9_]*(,-?[A-Za-z_][A-Za-z0-9_]*)*")


def _dash_values(argv: list[str]) -> list[str]:
    """`--sort -total` read as `--sort=-total`, as the user meant: the keys a sort descends by
    start with `-`, and argparse would refuse the pair (`expected one argument`). Two characters
    (`-h`, `-y`) stay the short options they are; `--sort=-x` says a one-letter key."""
    out: list[str] = []
    at = 0
    while at < len(argv):
        arg = argv[at]
        value = argv[at + 1] if at + 1 < len(argv) else ""
        if arg == "--sort" and len(value) > 2 and _DASH_VALUE.fullmatch(value):
            out.append(f"--sort={value}")
            at += 2
            continue
        out.append(arg)
        at += 1
    return out


def add_crud(argv: list[str] | None = None) -> int:
    """Run the command; the exit code (0 done, 1 changes pending under --check, 2 error)."""
    argv = _dash_values(sys.argv[1:] if argv is None else list(argv))
    p = parser()
    a = p.parse_args(argv)
    err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    try:
        root = a.project.resolve() if a.project else find_project_root(Path.cwd())
        if not root.is_dir():
            raise ProjectError(f"--project {a.project} is not a directory")
        # the config lives at the root, so it is read once the root is known
        config = read_config(root, p, checks=CHECKS)
        given = given_on_command_line(parser, argv)
        if a.spec is not None or a.from_models is not None:
            return _batch(a, given, root, config, p, err)
        if a.keep_going or a.patch_dir is not None:
            raise ProjectError(f"{'--keep-going' if a.keep_going else '--patch-dir'} goes with --spec or --from-models")
        a, origins = merge(a, given, config, p)
        _one_mode(a)
        # a missing choice is asked for only where someone can answer: never in scripts or CI
        chosen = a.fields or a.from_model or a.yes  # --from-model: the fields are the model's
        interactive = not chosen and sys.stdin.isatty() and sys.stdout.isatty()
        if a.from_model is not None:
            if a.fields or (a.name and ":" in a.name):  # `--from-model Order total:int`
                raise ProjectError("--from-model reads the fields from the model: give no FIELD arguments")
            model_name = a.from_model.rpartition(":")[2]
            if a.name not in (None, model_name):
                raise ProjectError(f"--from-model {a.from_model}: the resource is {model_name}, not {a.name}")
            a.name = model_name
        if a.name is None and not interactive:
            p.error("the following arguments are required: name")
        settings = _settings(a, root, config, origins)
        from codemods.add_crud.run import run

        if interactive:
            from codemods.add_crud.interview import interview

            decided = given | {item.dest for item in config.options}
            settings, confirm = interview(settings, decided, err)
            return run(settings, err, confirm)
        return run(settings, err)
    except CrudToolError as exc:
        if a.debug:
            raise
        err.print(f"[red]{escape(str(exc))}[/red]")
        return 2
    except OSError as exc:  # a directory where a file goes, a name too long, no space, permission
        if a.debug:
            raise
        where = f": {exc.filename}" if exc.filename else ""
        err.print(
            f"[red]{escape(f'cannot write{where}: {exc.strerror or exc}; nothing was written')}[/red]"
        )
        return 2


CHECKS = {
    "methods": parse_methods,
    "cache": parse_cache,
    "auth": parse_auth,
    "rbac": parse_rbac,
    "pagination": parse_pagination,
}  # the values an option's parser checks before the project is read, by dest


def _one_mode(a: argparse.Namespace) -> None:
    """Refuse modes that cannot be combined (`--plan --dry-run`), and --json without --plan."""
    modes = [
        m
        for m, on in (
            ("--dry-run", a.dry_run),
            ("--patch", a.patch is not None),
            ("--patch-dir", a.patch_dir is not None),
            ("--check", a.check),
            ("--plan", a.show_plan),
        )
        if on
    ]
    if a.as_json and not a.show_plan:
        raise ProjectError("--json goes with --plan")
    if len(modes) > 1:
        raise ProjectError(f"{' and '.join(modes)} cannot be combined: pick one")


def _settings(a: argparse.Namespace, root: Path, config, origins: tuple[Origin, ...]) -> Settings:
    """The settings of one resource, from its parsed (and merged) command line."""
    return Settings(
            project=root,
            name=a.name or "",
            from_model=a.from_model,
            actions=tuple(a.actions),
            filters=a.filters,
            sort=a.sort,
            fields=tuple(a.fields),
            into=a.into,
            dry_run=a.dry_run,
            patch=a.patch,
            check=a.check,
            show_plan=a.show_plan,
            assume_yes=a.yes,
            like=a.like,
            parent=a.parent,
            cache=parse_cache(a.cache) if a.cache is not None else None,
            auth=parse_auth(a.auth) if a.auth is not None else None,
            rbac=parse_rbac(a.rbac) if a.rbac is not None else None,
            pagination=parse_pagination(a.pagination) if a.pagination is not None else None,
            verify=a.verify,
            allow_dirty=a.allow_dirty,
            use_cache=not a.no_cache,
            as_written=a.as_written,
            methods=parse_methods(a.methods) if a.methods is not None else None,
            as_json=a.as_json,
            locks=config.locks,
            origins=origins,
        )


def _batch(a, given: frozenset[str], root: Path, config, p: argparse.ArgumentParser, err: Console) -> int:
    """`--spec FILE` or `--from-models DIR`: every resource's settings, then the batch run."""
    from codemods.add_crud.batch import BatchOptions, run_batch
    from codemods.add_crud.spec_file import entries_from_models, entry_argv, read_spec

    if a.name or a.fields:
        raise ProjectError(f"{'--spec' if a.spec else '--from-models'} gives the resources: no NAME or FIELD arguments")
    if a.spec is not None and a.from_models is not None:
        raise ProjectError("--spec and --from-models cannot be combined: pick one")
    a, _ = merge(a, given, config, p)
    _one_mode(a)
    if a.spec is not None:
        entries = read_spec(a.spec, p, CHECKS)
    else:
        entries, skipped = entries_from_models(root, a.from_models)
        for line in skipped:
            err.print(f"[dim]{escape(line)}[/dim]")
        if not entries and not skipped:
            raise ProjectError(f"--from-models {a.from_models}: no model there; nothing to add")
        if not entries:  # each is served (or is the auth model's): in place, as a second run finds it
            err.print(f"--from-models {escape(str(a.from_models))}: every model there is passed over; nothing to add")
            return 0
    options = options_of(p)
    runs = []
    for entry in entries:
        own_argv = entry_argv(entry, options)
        r = p.parse_args(own_argv)
        own = given_on_command_line(parser, own_argv)
        for dest in given - own:  # the command line's options hold where the resource sets none
            setattr(r, dest, getattr(a, dest))
        r, origins = merge(r, own | given, config, p)
        r.spec = r.from_models = None
        if r.from_model is not None:
            r.name = r.from_model.rpartition(":")[2]
        runs.append(_settings(r, root, config, origins))
    return run_batch(tuple(runs), BatchOptions(a.keep_going, a.patch_dir), err)


def main() -> None:
    # A run holds the syntax tree of every module of the project, millions of objects in no
    # cycle: the collector's passes over them cost a fifth of a large project's run, and
    # reference counting frees what a run drops. A batch collects between resources (batch.py).
    gc.disable()
    try:
        code = add_crud()
    except (KeyboardInterrupt, EOFError):  # ctrl-c anywhere, or ctrl-d at one of the interview's prompts
        print("interrupted; nothing was written", file=sys.stderr)
        code = 130
    except Exception as exc:  # a bug of ours: said in one line like every error, not as a traceback
        if "--debug" in sys.argv[1:]:
            raise
        said = (str(exc).strip().splitlines() or [""])[0][:200]
        print(
            f"add-crud: internal error: {type(exc).__name__}: {said} (a bug in add-crud; "
            "--debug shows where; an interrupted write is undone by the next run)",
            file=sys.stderr,
        )
        code = 1
    _exit(code)


def _exit(code: int) -> NoReturn:
    """End the process once the run is done and its output flushed, without the interpreter's
    teardown: that collects and frees every syntax tree the run held (the collector, paused
    above, runs once more at exit), which on a large project cost a fifth of the run. Nothing
    is left for it to do: files are written and closed, thread pools joined, temporary
    directories removed, by the time the command returns; the tool registers no exit hooks."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`| head`): what it did not read is lost anyway
        pass
    if code == 0:  # a run refused or failed writes nothing anywhere, the user's cache included
        from codemods import method_cache

        method_cache.save()  # the methods' code compiled this run, for the next (if it compiled any)
    os._exit(code)
