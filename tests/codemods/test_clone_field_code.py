"""Field code we write fresh: a schema field accepts only what its column can hold."""

from __future__ import annotations

import pytest

from codemods.clone.field_code import (
    optional_digits,
    class_field,
    member_class,
    migration_column,
    sample,
    union_classes,
)
from codemods.imports import Import
from codemods.names import ResourceNames
from codemods.spec import parse_field

ORDER = ResourceNames.parse("Order")


def schema_field(text: str, partial: bool = False) -> str:
    written = class_field(
        "annotated", ORDER, parse_field(text), partial=partial, optional_style="pipe", sa_prefix="", fk_table=None
    )
    return written.code


def test_an_int_is_bounded_to_the_integer_column_s_range() -> None:
    assert schema_field("quantity:int") == "quantity: int = Field(ge=-(2**31), le=2**31 - 1)\n"
    assert schema_field("quantity:int", partial=True) == (
        "quantity: int | None = Field(default=None, ge=-(2**31), le=2**31 - 1)\n"
    )
    assert schema_field("quantity:int=3") == "quantity: int = Field(default=3, ge=-(2**31), le=2**31 - 1)\n"


def test_a_required_decimal_is_bounded_to_numeric_12_2_an_optional_one_is_not() -> None:
    assert schema_field("total:decimal") == "total: Decimal = Field(max_digits=12, decimal_places=2)\n"
    # pydantic before 2.7 rejects max_digits on `Decimal | None`
    assert schema_field("total:decimal", partial=True) == "total: Decimal | None = None\n"


def test_other_types_are_written_plain() -> None:
    assert schema_field("note:text?") == "note: str | None = None\n"


def model_field(text: str, style: str = "mapped") -> str:
    written = class_field(style, ORDER, parse_field(text), partial=False, optional_style="pipe", sa_prefix="", fk_table=None)
    return written.code


# -- bounds ------------------------------------------------------------------------------------


def test_a_user_bound_replaces_its_side_of_the_integer_column_s_range() -> None:
    assert schema_field("qty:int(1..)") == "qty: int = Field(ge=1, le=2**31 - 1)\n"
    assert schema_field("qty:int(..10)?") == "qty: int | None = Field(default=None, ge=-(2**31), le=10)\n"


def test_string_bounds_are_lengths_and_the_maximum_is_the_column_s_length() -> None:
    assert schema_field("name:str(3..80)") == "name: str = Field(min_length=3, max_length=80)\n"
    assert schema_field("name:str(3..80)", partial=True) == (
        "name: str | None = Field(default=None, min_length=3, max_length=80)\n"
    )
    assert model_field("name:str(3..80)") == "name: Mapped[str] = mapped_column(String(80))\n"
    assert model_field("name:str(3..)", "column") == "name = Column(String(255), nullable=False)\n"


def test_decimal_bounds_join_the_column_s_digits_and_stay_exact() -> None:
    assert schema_field("price:decimal(0..1000)") == (
        "price: Decimal = Field(max_digits=12, decimal_places=2, ge=0, le=1000)\n"
    )
    # optional: no digits (pydantic before 2.7), but the bounds hold
    assert schema_field("price:decimal(0.5..)?") == 'price: Decimal | None = Field(default=None, ge=Decimal("0.5"))\n'


def test_float_bounds() -> None:
    assert schema_field("ratio:float(0..1)=0.5") == "ratio: float = Field(default=0.5, ge=0, le=1)\n"


@pytest.mark.parametrize(
    "text, first, second",
    [
        pytest.param("name:str(3..80)", '"name one"', '"name two"', id="inside-already"),
        pytest.param("code:str(..2)", '"co"', '"wo"', id="cut-apart"),
        pytest.param("code:str(12..)", '"code onexxxx"', '"code twoxxxx"', id="padded"),
        pytest.param("qty:int(10..20)", "10", "20", id="int-to-the-bounds"),
        pytest.param("qty:int(10..)", "10", "11", id="int-minimum-only"),
        pytest.param("qty:int(..1)", "1", "0", id="int-maximum-only"),
        pytest.param("price:decimal(100..)", '"100.00"', '"101.00"', id="decimal-stays-a-string"),
        pytest.param("ratio:float(0..1)", "1", "0", id="float"),
    ],
)
def test_samples_fall_inside_the_bounds_and_differ(text: str, first: str, second: str) -> None:
    field = parse_field(text)
    assert (sample(field), sample(field, second=True)) == (first, second)


# -- lists and objects -------------------------------------------------------------------------


def test_a_list_is_a_json_column_starting_as_a_fresh_empty_list() -> None:
    assert schema_field("tags:list[str]") == "tags: list[str] = Field(default_factory=list)\n"
    assert schema_field("tags:list[str]", partial=True) == "tags: list[str] | None = None\n"
    assert model_field("tags:list[str]") == "tags: Mapped[list[str]] = mapped_column(JSON, default=list)\n"
    assert model_field("tags:list[int]?", "column") == "tags = Column(JSON, nullable=True)\n"
    assert migration_column(ORDER, parse_field("tags:list[str]"), "sa", None) == (
        'sa.Column("tags", sa.JSON(), nullable=False)'
    )


def test_a_list_follows_a_module_that_writes_typing_s_list() -> None:
    written = class_field(
        "annotated", ORDER, parse_field("tags:list[str]?"), partial=False,
        optional_style="optional", sa_prefix="", fk_table=None, sequence_style="typing",
    )
    assert written.code == "tags: Optional[List[str]] = None\n"
    assert Import("typing", "List") in written.imports


def test_an_object_is_its_sub_model_in_schemas_and_a_dict_in_the_model() -> None:
    address = parse_field("address:object{street:str(..80),floor:int?}")
    assert schema_field("address:object{street:str}") == "address: OrderAddress\n"
    assert model_field("address:object{street:str}") == "address: Mapped[dict] = mapped_column(JSON)\n"
    assert member_class(ORDER, address).code == (
        "class OrderAddress(BaseModel):\n"
        "    street: str = Field(max_length=80)\n"
        "    floor: int | None = None\n"
    )
    assert sample(address) == '{"street": "street one", "floor": 3}'


# -- discriminated unions ------------------------------------------------------------------------


def test_a_union_is_its_alias_in_schemas_and_a_dict_in_the_model() -> None:
    text = "payment:union[card{last4:str},cash{}]"
    assert schema_field(text) == "payment: OrderPayment\n"
    assert schema_field(text, partial=True) == "payment: OrderPayment | None = None\n"
    assert model_field(text) == "payment: Mapped[dict] = mapped_column(JSON)\n"


def test_a_union_s_classes_carry_their_tag_and_the_alias_its_discriminator() -> None:
    written = union_classes(ORDER, parse_field("payment:union[card{last4:str(4..4)},cash{}]"))
    assert written.code == (
        "class OrderPaymentCard(BaseModel):\n"
        '    type: Literal["card"]\n'
        "    last4: str = Field(min_length=4, max_length=4)\n"
        "\n\n"
        "class OrderPaymentCash(BaseModel):\n"
        '    type: Literal["cash"]\n'
        "\n\n"
        'OrderPayment = Annotated[Union[OrderPaymentCard, OrderPaymentCash], Field(discriminator="type")]\n'
    )
    assert {i.bound for i in written.imports} == {"Literal", "Annotated", "Union", "BaseModel", "Field"}


def test_a_union_sample_is_a_tagged_variant_the_second_another_one() -> None:
    field = parse_field("payment:union[card{last4:str},transfer{iban:str}]")
    assert sample(field) == '{"type": "card", "last4": "last4 one"}'
    assert sample(field, second=True) == '{"type": "transfer", "iban": "iban two"}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("note:text?", "note: str | None = Field(default=None, sa_type=Text)\n"),
        ("status:enum[a,b]=a", "status: OrderStatus = Field(default=OrderStatus.a, index=True)\n"),
        ("customer_id:fk[Customer]", 'customer_id: int = Field(foreign_key="customers.id", index=True)\n'),
        ("code:str!", "code: str = Field(max_length=255, unique=True)\n"),
    ],
    ids=["text", "enum", "fk", "unique"],
)
def test_a_sqlmodel_class_field_carries_its_column_as_the_revision_makes_it(text: str, expected: str) -> None:
    """A SQLModel class's fields are its table's: Text, the String(255), the key, the index and
    the unique constraint the revision makes are in `Field(...)`, or `alembic check` finds the
    model differs."""
    written = class_field(
        "annotated", ORDER, parse_field(text), partial=False, optional_style="pipe", sa_prefix="",
        fk_table="customers", field_module="sqlmodel",
    )
    assert written.code == expected


def test_an_update_schema_field_carries_no_column_options() -> None:
    written = class_field(
        "annotated", ORDER, parse_field("customer_id:fk[Customer]"), partial=True, optional_style="pipe",
        sa_prefix="", fk_table="customers", field_module="sqlmodel",
    )
    assert written.code == "customer_id: int | None = None\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("label:str", "label: str = Field(max_length=255)\n"),
        ("label:str?", "label: str | None = Field(default=None, max_length=255)\n"),
        ("label:str(2..80)", "label: str = Field(min_length=2, max_length=80)\n"),
        ("label:str(2..)", "label: str = Field(min_length=2, max_length=255)\n"),
        ("note:text", "note: str\n"),
    ],
    ids=["str", "optional", "bounded", "minimum-only", "text"],
)
def test_a_request_schema_s_str_field_is_bounded_by_its_string_column(text: str, expected: str) -> None:
    """A str column is String(255), or String(N) for `str(..N)`: longer text is a 422, not the
    database refusing the row; Text has no length."""
    written = class_field("annotated", ORDER, parse_field(text), partial=False, optional_style="pipe", sa_prefix="", fk_table=None)
    assert written.code == expected


def test_a_schema_reading_rows_takes_no_bounds() -> None:
    for text in ("label:str", "total:decimal", "qty:int"):
        written = class_field(
            "annotated", ORDER, parse_field(text), partial=False, optional_style="pipe", sa_prefix="", fk_table=None, bounded=False
        )
        assert "Field" not in written.code, written.code


@pytest.mark.parametrize(
    ("pydantic_version", "declared", "form"),
    [
        (2, (2, 7), "field"),
        (2, (2, 11, 3), "field"),  # a lock's: the release installed
        (2, (2, 5), "constrained"),  # Field(max_digits=...) on `Decimal | None` fails to import before 2.7
        (2, None, "constrained"),  # any pydantic 2 may be installed
        (1, (2, 0), "constrained"),  # written for 1, allowing 2.0
        (1, None, "field"),  # pydantic 1, or a 2 as released since 2.7
        (1, (1, 10), "field"),
        (None, None, "none"),
    ],
)
def test_an_optional_decimal_s_digits_are_written_as_every_allowed_pydantic_takes_them(pydantic_version, declared, form) -> None:
    assert optional_digits(pydantic_version, declared) == form


@pytest.mark.parametrize(
    ("text", "partial", "digits", "expected"),
    [
        ("price:decimal?", False, "field", "price: Decimal | None = Field(default=None, max_digits=12, decimal_places=2)\n"),
        ("price:decimal?", False, "constrained", "price: condecimal(max_digits=12, decimal_places=2) | None = None\n"),
        ("cost:decimal", True, "constrained", "cost: condecimal(max_digits=12, decimal_places=2) | None = None\n"),
        ("price:decimal?", False, "none", "price: Decimal | None = None\n"),
        ("cost:decimal", False, "constrained", "cost: Decimal = Field(max_digits=12, decimal_places=2)\n"),
    ],
    ids=["field", "constrained", "update-schema", "unknown-pydantic", "required"],
)
def test_an_optional_decimal_is_bounded_by_its_numeric_column(text: str, partial: bool, digits: str, expected: str) -> None:
    """Numeric(12, 2): more digits is a 422, not the database refusing the row."""
    written = class_field(
        "annotated", ORDER, parse_field(text), partial=partial, optional_style="pipe", sa_prefix="", fk_table=None, digits=digits
    )
    assert written.code == expected
    bound = {i.bound for i in written.imports}
    assert ("condecimal" in bound) == ("condecimal" in expected) and ("Decimal" in bound) == ("Decimal " in expected or "Decimal |" in expected)


def test_a_constrained_optional_decimal_with_a_default_keeps_its_decimal_import() -> None:
    written = class_field(
        "annotated", ORDER, parse_field("price:decimal?=1.5"), partial=False, optional_style="pipe", sa_prefix="", fk_table=None,
        digits="constrained",
    )
    assert written.code == 'price: condecimal(max_digits=12, decimal_places=2) | None = Decimal("1.5")\n'
    assert {"Decimal", "condecimal"} <= {i.bound for i in written.imports}
