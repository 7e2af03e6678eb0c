"""A model mapped as a dataclass (MappedAsDataclass) keeps a valid `__init__` when fields are added.

Its columns are dataclass fields: one `__init__` needs may not follow one with a default, and a
list column's default is a factory. Cloning Tier (`name`, timestamps with defaults) into Shipment
with a defaulted `tags` before a required `weight` must put `weight` first, or importing the model
fails ("non-default argument 'weight' follows default argument").
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.field_map import map_fields
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

MODEL = '''\
class Shipment(Base):
    __tablename__ = "shipment"

    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    name: Mapped[str] = mapped_column(String, unique=True)

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default_factory=lambda: datetime.now(UTC))
'''
EXEMPLAR = (
    FieldInfo("name", "str", optional=False, unique=True, has_default=False),
    FieldInfo("created_at", "datetime", optional=False, unique=False, has_default=True),
)


def _fields(code: str, *fields: str) -> list[str]:
    spec = parse_resource("Shipment", list(fields))
    edits = FieldEdits(map_fields(EXEMPLAR, spec.fields), ResourceNames.parse("Shipment"), ModuleStyle.of(code), {})
    body = cst.parse_module(code).visit(edits).code
    return [line.strip() for line in body.splitlines() if "mapped_column(" in line]


def test_fields_init_needs_come_before_those_with_defaults() -> None:
    lines = _fields(MODEL, "tags:list[str]", "weight:decimal", "fragile:bool=false")
    names = [line.split(":")[0] for line in lines]
    assert names == ["id", "weight", "tags", "fragile", "created_at"]
    assert "default_factory=list" in lines[2] and "default=list" not in lines[2]


def test_a_model_not_mapped_as_a_dataclass_keeps_the_spec_s_order_and_its_column_defaults() -> None:
    plain = MODEL.replace(", init=False", "").replace("default_factory=lambda: datetime.now(UTC)", "default=func.now()")
    names = [line.split(":")[0] for line in _fields(plain, "tags:list[str]", "weight:decimal")]
    assert names == ["id", "tags", "weight", "created_at"]
    assert "default=list" in _fields(plain, "tags:list[str]")[1]
