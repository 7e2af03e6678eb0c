"""ColumnIndex: `index=True` on the columns a list route filters on."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.column_index import ColumnIndex


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(
    before: str, columns: tuple[str, ...], classes=("Order",), call: str | None = None
) -> str:
    after = cst.parse_module(code(before)).visit(ColumnIndex(classes, columns, call)).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


MODEL = """\
    class Order(Base):
        __tablename__ = "orders"

        status = Column(String(20), nullable=False)
        total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
        customer_name: Mapped[str] = mapped_column(String(100), index=True)
"""


def test_another_class_is_left_alone() -> None:
    assert changed(MODEL, ("status",), classes=("Item",)) == code(MODEL)


def test_an_indexed_column_is_left_alone() -> None:
    assert changed(MODEL, ("customer_name",)) == code(MODEL)


def test_columns_get_an_index() -> None:
    assert changed(MODEL, ("status", "total")) == code(
        """\
        class Order(Base):
            __tablename__ = "orders"

            status = Column(String(20), nullable=False, index=True)
            total: Mapped[Decimal] = mapped_column(Numeric(12, 2), index=True)
            customer_name: Mapped[str] = mapped_column(String(100), index=True)
        """
    )


def test_index_false_becomes_true_and_sqlmodel_fields_count() -> None:
    before = """\
        class Order(SQLModel, table=True):
            status: str = Field(index=False, max_length=20)
    """
    assert changed(before, ("status",)) == code(
        """\
        class Order(SQLModel, table=True):
            status: str = Field(max_length=20, index=True)
        """
    )


def test_a_field_without_a_column_call_gets_the_one_its_siblings_use() -> None:
    before = """\
        class OrderBase(SQLModel):
            status: OrderStatus = OrderStatus.pending
            customer_name: str
            note: str | None = Field(default=None, max_length=80)


        class OrderUpdate(OrderBase):
            status: OrderStatus | None = None


        class Order(OrderBase, table=True):
            id: int | None = Field(default=None, primary_key=True)
    """
    after = changed(before, ("status", "customer_name"), ("Order", "OrderBase"), "Field")
    assert "    status: OrderStatus = Field(default=OrderStatus.pending, index=True)" in after
    assert "    customer_name: str = Field(index=True)" in after
    assert "    status: OrderStatus | None = None" in after  # not a class of the table
