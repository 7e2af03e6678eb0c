"""The range of values a column holds, for the query parameters compared with it.

A filter compares its parameter with the column in the query, and the driver binds it as the
column's type: PostgreSQL refuses an int past its INTEGER (asyncpg: "value out of int32 range")
or a decimal past its NUMERIC(12, 2) ("numeric field overflow"), and the route answers 500. Bound
in its `Query(...)`, such a request is a 422 before any query runs. Read from the planned model's
column statement: `BigInteger`, `SmallInteger` or a plain integer column (INTEGER, SQLModel's
`int`); `Numeric(12, 2)` or SQLModel's `max_digits=12, decimal_places=2`. A column whose range the
statement does not show (a Numeric without precision) is left unbounded.

    qty: Mapped[int | None] = mapped_column(Integer)          -> ge=-(2**31), le=2**31 - 1
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2))    -> gt=-(10**10), lt=10**10
"""

from __future__ import annotations

import re

_INTEGERS = (
    ("BigInteger|BIGINT", ("ge", "-(2**63)"), ("le", "2**63 - 1")),
    ("SmallInteger|SMALLINT", ("ge", "-(2**15)"), ("le", "2**15 - 1")),
)
_INTEGER = (("ge", "-(2**31)"), ("le", "2**31 - 1"))
_NUMERIC = re.compile(r"\b(?:Numeric|DECIMAL|Decimal|NUMERIC)\(\s*(\d+)\s*,\s*(\d+)\s*\)")
_DIGITS = re.compile(r"\bmax_digits\s*=\s*(\d+)\b.*?\bdecimal_places\s*=\s*(\d+)\b|\bdecimal_places\s*=\s*(\d+)\b.*?\bmax_digits\s*=\s*(\d+)\b", re.S)


def value_range(kind: str, column: str) -> tuple[tuple[str, str], ...]:
    """The `Query(...)` keywords bounding a parameter compared with the column whose statement is
    `column`, a field of the spec's `kind` (int or decimal); none where it shows no range."""
    if kind == "int":
        for word, low, high in _INTEGERS:
            if re.search(rf"\b(?:{word})\b", column):
                return low, high
        return _INTEGER
    if kind == "decimal":
        found = _NUMERIC.search(column)
        if found is not None:
            digits, places = int(found.group(1)), int(found.group(2))
        else:
            found = _DIGITS.search(column)
            if found is None:
                return ()
            digits, places = (int(found.group(1)), int(found.group(2))) if found.group(1) else (int(found.group(4)), int(found.group(3)))
        whole = digits - places  # the digits before the point: below 10**whole in size
        return ("gt", f"-(10**{whole})"), ("lt", f"10**{whole}")
    return ()


__all__ = ["value_range"]
