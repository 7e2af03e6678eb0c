"""FieldEdits on a payload holding a field asked anew (field_map.py's stand-ins): the exemplar's
value is carried into the new field where it is of the same kind, and a sample of the new kind
takes its place where it is not (`name:int` where the exemplar's name is text)."""

from __future__ import annotations

import libcst as cst

from codemods.clone.field_map import map_fields
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.clone.rename_fields import FieldRenamer
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

NAME = FieldInfo("name", "str", optional=False, unique=False, has_default=False)


def edited(code: str, *fields: str) -> str:
    """The chain's steps on `code`: the stand-ins renamed, the fields edited, their names back."""
    spec = parse_resource("Gadget", list(fields))
    fmap = map_fields((NAME,), spec.fields)
    module = cst.parse_module(code).visit(FieldRenamer(fmap.rename_table))
    module = module.visit(FieldEdits(fmap, ResourceNames.parse("Gadget"), ModuleStyle.of(code), {}, test_code=True))
    return module.visit(FieldRenamer({b: a for a, b in fmap.stand_ins})).code


def test_a_value_of_the_same_kind_is_carried_into_the_field_asked_anew() -> None:
    after = edited('payload = {"name": "Games"}\n', "name:str?")
    assert after == 'payload = {"name": "Games"}\n'


def test_a_value_of_another_kind_gives_way_to_a_sample_of_the_new_kind() -> None:
    after = edited('payload = {"name": "Games"}\n', "name:int")
    assert after == 'payload = {"name": 3}\n'
