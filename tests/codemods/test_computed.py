"""Computed fields: `@name=expr` checked with `ast`, written as a property and as a test's expectation."""

from __future__ import annotations

import pytest

from codemods.computed import parse_computed, property_code, require_pydantic_2
from codemods.errors import ConventionError

FIELDS = {"qty": "int", "price": "decimal", "ratio": "float", "first": "str", "last": "text"}


def computed(text: str):
    return parse_computed(text, FIELDS, set())


@pytest.mark.parametrize(
    "text, kind, code",
    [
        pytest.param("@n=qty*100", "int", "self.qty * 100", id="int"),
        pytest.param("@n=qty/2", "float", "self.qty / 2", id="division-is-float"),
        pytest.param("@n=ratio*qty", "float", "self.ratio * self.qty", id="float"),
        pytest.param("@n=price*qty", "decimal", "self.price * self.qty", id="decimal-times-int"),
        pytest.param(
            "@n=price*1.2", "decimal", 'self.price * Decimal("1.2")', id="float-literal-made-exact"
        ),
        pytest.param("@n=-(price-1)/2", "decimal", "-(self.price - 1) / 2", id="parentheses-kept"),
        pytest.param(
            '@n=first+" "+last', "str", 'self.first + " " + self.last', id="concatenation"
        ),
    ],
)
def test_the_expression_is_typed_and_reads_self(text: str, kind: str, code: str) -> None:
    field = computed(text)
    assert (field.type, field.code()) == (kind, code)


def test_a_test_s_expectation_reads_the_payload_a_decimal_from_its_json_string() -> None:
    field = computed("@n=price*qty")
    assert (
        field.over(lambda name: f'payload["{name}"]')
        == 'Decimal(str(payload["price"])) * payload["qty"]'
    )
    literals = {"price": '"12.50"', "qty": "3"}
    assert field.over(literals.__getitem__) == 'Decimal("12.50") * 3'


def test_the_property_is_a_computed_field_with_its_return_type() -> None:
    assert property_code(computed("@total=price*qty")) == (
        "    @computed_field\n"
        "    @property\n"
        "    def total(self) -> Decimal:\n"
        "        return self.price * self.qty\n"
    )


def test_pydantic_1_has_no_computed_fields() -> None:
    require_pydantic_2((), 1)
    require_pydantic_2((computed("@n=qty*2"),), 2)
    with pytest.raises(ConventionError, match="@computed_field needs pydantic 2") as exc:
        require_pydantic_2((computed("@n=qty*2"),), 1)
    assert "\n" not in str(exc.value)
