"""Properties of the name normaliser and the field grammar, over generated input: whatever goes
in, the answer is a valid result or a SpecError, never another exception, and results round-trip."""

from __future__ import annotations

import keyword
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from codemods.errors import SpecError
from codemods.names import ResourceNames
from codemods.rename import rename_text
from codemods.spec import parse_field, parse_resource

WORD = st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=8)
PASCAL = st.lists(WORD, min_size=1, max_size=3).map(lambda ws: "".join(w.capitalize() for w in ws))
ANY_TEXT = st.text(alphabet=string.printable + "éß中", max_size=30)


@given(ANY_TEXT)
@settings(max_examples=400)
def test_any_resource_name_is_parsed_or_refused_with_a_spec_error(text: str) -> None:
    try:
        names = ResourceNames.parse(text)
    except SpecError:
        return
    assert names.snake.isidentifier() and not keyword.iskeyword(names.snake)
    assert names.plural_snake.isidentifier() and names.pascal == text


@given(PASCAL)
def test_spellings_are_identifiers_and_rename_back_to_themselves(name: str) -> None:
    try:
        names = ResourceNames.parse(name)
    except SpecError:
        return
    other = ResourceNames.parse("Zq" + name)
    for spelling in (names.pascal, names.snake, names.plural_snake, names.plural_pascal):
        assert spelling.isidentifier()
        there = rename_text(spelling, names, other)
        assert rename_text(there, other, names) == spelling


@given(ANY_TEXT)
@settings(max_examples=400)
def test_any_field_token_is_parsed_or_refused_with_a_spec_error(text: str) -> None:
    try:
        field = parse_field(text)
    except SpecError:
        return
    assert field.column_name.isidentifier() and not keyword.iskeyword(field.column_name)


@given(
    WORD,
    st.sampled_from(
        ["str", "text", "int", "float", "bool", "decimal", "date", "datetime", "uuid", "json"]
    ),
    st.booleans(),
    st.booleans(),
)
def test_well_formed_fields_keep_what_they_say(
    name: str, kind: str, optional: bool, unique: bool
) -> None:
    token = f"{name}:{kind}{'?' if optional else ''}{'!' if unique else ''}"
    try:
        spec = parse_resource("Order", (token,))
    except SpecError:
        return  # a reserved or shadowing name, refused with its reason
    (field,) = spec.fields
    assert (field.name, field.type, field.optional, field.unique) == (name, kind, optional, unique)
