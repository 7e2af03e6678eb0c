"""Test values moved inside a field's bounds (`str(3..80)`, `int(1..)`), for every test writer."""

from __future__ import annotations

import ast
import decimal

from codemods.spec import FieldSpec


def fresh_length(field: FieldSpec) -> int | None:
    """How many random hex characters make a unique text field's value distinct on every run
    where its bounds leave no room for more (`str(3..12)!`): 8, or its minimum length when that
    is longer; None where its bounds admit neither (under 8 characters, over 32)."""
    low = int(field.limits.low) if field.limits is not None and field.limits.low is not None else 0
    high = int(field.limits.high) if field.limits is not None and field.limits.high is not None else None
    size = max(low, 8)
    return size if size <= 32 and (high is None or size <= high) else None


def fit(field: FieldSpec, literal: str, second: bool = False) -> str:
    """`literal` (a str or number literal, a decimal as a quoted string) padded, cut or moved to a
    bound so the field accepts it; `second` keeps the second of two samples distinct. Any other
    expression comes back as it is."""
    if field.limits is None:
        return literal
    try:
        value = ast.literal_eval(literal)
    except (ValueError, SyntaxError, TypeError, RecursionError):
        return literal  # f"...", a name, a call: not a literal we can measure
    if field.type in ("str", "text") and isinstance(value, str):
        return (
            repr(_fit_text(value, field, second)).replace("'", '"') if '"' not in value else literal
        )
    if field.type in ("int", "float", "decimal") and not isinstance(value, bool):
        try:
            number = decimal.Decimal(str(value))
        except decimal.InvalidOperation:
            return literal
        moved = _fit_number(number, field, second)
        if moved == number:
            return literal
        if field.type == "decimal" and number.as_tuple().exponent < 0:
            moved = moved.quantize(decimal.Decimal(1).scaleb(number.as_tuple().exponent))  # "5.00"
        text = str(int(moved)) if field.type == "int" else str(moved)
        return f'"{text}"' if isinstance(value, str) else text
    return literal


def _fit_text(value: str, field: FieldSpec, second: bool) -> str:
    least = int(field.limits.low or 0)
    most = int(field.limits.high) if field.limits.high is not None else None
    value = value.ljust(least, "x")
    if most is not None and len(value) > most:
        # the second sample keeps its end ("... two"), so the two stay apart
        value = value[-most:] if second else value[:most]
        # a cut that ends on a space would not survive a project's whitespace stripping
        value = value.strip().ljust(len(value), "x")
    return value


def _bound(text: str | None) -> decimal.Decimal | None:
    return decimal.Decimal(str(ast.literal_eval(text))) if text is not None else None


def _fit_number(value: decimal.Decimal, field: FieldSpec, second: bool) -> decimal.Decimal:
    """The nearest bound; the second sample the other bound (or one step inside a lone one)."""
    low, high = _bound(field.limits.low), _bound(field.limits.high)
    if (low is None or value >= low) and (high is None or value <= high):
        return value
    nearest, other = (low, high) if low is not None and value < low else (high, low)
    if not second:
        return nearest
    if other is not None:
        return other
    return nearest + 1 if nearest == low else nearest - 1


def breaking(field: FieldSpec) -> str | None:
    """A literal the field's bounds refuse (one past a bound), for a test expecting 422; None
    for a field without bounds."""
    if field.limits is None:
        return None
    low, high = field.limits.low, field.limits.high
    if field.type in ("str", "text"):
        if high is None and int(low) == 0:
            return None  # (0..) refuses no string
        return f'"{"x" * (int(high) + 1)}"' if high is not None else f'"{"x" * (int(low) - 1)}"'
    past = _bound(high) + 1 if high is not None else _bound(low) - 1
    text = str(int(past)) if field.type == "int" else str(past)
    return f'"{text}"' if field.type == "decimal" else text
