"""Each fixture project's detected profile matches its reviewed profile, field by field.

The expected values live in tests/profiles/NAME.json (evidence and notes left out: line numbers
move as fixtures evolve); evidence is checked here to point at real lines of real files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detectors import detect_conventions
from tests.harness import FIXTURE_NAMES, FIXTURES

# Fixtures whose detector profile has been reviewed field by field (tests/profiles/NAME.json).
REVIEWED = tuple(n for n in FIXTURE_NAMES if (Path(__file__).parent / "profiles" / f"{n}.json").is_file())

PROFILES = Path(__file__).parent / "profiles"
NO_EVIDENCE_NEEDED = {"unknown", "none"}


def _fields(name: str) -> list[tuple[str, str, object]]:
    expected = json.loads((PROFILES / f"{name}.json").read_text())
    return [
        (finding, key, value)
        for finding, values in expected.items()
        for key, value in values.items()
    ]


@pytest.mark.parametrize("name", REVIEWED)
def test_profile_matches_field_by_field(name: str) -> None:
    actual = detect_conventions(FIXTURES / name).to_json()
    mismatches = [
        f"{finding}.{key}: expected {value!r}, detected {actual[finding].get(key)!r}"
        for finding, key, value in _fields(name)
        if actual[finding].get(key) != value
    ]
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("name", REVIEWED)
def test_every_finding_carries_real_evidence(name: str) -> None:
    root = FIXTURES / name
    profile = detect_conventions(root).to_json()
    for finding, values in profile.items():
        if finding == "skipped_files":
            assert values == []
            continue
        kind = values.get("kind", values.get("pattern", values.get("style", values.get("wrapper"))))
        if kind in NO_EVIDENCE_NEEDED or finding == "style":
            assert values.get("evidence") or values.get("note") or finding == "style", finding
            continue
        assert values["evidence"], f"{finding} has no evidence"
        for item in values["evidence"]:
            path, line, _ = item.split(":", 2)
            lines = (root / path).read_text().splitlines()
            assert 1 <= int(line) <= len(lines), item
