"""Field code we write fresh: a schema field accepts only what its column can hold."""

from __future__ import annotations

from codemods.clone.field_code import class_field
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
