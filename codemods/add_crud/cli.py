"""`add-crud NAME [FIELD ...]`: plan, then write, diff or patch a new CRUD resource."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from codemods.errors import CrudToolError, ProjectError

ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "requirements.txt", ".git")
FIELD_HELP = (
    "Fields as name:type. Types: str text int float bool decimal date datetime uuid json "
    "enum[a,b] fk[Model]. Suffix ? = optional, ! = unique, =value = default. "
    "Default: name:str."
)

app = typer.Typer(add_completion=False, rich_markup_mode=None)


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


def find_project_root(start: Path) -> Path:
    """The nearest directory upward holding a project marker file."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if any((directory / marker).exists() for marker in ROOT_MARKERS):
            return directory
    raise ProjectError(
        f"no project root above {start} (looked for {', '.join(ROOT_MARKERS)}); pass --project"
    )


@app.command(
    help="Add a complete CRUD resource (schemas, model, data access, router, registration, tests) "
    "to the FastAPI project in the current directory, written in the project's own style.\n\n"
    "Example: add-crud Order total:decimal status:enum[pending,paid]=pending note:text?"
)
def add_crud(
    name: str = typer.Argument(..., help="Resource name in PascalCase, e.g. Order or LineItem."),
    fields: Optional[list[str]] = typer.Argument(None, help=FIELD_HELP, show_default=False),
    into: Optional[Path] = typer.Option(
        None,
        "--into",
        help="Router directory (or module, for single-file apps). Default: detected.",
    ),
    project: Optional[Path] = typer.Option(
        None,
        "--project",
        help="Project root. Default: nearest directory upward with pyproject.toml, "
        "setup.cfg, requirements.txt or .git.",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the unified diff; write nothing."),
    patch: Optional[Path] = typer.Option(
        None,
        "--patch",
        help="Write a git-apply-able patch to this file ('-' for stdout); leave the tree as is.",
    ),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 if changes are pending."
    ),
    show_plan: bool = typer.Option(
        False, "--plan", help="Print the planned edits and why; write nothing."
    ),
    like: Optional[str] = typer.Option(
        None,
        "--like",
        help="The existing resource to clone (its model's class name). Default: the most complete one.",
    ),
    allow_dirty: bool = typer.Option(
        False,
        "--allow-dirty",
        help="Write even over files with uncommitted git changes (refused otherwise, naming them).",
    ),
    verify: bool = typer.Option(
        False,
        "--verify",
        help="Before writing: apply to a scratch copy, import the app and run the new tests there.",
    ),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="Accept every default without asking (for scripts and CI)."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        modes = [m for m, on in (("--dry-run", dry_run), ("--patch", patch is not None), ("--check", check), ("--plan", show_plan)) if on]
        if len(modes) > 1:
            raise ProjectError(f"{' and '.join(modes)} cannot be combined: pick one")
        root = project.resolve() if project else find_project_root(Path.cwd())
        if not root.is_dir():
            raise ProjectError(f"--project {project} is not a directory")
        settings = Settings(
            project=root,
            name=name,
            fields=tuple(fields or ()),
            into=into,
            dry_run=dry_run,
            patch=patch,
            check=check,
            show_plan=show_plan,
            assume_yes=yes,
            like=like,
            verify=verify,
            allow_dirty=allow_dirty,
        )
        from codemods.add_crud.run import run

        code = run(settings, err)
    except CrudToolError as exc:
        if debug:
            raise
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from None
    except OSError as exc:  # a directory where a file goes, a name too long, no space, permission
        if debug:
            raise
        where = f": {exc.filename}" if exc.filename else ""
        err.print(f"[red]{escape(f'cannot write{where}: {exc.strerror or exc}; nothing was written')}[/red]")
        raise typer.Exit(2) from None
    raise typer.Exit(code)


def main() -> None:
    try:
        app(prog_name="add-crud")
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        sys.exit(130)
