"""Rename a paired exemplar field to the new field it became, wherever the code names it.

Before (`sku` paired with `code`):  item = get_item_by_sku(db, sku=data.sku); {"sku": "A1"}; "/items/{sku}"
After:                              item = get_item_by_code(db, code=data.code); {"code": "A1"}; "/items/{code}"

Identifiers are renamed by whole snake-case words, attributes and keywords exactly, strings when
the whole string is the field (a payload key, a column name) or an identifier built from it
(`ix_items_sku`), and the placeholders of a string (`"/tiers/{name}"`), which name a parameter.
A sentence about the resource names its field in words, and those are renamed too:
`"A depot with this name already exists"` is `"A depot with this code already exists"`; other
prose is left alone, where the field's word may mean anything (`"the user's name"`).
Dunder names are Python's: `name` paired with `number` leaves `__name__` alone. A name built
from the resource's and the field's is renamed in its own case: `DepotSkuAlreadyExists` is
`DepotCodeAlreadyExists`, `DEPOT_SKU_LENGTH` is `DEPOT_CODE_LENGTH`, and a sentence about the
resource names an upper-case field (`this SKU`) in words (`this code`).

What a library import names is the library's, never the field, even where it spells the field's
word (`name` paired with `body`): the import itself and a dotted path from it (`sa.text`,
`from sqlalchemy import text`), a library name called or written as a type (`text("now()")`,
`created: date`), and the keywords of a call to one (`sa.PrimaryKeyConstraint("id", name=...)`,
`op.drop_index(..., table_name=...)`) stay; their arguments are the resource's and are renamed.
"""

from __future__ import annotations

import re

import libcst as cst

from codemods.articles import ARTICLE_BEFORE, agreeing
from codemods.imports import is_library_path
from codemods.names import ResourceNames, spelling_pattern, spells

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
# `{name}` in a route's path (`"/tier/{name}"`) or a format string: the name of a parameter or a
# keyword, renamed as they are (`{name:path}` keeps its converter)
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(:[^{}]*)?\}")


class FieldRenamer(cst.CSTTransformer):
    def __init__(
        self, renames: dict[str, str], library: frozenset[str] = frozenset(), resource: ResourceNames | None = None
    ):
        """`library`: the names the module imports from libraries (`library_names`); `resource`:
        the (renamed) resource, whose sentences name the fields in words."""
        super().__init__()
        self.renames = renames
        self.library = library
        self.resource = resource
        self.prose = _prose_pattern(renames) if resource is not None and renames else None
        self._sentences: list[bool] = []  # for each f-string entered, whether it is about the resource
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
        # the fields in a resource's CamelCase and UPPER_CASE names, by their segments
        self.cased = _cased_pattern(renames) if resource is not None and renames else None
        self._kept: set[int] = set()  # ids of the Name nodes that are the library's
        self._annotations = 0  # how deep in type annotations the walk is

    def _word(self, text: str) -> str:
        # a dunder (`__name__`, `"__main__"`) is Python's, whatever word it holds
        if self.pattern is None or (len(text) > 4 and text.startswith("__") and text.endswith("__")):
            return text
        return self.cased_name(self.pattern.sub(lambda m: self.renames[m.group(0)], text))

    def cased_name(self, text: str) -> str:
        """`text` with the fields renamed in its CamelCase and UPPER_CASE segments, where it
        spells the resource."""
        if self.cased is None or self.resource is None or not spells(self.resource, text):
            return text
        # the resource's own spelling is never the field's (`Name` in `NameTagNameTaken`)
        own = [m.span() for m in spelling_pattern(self.resource).finditer(text)]
        return self.cased.sub(lambda m: m.group(0) if any(a < m.end() and m.start() < b for a, b in own) else self._cased(m), text)

    def _cased(self, m: re.Match[str]) -> str:
        """A field's segment of a CamelCase or UPPER_CASE name, as the new field's in that case."""
        old = m.group(0)
        snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", old).lower()
        new = self.renames[snake]
        return new.upper() if old.isupper() and len(old) > 1 else "".join(w.capitalize() for w in new.split("_"))

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
        elif isinstance(value, str):
            raw = updated.value
            if "{" in value:
                # a placeholder holds identifier characters only: its raw text is its value
                raw = _PLACEHOLDER.sub(lambda m: "{" + self._word(m.group(1)) + (m.group(2) or "") + "}", raw)
            if self._about_resource(value):
                raw = self._in_words(raw)
            if raw != updated.value:
                return updated.with_changes(value=raw)
        return updated

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        text = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
        self._sentences.append(self._about_resource(text))

    def leave_FormattedString(
        self, original: cst.FormattedString, updated: cst.FormattedString
    ) -> cst.FormattedString:
        self._sentences.pop()
        return updated

    def leave_FormattedStringText(
        self, original: cst.FormattedStringText, updated: cst.FormattedStringText
    ) -> cst.FormattedStringText:
        if not (self._sentences and self._sentences[-1]):
            return updated
        value = self._in_words(updated.value)
        return updated if value == updated.value else updated.with_changes(value=value)

    def _about_resource(self, text: str) -> bool:
        """Whether `text` is a sentence naming the resource (`Depot not found`, `a line item`)."""
        if self.prose is None or self.resource is None or " " not in text:
            return False
        return spells(self.resource, text) or " ".join(self.resource.words) in text.lower()

    def _in_words(self, text: str) -> str:
        """The fields named in `text` (`name`, `due date`, `Due date`, `due_date`) renamed, in
        words but where written as the snake name, with an article before them made the new word's."""
        assert self.prose is not None

        def renamed(m: re.Match[str]) -> str:
            old = m.group("field")
            new = self.renames[old.lower().replace(" ", "_")]
            new = new if "_" in old else new.replace("_", " ")  # words stay words
            # `SKU` is written upper case as an acronym, not as the sentence's first word
            first = old[0].isupper() and (not old.isupper() or len(old) == 1 or m.start("field") == 0)
            return agreeing(m.group("article"), new.capitalize() if first else new)

        return self.prose.sub(renamed, text)


def _cased_pattern(renames: dict[str, str]) -> re.Pattern[str]:
    """A renamed field as a segment of a CamelCase name (`Sku` in `DepotSkuAlreadyExists`) or of
    an UPPER_CASE one (`SKU` in `DEPOT_SKU_LENGTH`)."""
    forms = []
    for old in renames:
        pascal = "".join(w.capitalize() for w in old.split("_"))
        forms.append(rf"(?<![A-Za-z]){pascal}(?![a-z])|(?<=[a-z0-9]){pascal}(?![a-z])")
        forms.append(rf"(?<![A-Za-z0-9]){re.escape(old.upper())}(?![A-Za-z0-9])")
    return re.compile("|".join(forms))


def _prose_pattern(renames: dict[str, str]) -> re.Pattern[str]:
    """A renamed field in a sentence, as its snake name, its words, those capitalised or in
    upper case (`SKU`), with the indefinite article before it, if any."""
    forms = set()
    for old in renames:
        words = old.replace("_", " ")
        forms |= {old, words, words.capitalize(), words.upper()}
    spelled = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"{ARTICLE_BEFORE}(?<![A-Za-z0-9_])(?P<field>{spelled})(?![A-Za-z0-9_])")


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def cased_names(code: str, renames: dict[str, str], resource: ResourceNames) -> str:
    """The CamelCase and UPPER_CASE names of `code` renamed as the clone's modules rename them
    (`DepotSkuAlreadyExists`): the wiring that imports one from them must name it alike."""
    if not renames:
        return code
    renamer = FieldRenamer(renames, resource=resource)
    return _NAME.sub(lambda m: renamer.cased_name(m.group(0)), code)
