"""Rename a paired exemplar field to the new field it became, wherever the code names it.

Before (`sku` paired with `code`):  item = get_item_by_sku(db, sku=data.sku); {"sku": "A1"}; "/items/{sku}"
After:                              item = get_item_by_code(db, code=data.code); {"code": "A1"}; "/items/{code}"

Identifiers are renamed by whole snake-case words, attributes and keywords exactly, strings when
the whole string is the field (a payload key, a column name) or an identifier built from it
(`ix_items_sku`), and the placeholders of a string (`"/tiers/{name}"`), which name a parameter.
Dunder names are Python's: `name` paired with `number` leaves `__name__` alone.

What a library import names is the library's, never the field, even where it spells the field's
word (`name` paired with `body`): the import itself and a dotted path from it (`sa.text`,
`from sqlalchemy import text`), a library name called or written as a type (`text("now()")`,
`created: date`), and the keywords of a call to one (`sa.PrimaryKeyConstraint("id", name=...)`,
`op.drop_index(..., table_name=...)`) stay; their arguments are the resource's and are renamed.
"""

from __future__ import annotations

import re

import libcst as cst

from codemods.imports import is_library_path

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
# `{name}` in a route's path (`"/tier/{name}"`) or a format string: the name of a parameter or a
# keyword, renamed as they are (`{name:path}` keeps its converter)
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(:[^{}]*)?\}")


class FieldRenamer(cst.CSTTransformer):
    def __init__(self, renames: dict[str, str], library: frozenset[str] = frozenset()):
        """`library`: the names the module imports from libraries (`library_names`)."""
        super().__init__()
        self.renames = renames
        self.library = library
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
        self._kept: set[int] = set()  # ids of the Name nodes that are the library's
        self._annotations = 0  # how deep in type annotations the walk is

    def _word(self, text: str) -> str:
        # a dunder (`__name__`, `"__main__"`) is Python's, whatever word it holds
        if self.pattern is None or (len(text) > 4 and text.startswith("__") and text.endswith("__")):
            return text
        return self.pattern.sub(lambda m: self.renames[m.group(0)], text)

    def visit_Import(self, node: cst.Import) -> bool:
        return not self._from_library(
            [a.evaluated_alias or a.evaluated_name.split(".")[0] for a in node.names]
        )

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if isinstance(node.names, cst.ImportStar):
            return True
        return not self._from_library([a.evaluated_alias or a.evaluated_name for a in node.names])

    def _from_library(self, bound: list[str]) -> bool:
        return bool(self.library) and all(name in self.library for name in bound)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        # `sa.text`, `status.HTTP_404_NOT_FOUND`: a path through the library, left whole
        return not is_library_path(node, self.library)

    def visit_Call(self, node: cst.Call) -> None:
        if not is_library_path(node.func, self.library):
            return
        if isinstance(node.func, cst.Name):
            self._kept.add(id(node.func))
        # its keywords are the library's options (`name=`, `table_name=`), never the fields
        self._kept.update(id(arg.keyword) for arg in node.args if arg.keyword is not None)

    def visit_Annotation(self, node: cst.Annotation) -> None:
        self._annotations += 1

    def leave_Annotation(self, original: cst.Annotation, updated: cst.Annotation) -> cst.Annotation:
        self._annotations -= 1
        return updated

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        if id(original) in self._kept or (self._annotations and original.value in self.library):
            return updated
        return updated.with_changes(value=self._word(updated.value))

    def leave_SimpleString(
        self, original: cst.SimpleString, updated: cst.SimpleString
    ) -> cst.SimpleString:
        value = updated.evaluated_value
        if isinstance(value, str) and _IDENT.match(value):
            new = self._word(value)
            if new != value:
                quote = updated.quote
                return updated.with_changes(value=updated.prefix + quote + new + quote)
        elif isinstance(value, str) and "{" in value:
            # a placeholder holds identifier characters only: its raw text is its value
            raw = _PLACEHOLDER.sub(lambda m: "{" + self._word(m.group(1)) + (m.group(2) or "") + "}", updated.value)
            if raw != updated.value:
                return updated.with_changes(value=raw)
        return updated
