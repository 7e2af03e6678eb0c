"""--action: parsed against the spec's fields; bad ones refused with the reason."""

from __future__ import annotations

import pytest

from codemods.actions import Action, parse_action
from codemods.errors import SpecError
from codemods.spec import parse_resource

SPEC = parse_resource("Order", ["total:decimal", "status:enum[pending,paid,cancelled]", "paid:bool", "note:str?", "tags:json?"])


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("archive", Action("archive")),
        ("cancel:status=cancelled", Action("cancel", "status", "cancelled")),
        ("settle:paid=true", Action("settle", "paid", "true")),
        ("mark_cleared:note=cleared by hand", Action("mark_cleared", "note", "cleared by hand")),
    ],
)
def test_actions_parse(text: str, action: Action) -> None:
    assert parse_action(text, SPEC) == action


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("update", "other than list, get, create, update, delete"),
        ("Cancel", "lowercase identifier"),
        ("cancel:state=cancelled", "FIELD one of total, status"),
        ("cancel:status", "FIELD one of"),
        ("cancel:status=gone", "not a valid enum (one of pending, paid, cancelled)"),
        ("settle:paid=yes", "not a valid bool"),
        ("clear:tags=x", "a json field cannot be set"),
    ],
)
def test_bad_actions_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(SpecError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_action(text, SPEC)


def test_literals_are_python_code() -> None:
    assert Action("x", "status", "cancelled").literal("enum") == '"cancelled"'
    assert Action("x", "paid", "true").literal("bool") == "True"
    assert Action("x", "qty", "3").literal("int") == "3"


def test_a_colon_without_a_change_is_refused_not_taken_for_a_stub() -> None:
    with pytest.raises(SpecError, match="expected cancel:FIELD=VALUE"):
        parse_action("cancel:", SPEC)
