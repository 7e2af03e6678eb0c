"""Inline test projects: write a {relative path: source} dict into a directory and index it."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from detectors.conventions import Finding
from detectors.project import ProjectIndex


def make_project(root: Path, files: Mapping[str, str]) -> Path:
    """Write each file (dedented) under `root`, creating packages' directories as needed."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def index_project(root: Path, files: Mapping[str, str]) -> ProjectIndex:
    return ProjectIndex(make_project(root, files))


def assert_finding(finding: Finding, expected: Mapping[str, Any]) -> None:
    """Compare the named fields; `note_has` lists substrings the note must contain."""
    expected = dict(expected)
    note_has = expected.pop("note_has", ())
    actual = {key: getattr(finding, key) for key in expected}
    assert actual == expected
    for text in note_has:
        assert text in finding.note, f"note {finding.note!r} lacks {text!r}"
