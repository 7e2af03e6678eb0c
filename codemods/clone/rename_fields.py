"""Rename a paired exemplar field to the new field it became, wherever the code names it.

Before (`sku` paired with `code`):  item = get_item_by_sku(db, sku=data.sku); {"sku": "A1"}
After:                              item = get_item_by_code(db, code=data.code); {"code": "A1"}

Identifiers are renamed by whole snake-case words, attributes and keywords exactly, strings when
the whole string is the field (a payload key, a column name) or an identifier built from it
(`ix_items_sku`).
"""

from __future__ import annotations

import re

import libcst as cst

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


class FieldRenamer(cst.CSTTransformer):
    def __init__(self, renames: dict[str, str]):
        super().__init__()
        self.renames = renames
        self.pattern = (
            re.compile(
                "|".join(
                    rf"(?<![a-z0-9]){re.escape(a)}(?![a-z0-9])"
                    for a in sorted(renames, key=len, reverse=True)
                )
            )
            if renames
            else None
        )

    def _word(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.renames[m.group(0)], text)

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self._word(updated.value))

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        value = updated.evaluated_value
        if isinstance(value, str) and _IDENT.match(value):
            new = self._word(value)
            if new != value:
                quote = updated.quote
                return updated.with_changes(value=updated.prefix + quote + new + quote)
        return updated
