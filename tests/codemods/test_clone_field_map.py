"""map_fields: which exemplar field becomes which new field."""

from __future__ import annotations

from codemods.clone.field_map import map_fields
from codemods.spec import parse_field
from detectors.resources import FieldInfo

URL = FieldInfo("url", "str", optional=False, unique=False, has_default=False, validated=True)
TITLE = FieldInfo("title", "str", optional=False, unique=False, has_default=False)


def test_a_field_of_the_same_kind_is_renamed_into_the_new_one() -> None:
    fields = map_fields((TITLE,), (parse_field("customer_name:str"),))
    assert fields.renames == (("title", "customer_name"),) and not fields.added


def test_a_field_its_own_validator_checks_is_no_template_for_another() -> None:
    # a URL checked by `@field_validator("url")` would keep checking customer_name as a URL
    fields = map_fields((URL, TITLE), (parse_field("customer_name:str"),))
    assert fields.renames == (("title", "customer_name"),)
    assert fields.dropped == ("url",)
    alone = map_fields((URL,), (parse_field("customer_name:str"),))
    assert not alone.renames and alone.dropped == ("url",) and [f.name for f in alone.added] == ["customer_name"]
