"""Command line for the detectors: a rich table, or JSON with --json."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from detectors import detect_conventions
from detectors.conventions import Conventions
from detectors.errors import CrudToolError

# shown otherwise, or not at all: a module-level client is named by its evidence line (its setup
# is the statements building it, too long for a cell)
HIDDEN_FIELDS = ("evidence", "note", "mixed", "module_client")


def profile(argv: list[str] | None = None) -> int:
    """Detect a FastAPI project's conventions (layout, ORM, session, auth, schemas, tests, style)."""
    p = argparse.ArgumentParser(
        prog="detect-conventions",
        description="Show how a FastAPI project does things, with evidence.",
    )
    p.add_argument(
        "path", nargs="?", type=Path, default=Path("."), help="Root of the FastAPI project to read."
    )
    p.add_argument(
        "--json",
        dest="as_json",
        action="store_true",
        help="Print the profile as JSON instead of a table.",
    )
    p.add_argument("--debug", action="store_true", help="Show tracebacks for errors.")
    a = p.parse_args(argv)
    try:
        conventions = detect_conventions(a.path)
    except CrudToolError as exc:
        if a.debug:
            raise
        print(str(exc), file=sys.stderr)
        return 2
    if a.as_json:
        print(json.dumps(conventions.to_json(), indent=2))
    else:
        print_table(conventions, Console())
    return 0


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
    sys.exit(profile())
