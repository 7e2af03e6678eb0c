"""Rename an exemplar resource's identifiers, strings and comments to the new resource's
(Project -> Order), in every spelling. Used only on code copied from the exemplar, never on the
user's files in place.
"""

from __future__ import annotations

import functools
import re

import libcst as cst

from codemods.articles import ARTICLE_BEFORE, agreeing
from codemods.names import ResourceNames
from codemods.parsing import parse_module
from codemods.visit import visit


def _plural_title(names: ResourceNames) -> str:
    """Human words for many: `Line items`."""
    return " ".join(names.plural_words).capitalize()


def _pairs(
    old: ResourceNames, new: ResourceNames, url_style: str | None = None
) -> list[tuple[str, str]]:
    pairs = []
    if url_style is not None:
        # In a URL path a one-word plural (`projects`) is the path segment: spell the new one
        # the way the project spells multi-word segments (`line-items` or `line_items`).
        pairs += [
            (old.url_segment(url_style), new.url_segment(url_style)),
            (
                old.kebab if url_style == "kebab" else old.snake,
                new.kebab if url_style == "kebab" else new.snake,
            ),
        ]
    pairs += [
        (old.plural_pascal, new.plural_pascal),
        (old.pascal, new.pascal),
        (old.plural_upper, new.plural_upper),
        (old.upper, new.upper),
        (old.plural_snake, new.plural_snake),
        (old.snake, new.snake),
        (old.plural_kebab, new.plural_kebab),
        (old.kebab, new.kebab),
        (old.title, new.title),
        (old.title.lower(), new.title.lower()),
        (_plural_title(old), _plural_title(new)),
        (_plural_title(old).lower(), _plural_title(new).lower()),
    ]
    seen: dict[str, str] = {}
    for a, b in pairs:
        seen.setdefault(a, b)
    return sorted(seen.items(), key=lambda p: -len(p[0]))


def rename_text(
    text: str, old: ResourceNames, new: ResourceNames, url_style: str | None = None
) -> str:
    """Replace every spelling of `old` inside one identifier or string (longest spelling first).

    A spelling must not run on into a longer lowercase word: `Project` is renamed in
    `ProjectsPublic` and `read_projects`, never in `Projector` or `subproject`. An indefinite
    article before it is made the new word's (`an item` -> `a project`).
    """
    if url_style is not None and "{" in text:
        # a path's placeholders are Python names (`/{category_id}` -> `/{line_item_id}`), its
        # segments follow the URL style (`/categories` -> `/line-items`); the split's odd parts
        # are the placeholders (a text with braces of its own, JSON in a docstring, has others)
        parts = re.split(r"(\{[^{}]*\})", text)
        return "".join(_renamed(p, old, new, None if i % 2 else url_style) for i, p in enumerate(parts))
    return _renamed(text, old, new, url_style)


def _renamed(text: str, old: ResourceNames, new: ResourceNames, url_style: str | None) -> str:
    plain, prose, table = _spellings(old, new, url_style)
    if " " not in text:  # an identifier, a path: no article to agree (and most texts are names)
        return plain.sub(lambda m: table[m.group(0)], text)
    # prose: `An author` cloned as Depot is `A depot`, not `An depot`
    return prose.sub(lambda m: agreeing(m.group("article"), table[m.group("spelling")]), text)


@functools.lru_cache(maxsize=64)
def _spellings(
    old: ResourceNames, new: ResourceNames, url_style: str | None
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The pattern matching every spelling of `old`, the same with the article before one, and
    each spelling's new one (a clone renames thousands of names with the same pair, so all three
    are made once)."""
    pairs = _pairs(old, new, url_style)
    spellings = "|".join(
        ("(?<![a-z])" if a[:1].islower() else "(?<![A-Z])" if a.isupper() else "")
        + re.escape(a)
        + ("(?![A-Z])" if a.isupper() else "(?![a-z])")
        for a, _ in pairs
    )
    return re.compile(spellings), re.compile(rf"{ARTICLE_BEFORE}(?P<spelling>{spellings})"), dict(pairs)


_BUILTIN_METHODS = frozenset(
    name for kind in (dict, list, set, str, bytes, tuple) for name in dir(kind) if not name.startswith("_")
)


class _Renamer(cst.CSTTransformer):
    def __init__(self, old: ResourceNames, new: ResourceNames, url_style: str):
        self.old, self.new, self.url_style = old, new, url_style

    def _string(self, value: str) -> str:
        return rename_text(value, self.old, self.new, self.url_style if "/" in value else None)

    # most names spell no resource: the node comes back as it is, not rebuilt with the same value

    def leave_Name(self, original, updated):
        value = rename_text(updated.value, self.old, self.new)
        return updated if value == updated.value else updated.with_changes(value=value)

    def leave_Call(self, original, updated):
        # `data.items()` calls a method of a builtin type, not the `Item` resource's anything
        func = original.func
        if isinstance(func, cst.Attribute) and func.attr.value in _BUILTIN_METHODS:
            return updated.with_changes(func=updated.func.with_changes(attr=func.attr))
        return updated

    def leave_SimpleString(self, original, updated):
        value = self._string(updated.value)
        return updated if value == updated.value else updated.with_changes(value=value)

    def leave_FormattedStringText(self, original, updated):
        value = self._string(updated.value)
        return updated if value == updated.value else updated.with_changes(value=value)

    def leave_Comment(self, original, updated):
        value = rename_text(updated.value, self.old, self.new)
        return updated if value == updated.value else updated.with_changes(value=value)


def renamer(old: ResourceNames, new: ResourceNames, url_style: str = "kebab") -> cst.CSTTransformer:
    """The transformer behind `rename_code`, for use in a chain."""
    return _Renamer(old, new, url_style)


def rename_code(code: str, old: ResourceNames, new: ResourceNames, url_style: str = "kebab") -> str:
    """`code` with every identifier and string naming `old` renamed to `new`; strings holding a
    `/` are paths, renamed in the project's URL style."""
    return visit(parse_module(code), _Renamer(old, new, url_style)).code
