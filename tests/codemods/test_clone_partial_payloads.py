"""FieldEdits on an update's payload: one the dropped fields leave empty sends a new field instead."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.field_map import FieldMap
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

EXEMPLAR = (
    FieldInfo("name", "str", optional=False, unique=False, has_default=False),
    FieldInfo("description", "text", optional=True, unique=False, has_default=False),
)


def edited(before: str, *fields: str) -> str:
    """`before` with the exemplar's `description` dropped, `name` kept and `fields` added."""
    spec = parse_resource("Task", ["name:str", *fields])
    fmap = FieldMap((), ("name",), ("description",), spec.fields[1:], EXEMPLAR, spec.fields)
    code = textwrap.dedent(before)
    after = cst.parse_module(code).visit(FieldEdits(fmap, ResourceNames.parse("Task"), ModuleStyle.of(code), {}, test_code=True)).code
    compile(after, "after", "exec")
    return after


UPDATE = 'response = client.patch(f"/tasks/{task_id}", json={"description": "Updated"})\n'


def test_an_update_left_with_nothing_to_send_sends_an_optional_new_field() -> None:
    assert 'json={"done": False}' in edited(UPDATE, "done:bool?")


def test_one_new_field_serves() -> None:
    assert 'json={"done": False}' in edited(UPDATE, "done:bool?", "rank:int?")


def test_a_new_key_has_no_sample_to_send() -> None:
    assert "json={}" in edited(UPDATE, "project_id:fk[Project]")
