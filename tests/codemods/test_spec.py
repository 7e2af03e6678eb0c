"""The resource spec: `Name field:type[?][!][=default] ...`, parsed and validated once."""

from __future__ import annotations

import pytest

from codemods.errors import SpecError
from codemods.spec import SCALAR_TYPES, FieldSpec, parse_field, parse_resource


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("title:str", FieldSpec("title", "str"), id="str"),
        pytest.param("body:text", FieldSpec("body", "text"), id="text"),
        pytest.param("quantity:int", FieldSpec("quantity", "int"), id="int"),
        pytest.param("weight:float", FieldSpec("weight", "float"), id="float"),
        pytest.param("active:bool", FieldSpec("active", "bool"), id="bool"),
        pytest.param("total:decimal", FieldSpec("total", "decimal"), id="decimal"),
        pytest.param("due:date", FieldSpec("due", "date"), id="date"),
        pytest.param("paid_at:datetime", FieldSpec("paid_at", "datetime"), id="datetime"),
        pytest.param("token:uuid", FieldSpec("token", "uuid"), id="uuid"),
        pytest.param("extra:json", FieldSpec("extra", "json"), id="json"),
        pytest.param(
            "status:enum[pending,paid]",
            FieldSpec("status", "enum", enum_values=("pending", "paid")),
            id="enum",
        ),
        pytest.param(
            "status:enum[ pending , paid ]",
            FieldSpec("status", "enum", enum_values=("pending", "paid")),
            id="enum-values-stripped",
        ),
        pytest.param(
            "customer:fk[Customer]", FieldSpec("customer", "fk", fk_target="Customer"), id="fk"
        ),
        pytest.param(
            "  total:decimal  ", FieldSpec("total", "decimal"), id="surrounding-space-ignored"
        ),
    ],
)
def test_every_type_parses(text: str, expected: FieldSpec) -> None:
    assert parse_field(text) == expected


def test_the_scalar_types_are_the_documented_ones() -> None:
    assert SCALAR_TYPES == (
        "str",
        "text",
        "int",
        "float",
        "bool",
        "decimal",
        "date",
        "datetime",
        "uuid",
        "json",
    )


@pytest.mark.parametrize(
    "text, optional, unique, default",
    [
        pytest.param("note:text", False, False, None, id="no-flags"),
        pytest.param("note:text?", True, False, None, id="optional"),
        pytest.param("code:str!", False, True, None, id="unique"),
        pytest.param("code:str?!", True, True, None, id="optional-unique"),
        pytest.param("code:str!?", True, True, None, id="unique-optional-either-order"),
        pytest.param(
            "status:enum[pending,paid]=pending", False, False, "pending", id="enum-default"
        ),
        pytest.param("quantity:int?=1", True, False, "1", id="optional-with-default"),
        pytest.param("code:str!=abc", False, True, "abc", id="unique-with-default"),
        pytest.param("rank:int?!=3", True, True, "3", id="all-three"),
        pytest.param(
            "label:str=hello world", False, False, "hello world", id="str-default-keeps-spaces"
        ),
        pytest.param("label:str=", False, False, "", id="empty-str-default"),
    ],
)
def test_flags_and_default_combine(
    text: str, optional: bool, unique: bool, default: str | None
) -> None:
    field = parse_field(text)
    assert (field.optional, field.unique, field.default) == (optional, unique, default)


@pytest.mark.parametrize(
    "text, required",
    [
        pytest.param("total:decimal", True, id="plain"),
        pytest.param("note:text?", False, id="optional"),
        pytest.param("status:enum[pending,paid]=pending", False, id="defaulted"),
        pytest.param("code:str!", True, id="unique-is-still-required"),
    ],
)
def test_required_on_create(text: str, required: bool) -> None:
    assert parse_field(text).required_on_create is required


@pytest.mark.parametrize(
    "text, column",
    [
        pytest.param("customer:fk[Customer]", "customer_id", id="fk-gets-_id"),
        pytest.param("customer_id:fk[Customer]", "customer_id", id="fk-already-_id"),
        pytest.param("total:decimal", "total", id="scalar-as-is"),
    ],
)
def test_column_name(text: str, column: str) -> None:
    assert parse_field(text).column_name == column


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("n:int=3", id="int"),
        pytest.param("n:int=-3", id="int-negative"),
        pytest.param("n:int=1_000", id="int-underscores"),
        pytest.param("x:float=1.5", id="float"),
        pytest.param("x:float=2", id="float-from-int-literal"),
        pytest.param("x:float=-1.5e3", id="float-exponent"),
        pytest.param("d:decimal=9.99", id="decimal"),
        pytest.param("b:bool=true", id="bool-true"),
        pytest.param("b:bool=False", id="bool-any-case"),
        pytest.param("d:date=2024-01-31", id="date"),
        pytest.param("d:datetime=2024-01-31T10:00:00", id="datetime"),
        pytest.param("u:uuid=12345678-1234-5678-1234-567812345678", id="uuid"),
        pytest.param("s:str=anything at all", id="str"),
        pytest.param("t:text=long", id="text"),
        pytest.param("e:enum[a,b]=b", id="enum-member"),
    ],
)
def test_valid_defaults_are_kept_as_typed(text: str) -> None:
    assert parse_field(text).default == text.split("=", 1)[1]


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param("n:int=1.5", "default '1.5' is not a valid int", id="int-fraction"),
        pytest.param("n:int=abc", "default 'abc' is not a valid int", id="int-word"),
        pytest.param(
            "n:int=007", "default '007' is not a valid int", id="int-leading-zero-does-not-compile"
        ),
        pytest.param("n:int=True", "default 'True' is not a valid int", id="int-bool"),
        pytest.param("n:int=", "default '' is not a valid int", id="int-empty"),
        pytest.param(
            "x:float=nan", "default 'nan' is not a valid float", id="float-nan-is-not-a-literal"
        ),
        pytest.param(
            "x:float=inf", "default 'inf' is not a valid float", id="float-inf-is-not-a-literal"
        ),
        pytest.param("x:float=abc", "default 'abc' is not a valid float", id="float-word"),
        pytest.param("d:decimal=abc", "default 'abc' is not a valid decimal", id="decimal"),
        pytest.param("b:bool=yes", "default 'yes' is not a valid bool", id="bool"),
        pytest.param("d:date=2024-13-01", "default '2024-13-01' is not a valid date", id="date"),
        pytest.param("d:datetime=noon", "default 'noon' is not a valid datetime", id="datetime"),
        pytest.param("u:uuid=x", "default 'x' is not a valid uuid", id="uuid"),
        pytest.param("e:enum[a,b]=c", "default 'c' is not one of a, b", id="enum-not-a-member"),
        pytest.param("j:json={}", "json fields take no default", id="json"),
        pytest.param("c:fk[Customer]=1", "fk fields take no default", id="fk"),
    ],
)
def test_invalid_defaults_are_rejected_per_type(text: str, message: str) -> None:
    with pytest.raises(SpecError, match=message) as exc:
        parse_field(text)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param("total", "does not parse", id="no-type"),
        pytest.param("total:", "does not parse", id="empty-type"),
        pytest.param(":int", "does not parse", id="no-name"),
        pytest.param("Total:int", "does not parse", id="capitalised-name"),
        pytest.param("to-tal:int", "does not parse", id="dash-in-name"),
        pytest.param("total decimal", "does not parse", id="space-instead-of-colon"),
        pytest.param("total:decimal#", "does not parse", id="unknown-flag"),
        pytest.param("total:money", "unknown type 'money'", id="unknown-type"),
        pytest.param("status:enum", "enum needs identifiers", id="enum-without-values"),
        pytest.param("status:enum[]", "enum needs identifiers", id="enum-empty"),
        pytest.param("status:enum[1st,2nd]", "enum needs identifiers", id="enum-non-identifiers"),
        pytest.param("status:enum[a,a]", "enum values repeat", id="enum-repeats"),
        pytest.param(
            "direction:enum[in,out]", "enum value 'in' is a Python keyword", id="enum-keyword"
        ),
        pytest.param(
            "flag:enum[None,Some]", "enum value 'None' is a Python keyword", id="enum-None"
        ),
        pytest.param("customer:fk", "fk needs a model name", id="fk-without-model"),
        pytest.param("customer:fk[]", "fk needs a model name", id="fk-empty"),
        pytest.param("customer:fk[customer]", "fk needs a model name", id="fk-lowercase-model"),
        pytest.param("n:int[3]", "type int takes no", id="argument-on-scalar"),
        pytest.param("id:int", "field name 'id' is reserved", id="reserved-id"),
        pytest.param(
            "created_at:datetime", "field name 'created_at' is reserved", id="reserved-created_at"
        ),
        pytest.param("metadata:json", "field name 'metadata' is reserved", id="reserved-metadata"),
        pytest.param("class:str", "field name 'class' is reserved", id="keyword"),
        pytest.param(
            "_secret:str", "cannot start with an underscore", id="underscore-is-private-in-pydantic"
        ),
        pytest.param("extra:json!", "json fields cannot be unique", id="json-unique"),
    ],
)
def test_field_errors_raise_spec_error_with_one_line(text: str, message: str) -> None:
    with pytest.raises(SpecError, match=message) as exc:
        parse_field(text)
    assert "\n" not in str(exc.value)


def test_resource_without_fields_gets_a_name() -> None:
    spec = parse_resource("Order", [])
    assert spec.fields == (FieldSpec("name", "str"),)
    assert spec.names.pascal == "Order"


def test_resource_keeps_field_order_and_lists_its_enums() -> None:
    spec = parse_resource(
        "Order", ["total:decimal", "status:enum[pending,paid]=pending", "note:text?", "code:str!"]
    )
    assert [f.name for f in spec.fields] == ["total", "status", "note", "code"]
    assert [f.name for f in spec.enum_fields()] == ["status"]


@pytest.mark.parametrize(
    "name, fields, message",
    [
        pytest.param(
            "Order",
            ["total:decimal", "total:int"],
            "field 'total' is given twice",
            id="duplicate-field",
        ),
        pytest.param(
            "Order",
            ["customer:fk[Customer]", "customer_id:int"],
            "field 'customer_id' is given twice",
            id="fk-column-clash",
        ),
        pytest.param("order", [], "must be PascalCase", id="lowercase-resource"),
        pytest.param("line_item", [], "must be PascalCase", id="snake-resource"),
        pytest.param("List", [], "would shadow a Python name", id="List"),
        pytest.param("Type", [], "would shadow a Python name", id="Type"),
        pytest.param("Class", [], "would shadow a Python name", id="keyword-resource"),
        pytest.param("Order", ["total"], "does not parse", id="bad-field-inside"),
    ],
)
def test_resource_errors_raise_spec_error_with_one_line(
    name: str, fields: list[str], message: str
) -> None:
    with pytest.raises(SpecError, match=message) as exc:
        parse_resource(name, fields)
    assert "\n" not in str(exc.value)
