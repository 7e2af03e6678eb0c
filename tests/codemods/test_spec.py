"""The resource spec: `Name field:type[?][!][=default] ...`, parsed and validated once."""

from __future__ import annotations

import pytest

from codemods.errors import SpecError
from codemods.spec import SCALAR_TYPES, FieldSpec, Limits, parse_field, parse_resource


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
        pytest.param("category:fk[Category]!", "a unique fk .one row per Category. is not supported", id="fk-unique"),
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


# -- bounds: str(3..80), int(1..) ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, limits, constraints",
    [
        pytest.param("name:str(3..80)", Limits("3", "80"), (("min_length", "3"), ("max_length", "80")), id="str-both"),
        pytest.param("name:str(..80)", Limits(None, "80"), (("max_length", "80"),), id="str-max-only"),
        pytest.param("name:str(3..)", Limits("3", None), (("min_length", "3"),), id="str-min-only"),
        pytest.param("body:text(..5000)", Limits(None, "5000"), (("max_length", "5000"),), id="text"),
        pytest.param("qty:int(1..)", Limits("1", None), (("ge", "1"),), id="int-min"),
        pytest.param("qty:int(-5..5)", Limits("-5", "5"), (("ge", "-5"), ("le", "5")), id="int-negative"),
        pytest.param("qty:int(1_000..)", Limits("1000", None), (("ge", "1000"),), id="int-canonical"),
        pytest.param("price:decimal(0..1000)", Limits("0", "1000"), (("ge", "0"), ("le", "1000")), id="decimal"),
        pytest.param("price:decimal(0.5..)", Limits("0.5", None), (("ge", 'Decimal("0.5")'),), id="decimal-fraction-exact"),
        pytest.param("ratio:float(0..1)", Limits("0", "1"), (("ge", "0"), ("le", "1")), id="float"),
        pytest.param("ratio:float(-1.5..1e3)", Limits("-1.5", "1e3"), (("ge", "-1.5"), ("le", "1e3")), id="float-literals"),
        pytest.param("name:str( 3 .. 80 )", Limits("3", "80"), (("min_length", "3"), ("max_length", "80")), id="spaces"),
    ],
)
def test_bounds_parse_into_limits_and_pydantic_constraints(
    text: str, limits: Limits, constraints: tuple[tuple[str, str], ...]
) -> None:
    field = parse_field(text)
    assert field.limits == limits
    assert field.constraints() == constraints


def test_a_field_without_bounds_has_no_constraints() -> None:
    assert parse_field("name:str").limits is None
    assert parse_field("name:str").constraints() == ()


@pytest.mark.parametrize(
    "text, optional, unique, default",
    [
        pytest.param("name:str(3..80)?", True, False, None, id="optional"),
        pytest.param("code:str(3..8)!", False, True, None, id="unique"),
        pytest.param("qty:int(1..)=5", False, False, "5", id="default-inside"),
        pytest.param("qty:int(1..10)?!=1", True, True, "1", id="all-three-default-on-bound"),
        pytest.param("code:str(2..3)=abc", False, False, "abc", id="str-default-at-max-length"),
        pytest.param("ratio:float(0..1)=0.5", False, False, "0.5", id="float-default"),
    ],
)
def test_bounds_combine_with_the_suffixes(
    text: str, optional: bool, unique: bool, default: str | None
) -> None:
    field = parse_field(text)
    assert field.limits is not None
    assert (field.optional, field.unique, field.default) == (optional, unique, default)


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param("qty:int(1..)=0", "default 0, below the minimum 1", id="int-default-below"),
        pytest.param("qty:int(..10)=11", "default 11, above the maximum 10", id="int-default-above"),
        pytest.param("price:decimal(0..9.99)=10", "above the maximum 9.99", id="decimal-default-above"),
        pytest.param("ratio:float(0..1)=1.5", "above the maximum 1", id="float-default-above"),
        pytest.param("code:str(3..)=ab", "default 'ab' has length 2, below the minimum 3", id="str-default-short"),
        pytest.param("code:str(..2)=abc", "has length 3, above the maximum 2", id="str-default-long"),
        pytest.param("qty:int(5..1)", "the minimum 5 is above the maximum 1", id="crossed"),
        pytest.param("qty:int(..)", r"\(\.\.\) gives no bound", id="no-bound"),
        pytest.param("qty:int(3)", r"bounds are written \(min..max\)", id="no-dots"),
        pytest.param("name:str(1...5)", r"bounds are written \(min..max\)", id="three-dots-ambiguous"),
        pytest.param("name:str(1.5..)", "bound '1.5' is not a valid length", id="fractional-length"),
        pytest.param("name:str(-1..)", "a length cannot be negative", id="negative-length"),
        pytest.param("name:str(..0)", "a maximum length of 0", id="zero-max-length"),
        pytest.param("qty:int(1.5..)", "bound '1.5' is not a valid int", id="int-fraction"),
        pytest.param("qty:int(..3000000000)", "outside the Integer column's range", id="int-past-column"),
        pytest.param("ratio:float(0..inf)", "bound 'inf' is not a valid float", id="float-inf"),
        pytest.param("price:decimal(a..)", "bound 'a' is not a valid decimal", id="decimal-word"),
        pytest.param("flag:bool(0..1)", r"type bool takes no \(min..max\) bounds", id="bool"),
        pytest.param("due:date(..2030-01-01)", "type date takes no", id="date"),
        pytest.param("status:enum[a,b](1..2)", "type enum takes no", id="enum"),
        pytest.param("name:str(1..2)(3..4)", "does not parse", id="twice"),
        pytest.param("name:str?(3..80)", "does not parse", id="bounds-after-flags"),
    ],
)
def test_bad_bounds_raise_spec_error_with_one_line(text: str, message: str) -> None:
    with pytest.raises(SpecError, match=message) as exc:
        parse_field(text)
    assert "\n" not in str(exc.value)


# -- lists and objects, stored as JSON ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, item",
    [
        pytest.param("tags:list[str]", "str", id="str"),
        pytest.param("scores:list[int]", "int", id="int"),
        pytest.param("weights:list[float]", "float", id="float"),
        pytest.param("flags:list[bool]", "bool", id="bool"),
        pytest.param("tags:list[ str ]", "str", id="spaces"),
    ],
)
def test_a_list_names_its_item_type(text: str, item: str) -> None:
    field = parse_field(text)
    assert (field.type, field.item_type, field.stored_as_json) == ("list", item, True)


def test_a_list_starts_empty_so_it_is_not_required_on_create() -> None:
    assert parse_field("tags:list[str]").required_on_create is False
    assert parse_field("tags:list[str]?").optional is True


def test_an_object_lists_its_members() -> None:
    field = parse_field("address:object{street:str(..80), city:str, floor:int?}")
    assert field.type == "object" and field.stored_as_json and field.required_on_create
    assert field.members == (
        FieldSpec("street", "str", limits=Limits(None, "80")),
        FieldSpec("city", "str"),
        FieldSpec("floor", "int", optional=True),
    )


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param("tags:list", "list items must be one of str, int, float, bool, not 'nothing'", id="no-item"),
        pytest.param("tags:list[]", "not 'nothing'", id="empty-item"),
        pytest.param("due:list[date]", "not 'date'", id="date-is-not-json"),
        pytest.param("tags:list[list[str]]", "does not parse", id="nested-list"),
        pytest.param("tags:list[str(..5)]", r"not 'str\(\.\.5\)'", id="bounded-items"),
        pytest.param("tags:list[str]=a", "list fields take no default", id="default"),
        pytest.param("tags:list[str]!", "list fields cannot be unique", id="unique"),
        pytest.param("tags:list[str](1..3)", "type list takes no", id="bounds"),
        pytest.param("address:object", "object needs members", id="object-without-members"),
        pytest.param("address:object{}", "object members are name:type", id="object-empty"),
        pytest.param("address:object{street}", "must be name:type", id="member-without-type"),
        pytest.param("address:object{when:date}", "not 'date'", id="member-not-json"),
        pytest.param("address:object{a:str,a:int}", "object members repeat", id="member-repeats"),
        pytest.param("address:object{geo:object{lat:float}}", "nothing nested", id="nested-object"),
        pytest.param("address:object{kind:enum[a,b]}", "nothing nested", id="member-enum"),
        pytest.param("address:object{class:str}", "field name 'class' is reserved", id="member-keyword"),
        pytest.param("address:object{street:str}!", "object fields cannot be unique", id="object-unique"),
        pytest.param("address:object{street:str}=x", "object fields take no default", id="object-default"),
        pytest.param("total:int{street:str}", r"type int takes no \{...\} members", id="members-on-scalar"),
    ],
)
def test_bad_lists_and_objects_raise_spec_error_with_one_line(text: str, message: str) -> None:
    with pytest.raises(SpecError, match=message) as exc:
        parse_field(text)
    assert "\n" not in str(exc.value)


def test_an_object_member_may_use_a_name_reserved_for_columns() -> None:
    assert parse_field("ref:object{id:str}").members == (FieldSpec("id", "str"),)


# -- discriminated unions ------------------------------------------------------------------------


def test_a_union_lists_its_variants_as_tagged_objects() -> None:
    field = parse_field("payment:union[card{last4:str(4..4)},transfer{iban:str},cash{}]?")
    assert (field.type, field.optional, field.stored_as_json) == ("union", True, True)
    assert [v.name for v in field.variants] == ["card", "transfer", "cash"]
    assert field.variants[0].members == (FieldSpec("last4", "str", limits=Limits("4", "4")),)
    assert field.variants[2].members == ()
    assert field.required_on_create is False


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param("payment:union[card{last4:str}]", "a union needs two variants or more", id="one-variant"),
        pytest.param("payment:union[]", "union needs tagged variants", id="empty"),
        pytest.param("payment:union", "union needs tagged variants", id="no-variants"),
        pytest.param("payment:union[card,transfer]", "union needs tagged variants", id="untagged"),
        pytest.param("payment:union[card{a:str}transfer{}]", "union needs tagged variants", id="no-comma"),
        pytest.param("payment:union[card{},card{}]", "union tags repeat", id="repeated-tag"),
        pytest.param("payment:union[card{type:str},b{}]", "cannot have a member named 'type'", id="member-type"),
        pytest.param("payment:union[class{},b{}]", "union tag 'class' is a Python keyword", id="keyword-tag"),
        pytest.param("payment:union[a{x:date},b{}]", "not 'date'", id="member-not-json"),
        pytest.param("payment:union[a{},b{}]!", "union fields cannot be unique", id="unique"),
        pytest.param("payment:union[a{},b{}]=a", "union fields take no default", id="default"),
        pytest.param("payment:union[a{},b{}](1..2)", "type union takes no", id="bounds"),
    ],
)
def test_bad_unions_raise_spec_error_with_one_line(text: str, message: str) -> None:
    with pytest.raises(SpecError, match=message) as exc:
        parse_field(text)
    assert "\n" not in str(exc.value)


def test_two_fields_that_would_define_the_same_class_are_refused() -> None:
    with pytest.raises(SpecError, match=r"would both define a class \.\.\.PaymentCard"):
        parse_resource("Order", ["payment:union[card{},cash{}]", "payment_card:object{a:int}"])


# -- computed fields -----------------------------------------------------------------------------


def test_a_computed_field_is_kept_apart_from_the_stored_ones() -> None:
    spec = parse_resource("Order", ["qty:int", "price:decimal", "@total=qty * price"])
    assert [f.name for f in spec.fields] == ["qty", "price"]
    (total,) = spec.computed
    assert (total.name, total.expression, total.type) == ("total", "qty * price", "decimal")
    assert total.reads == (("qty", "int"), ("price", "decimal"))


@pytest.mark.parametrize(
    "fields, message",
    [
        pytest.param(["qty:int", "@qty=qty*2"], "field 'qty' is given twice", id="name-taken"),
        pytest.param(["qty:int", "@id=qty*2"], "field name 'id' is reserved", id="reserved"),
        pytest.param(["qty:int?", "@t=qty*2"], "field 'qty' is optional", id="optional-field"),
        pytest.param(["qty:int", "@t=other*2"], "'other' is not a field of the resource", id="unknown-field"),
        pytest.param(["qty:int", "@t=qty**2"], "only \\+ - \\* / over", id="power"),
        pytest.param(["qty:int", "@t=__import__('os').system('x')"], "is not allowed", id="call"),
        pytest.param(["qty:int", "@t=qty.real"], "is not allowed", id="attribute"),
        pytest.param(["qty:int", "@t=qty/0"], "divide by a literal other than 0", id="by-zero"),
        pytest.param(["qty:int", "n:int", "@t=qty/n"], "divide by a literal other than 0", id="by-field"),
        pytest.param(["name:str", "@t=name*3"], "text only joins text", id="repeat-text"),
        pytest.param(["name:str", "qty:int", "@t=name+qty"], "text only joins text", id="text-plus-number"),
        pytest.param(["p:decimal", "r:float", "@t=p*r"], "do not mix exactly", id="decimal-float-fields"),
        pytest.param(["on:bool", "@t=on+1"], "field 'on' is bool", id="bool"),
        pytest.param(["qty:int", "@t=1+2"], "reads no field", id="constant"),
        pytest.param(["qty:int", "@t=qty*"], "is not an expression", id="syntax"),
        pytest.param(["qty:int", "@t"], "expected @name=expression", id="no-expression"),
        pytest.param(["qty:int", "@T=qty"], "expected @name=expression", id="bad-name"),
    ],
)
def test_bad_computed_fields_raise_spec_error_with_one_line(fields: list[str], message: str) -> None:
    with pytest.raises(SpecError, match=message) as exc:
        parse_resource("Order", fields)
    assert "\n" not in str(exc.value)
