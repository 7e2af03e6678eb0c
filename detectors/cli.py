"""Command line for the detectors: a rich table, or JSON with --json."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from detectors import detect_conventions
from detectors.conventions import Conventions
from detectors.errors import CrudToolError

app = typer.Typer(
    add_completion=False, help="Show how a FastAPI project does things, with evidence."
)
HIDDEN_FIELDS = ("evidence", "note", "mixed")


@app.command()
def profile(
    path: Path = typer.Argument(Path("."), help="Root of the FastAPI project to read."),
    as_json: bool = typer.Option(
        False, "--json", help="Print the profile as JSON instead of a table."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
) -> None:
    """Detect a FastAPI project's conventions (layout, ORM, session, auth, schemas, tests, style)."""
    try:
        conventions = detect_conventions(path)
    except CrudToolError as exc:
        if debug:
            raise
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(conventions.to_json(), indent=2))
    else:
        print_table(conventions, Console())


def print_table(conventions: Conventions, console: Console) -> None:
    """One row per finding: its values, then its evidence and any note."""
    table = Table(title=f"Conventions of {conventions.root}", show_lines=True)
    table.add_column("convention", style="bold")
    table.add_column("detected")
    table.add_column("evidence", style="dim")
    for key, finding in conventions.to_json().items():
        if key == "skipped_files":
            continue
        values = ", ".join(
            f"{k}={v}"
            for k, v in finding.items()
            if k not in HIDDEN_FIELDS and v not in (None, [], "")
        )
        if finding.get("mixed"):
            values += " [yellow](mixed)[/yellow]"
        evidence = "\n".join(finding["evidence"][:3])
        if finding.get("note"):
            evidence = (evidence + "\n" if evidence else "") + f"note: {finding['note']}"
        table.add_row(key, values, evidence)
    console.print(table)
    for skipped in conventions.skipped_files:
        console.print(f"[yellow]skipped[/yellow] {skipped}")


def main() -> None:
    app(prog_name="python -m detectors")
