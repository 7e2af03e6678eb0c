"""value_range: what a filter's query parameter compared with a column is bounded by, read from
the planned model's column statement (see codemods/column_range.py)."""

from __future__ import annotations

import pytest

from codemods.column_range import value_range


@pytest.mark.parametrize(
    ("kind", "column", "expected"),
    [
        ("int", "qty: Mapped[int | None] = mapped_column(Integer)", (("ge", "-(2**31)"), ("le", "2**31 - 1"))),
        ("int", "qty: Mapped[int]", (("ge", "-(2**31)"), ("le", "2**31 - 1"))),  # mapped as INTEGER
        ("int", "qty: int | None = Field(default=None)", (("ge", "-(2**31)"), ("le", "2**31 - 1"))),  # SQLModel
        ("int", "views = Column(BigInteger, nullable=False)", (("ge", "-(2**63)"), ("le", "2**63 - 1"))),
        ("int", "rank = sa.Column(sa.SMALLINT)", (("ge", "-(2**15)"), ("le", "2**15 - 1"))),
        ("decimal", "total: Mapped[Decimal] = mapped_column(Numeric(12, 2))", (("gt", "-(10**10)"), ("lt", "10**10"))),
        ("decimal", "price = Column(DECIMAL(8, 3))", (("gt", "-(10**5)"), ("lt", "10**5"))),
        ("decimal", "total: Decimal = Field(max_digits=10, decimal_places=2)", (("gt", "-(10**8)"), ("lt", "10**8"))),
        ("decimal", "total: Decimal = Field(decimal_places=2, max_digits=6)", (("gt", "-(10**4)"), ("lt", "10**4"))),
        ("decimal", "total = Column(Numeric)", ()),  # no precision: no range to tell
        ("str", "name: Mapped[str] = mapped_column(String(80))", ()),
        ("date", "day: Mapped[date]", ()),
    ],
)
def test_a_parameter_compared_with_a_column_is_bounded_by_what_the_column_holds(kind: str, column: str, expected) -> None:
    assert value_range(kind, column) == expected
