"""ComputedFields: the read schema of the clone gains a `@computed_field` property per `@name=expr`."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.computed_fields import add_computed
from codemods.names import ResourceNames
from codemods.spec import parse_resource

SPEC = parse_resource("Order", ["qty:int", "price:decimal", "@total=qty*price"])


def edited(before: str) -> tuple[str, set[str], bool]:
    module, imports, found = add_computed(
        cst.parse_module(textwrap.dedent(before)), SPEC.computed, SPEC.names
    )
    return module.code, {i.bound for i in imports}, found


def test_a_module_without_a_read_schema_is_left_alone() -> None:
    before = """\
        class OrderCreate(BaseModel):
            qty: int
    """
    assert edited(before) == (textwrap.dedent(before), set(), False)


def test_a_property_already_there_is_not_added_twice() -> None:
    before = """\
        class OrderResponse(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            @computed_field
            @property
            def total(self) -> Decimal:
                return self.qty * self.price
    """
    assert edited(before) == (textwrap.dedent(before), set(), True)


def test_the_row_reading_class_gets_the_property_its_input_classes_do_not() -> None:
    before = """\
        class OrderCreate(BaseModel):
            qty: int


        class OrderResponse(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            id: int
            qty: int
    """
    after = """\
        class OrderCreate(BaseModel):
            qty: int


        class OrderResponse(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            id: int
            qty: int

            @computed_field
            @property
            def total(self) -> Decimal:
                return self.qty * self.price
    """
    code, imports, found = edited(before)
    assert code == textwrap.dedent(after)
    cst.parse_module(code)
    assert imports == {"computed_field", "Decimal"} and found


def test_of_two_row_reading_classes_only_the_base_gets_it() -> None:
    before = """\
        class OrderInDBBase(OrderBase):
            id: int

            class Config:
                orm_mode = True


        class Order(OrderInDBBase):
            class Config:
                orm_mode = True
    """
    code, _, _ = edited(before)
    assert code.count("def total") == 1
    assert code.index("def total") < code.index("class Order(")


def test_another_resource_s_read_schema_is_not_touched() -> None:
    before = """\
        class CategoryResponse(BaseModel):
            model_config = ConfigDict(from_attributes=True)
    """
    assert edited(before)[2] is False
    assert ResourceNames.parse("Order").pascal == "Order"


def test_a_class_the_module_had_before_the_clone_is_not_the_new_resource_s() -> None:
    before = """\
        class OrderItemResponse(BaseModel):
            model_config = ConfigDict(from_attributes=True)
    """
    module = cst.parse_module(textwrap.dedent(before))
    assert (
        add_computed(module, SPEC.computed, SPEC.names, frozenset({"OrderItemResponse"}))[2]
        is False
    )


def test_sqlmodel_s_response_class_is_found_by_its_name() -> None:
    before = """\
        class Order(OrderBase, table=True):
            id: int | None = Field(default=None, primary_key=True)


        class OrderPublic(OrderBase):
            id: int
    """
    code, _, found = edited(before)
    assert found and code.index("def total") > code.index("class OrderPublic")
