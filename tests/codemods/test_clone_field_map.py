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


def test_a_field_of_the_same_name_and_kind_is_kept_as_the_exemplar_writes_it() -> None:
    fields = map_fields((TITLE,), (parse_field("title:str"),))
    assert fields.kept == ("title",) and not fields.added and not fields.dropped and not fields.stand_ins


def test_a_field_the_spec_asks_nullable_or_unique_anew_is_written_afresh() -> None:
    """The exemplar's required title is dropped under a stand-in, so that the code dropped
    with it is never the new title's; the new, nullable title is added."""
    fields = map_fields((TITLE,), (parse_field("title:str?"),))
    assert not fields.kept and fields.stand_ins == (("title", "title_asked_anew"),)
    assert fields.dropped == ("title_asked_anew",) and fields.dropped_in_exemplar == ("title",)
    assert [f.name for f in fields.added] == ["title"]
    assert fields.rename_table == {"title": "title_asked_anew"}
    assert fields.as_written("get_item_by_title_asked_anew") == "get_item_by_title"
    assert fields.describe() == [
        "field title written afresh: the spec asks it nullable and not unique, the exemplar's is required and not unique"
    ]
    unique = map_fields((TITLE,), (parse_field("title:str!"),))
    assert unique.stand_ins == (("title", "title_asked_anew"),) and [f.name for f in unique.added] == ["title"]


def test_a_field_asked_anew_never_takes_another_exemplar_field_s_code() -> None:
    # `name` is as the nullable title is asked (a str, nullable, not unique): it is no template
    name = FieldInfo("name", "str", optional=True, unique=False, has_default=False)
    fields = map_fields((TITLE, name), (parse_field("title:str?"),))
    assert not fields.renames and set(fields.dropped) == {"name", "title_asked_anew"}


def test_a_field_of_the_same_name_and_another_kind_is_written_afresh() -> None:
    """The exemplar's text `body` is dropped under a stand-in: the new `body:str` may not take
    the title's code and then lose it with the body's."""
    body = FieldInfo("body", "text", optional=False, unique=False, has_default=True)
    fields = map_fields((TITLE, body), (parse_field("body:str"), parse_field("rating:int")))
    assert fields.stand_ins == (("body", "body_asked_anew"),) and not fields.renames
    assert set(fields.dropped) == {"title", "body_asked_anew"}
    assert [f.name for f in fields.added] == ["body", "rating"]
    assert "field body written afresh: the spec asks it str, the exemplar's is text" in fields.describe()
