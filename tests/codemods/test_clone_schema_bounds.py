"""An update schema gives a new field the bounds of an exemplar field only where the create schema
and the model take that field's line too.

Every field of an update schema looks optional, so an exemplar field written like the new one
there may be one the model and the create schema cannot follow (a required `title` of a
String(200) for an optional `body`): its `max_length=200` would then bound the update alone, the
new column being written afresh (String(255), which both schemas then bound it by). A schema
reading rows (`from_attributes`) takes no bounds: what it answers with, the columns hold.
"""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.field_map import FieldMap
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

SCHEMAS = textwrap.dedent('''\
    from pydantic import BaseModel, Field


    class NoteIn(BaseModel):
        title: str = Field(min_length=1, max_length=200)
        is_pinned: bool = False


    class NotePatch(BaseModel):
        title: str | None = Field(default=None, min_length=1, max_length=200)
        is_pinned: bool | None = None
''')

EXEMPLAR = (
    FieldInfo("title", "str", optional=False, unique=False, has_default=False),
    FieldInfo("is_pinned", "bool", optional=False, unique=False, has_default=True),
)


def _schemas(field: str) -> list[str]:
    """The class bodies' lines once the exemplar's fields give way to `field`."""
    spec = parse_resource("Order", [field])
    fmap = FieldMap((), (), ("title", "is_pinned"), spec.fields, EXEMPLAR, spec.fields)
    edits = FieldEdits(fmap, ResourceNames.parse("Order"), ModuleStyle.of(SCHEMAS), {})
    code = cst.parse_module(SCHEMAS).visit(edits).code
    return [line.strip() for line in code.splitlines() if line.startswith("    ")]


def test_an_optional_field_takes_no_bounds_of_a_required_one_in_the_update_schema() -> None:
    # before: the update schema alone said `Field(default=None, min_length=1, max_length=200)`;
    # both take the String(255) written for it
    assert _schemas("body:str?") == ["body: str | None = Field(default=None, max_length=255)"] * 2


def test_a_field_written_like_the_exemplar_s_in_the_model_keeps_its_bounds_in_both_schemas() -> None:
    assert _schemas("label:str") == [
        "label: str = Field(min_length=1, max_length=200)",
        "label: str | None = Field(default=None, min_length=1, max_length=200)",
    ]


def test_an_update_field_with_no_bounds_is_still_written_as_the_exemplar_writes_its_own() -> None:
    # `is_pinned` has a default, so the create schema writes `flag` afresh; its update line
    # carries no bounds and is the exemplar's, as before
    assert _schemas("flag:bool")[1] == "flag: bool | None = None"


def test_a_schema_reading_rows_takes_no_bounds_a_request_schema_does() -> None:
    code = textwrap.dedent('''\
        from pydantic import BaseModel, ConfigDict, Field


        class NoteIn(BaseModel):
            title: str = Field(min_length=1, max_length=200)


        class NoteOut(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            id: int
            title: str
    ''')
    spec = parse_resource("Order", ["number:str!", "total:decimal"])
    fmap = FieldMap((), (), ("title",), spec.fields, EXEMPLAR[:1], spec.fields)
    out = cst.parse_module(code).visit(FieldEdits(fmap, ResourceNames.parse("Order"), ModuleStyle.of(code), {})).code
    request, response = out.split("class NoteOut")  # the classes are renamed by another step
    assert "number: str = Field(max_length=255)" in request
    assert "total: Decimal = Field(max_digits=12, decimal_places=2)" in request
    assert "    number: str\n    total: Decimal\n" in response
