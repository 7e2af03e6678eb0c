"""Range filters: how the project's list routes name a column's bounds (`price__gte`, `min_price`...)."""

from __future__ import annotations

from dataclasses import dataclass

from detectors._deps import function_params
from detectors.project import ProjectIndex
from detectors.response import is_collection

# (prefix, suffix) pairs for the lower and the upper bound, the most common spellings first
SPELLINGS = (
    (("", "__gte"), ("", "__lte")),
    (("", "_gte"), ("", "_lte")),
    (("", "__ge"), ("", "__le")),
    (("min_", ""), ("max_", "")),
    (("", "_min"), ("", "_max")),
    (("", "_from"), ("", "_to")),
)


@dataclass(frozen=True)
class RangeNaming:
    """How a column's lower and upper bound parameters are spelled; `evidence` is where it was seen."""

    low_affixes: tuple[str, str] = ("", "__gte")
    high_affixes: tuple[str, str] = ("", "__lte")
    evidence: str = ""  # `app/routers/items.py: price_min, price_max`; empty: the default

    def low(self, column: str) -> str:
        return f"{self.low_affixes[0]}{column}{self.low_affixes[1]}"

    def high(self, column: str) -> str:
        return f"{self.high_affixes[0]}{column}{self.high_affixes[1]}"


def detect_range_naming(index: ProjectIndex) -> RangeNaming:
    """The spelling of a bound pair some list route of the project takes (both bounds of one
    column), else `COLUMN__gte`/`COLUMN__lte`."""
    for endpoint in index.endpoints():
        if endpoint.module.is_test or not is_collection(endpoint):
            continue
        names = {a.arg for a, _ in function_params(endpoint.func)}
        for low, high in SPELLINGS:
            for name in sorted(names):
                column = _column(name, low)
                if column and f"{high[0]}{column}{high[1]}" in names:
                    seen = f"{endpoint.module.path}: {name}, {high[0]}{column}{high[1]}"
                    return RangeNaming(low, high, seen)
    return RangeNaming()


def _column(name: str, affixes: tuple[str, str]) -> str | None:
    prefix, suffix = affixes
    if name.startswith(prefix) and name.endswith(suffix) and len(name) > len(prefix) + len(suffix):
        return name[len(prefix) : len(name) - len(suffix)]
    return None
