"""values_sent: the literal a resource's own tests send for a field."""

from __future__ import annotations

from pathlib import Path

from detectors.project import ProjectIndex
from detectors.resources import find_footprints
from detectors.sent_values import values_sent

REPO = Path(__file__).resolve().parents[2]


def test_the_first_literal_a_test_sends_under_the_field_s_key() -> None:
    index = ProjectIndex(REPO / "fixtures_repos" / "modular_services")
    bookmark = next(f for f in find_footprints(index) if f.model == "Bookmark")
    sent = values_sent(index, bookmark, {"url", "nothing_sends_this"})
    assert set(sent) == {"url"}
    assert "://" in sent["url"] and sent["url"].startswith('"')  # as code: a double-quoted string


def test_a_field_no_test_sends_a_literal_for_is_left_out() -> None:
    index = ProjectIndex(REPO / "fixtures_repos" / "modular_services")
    bookmark = next(f for f in find_footprints(index) if f.model == "Bookmark")
    assert values_sent(index, bookmark, set()) == {}
