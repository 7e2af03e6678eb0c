"""Every spelling of a resource name, derived once from its PascalCase form."""

from __future__ import annotations

import functools
import keyword
import re
from dataclasses import dataclass

from codemods.errors import SpecError

_PASCAL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|$)|[A-Z]?[a-z]+|\d+")
_IRREGULAR = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "mouse": "mice",
    # -f and -fe nouns whose plural is -ves (most others take -s: roofs, chiefs, safes)
    "calf": "calves",
    "half": "halves",
    "knife": "knives",
    "leaf": "leaves",
    "life": "lives",
    "loaf": "loaves",
    "shelf": "shelves",
    "thief": "thieves",
    "wife": "wives",
    "wolf": "wolves",
}
_UNCOUNTABLE = {"data", "info", "news", "series", "species", "equipment", "feedback", "metadata"}


@functools.lru_cache(maxsize=4096)  # asked about every sibling's name, over and over, while detecting
def pluralize(word: str) -> str:
    """English plural of one lowercase word (`category` -> `categories`, `box` -> `boxes`)."""
    if word in _UNCOUNTABLE:
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


@dataclass(frozen=True)
class ResourceNames:
    """`LineItem` -> line_item, line_items, LineItems, line-items, ..."""

    pascal: str  # LineItem
    words: tuple[str, ...]  # ("line", "item")

    @classmethod
    def parse(cls, name: str) -> ResourceNames:
        if not _PASCAL.match(name):
            raise SpecError(f"resource name {name!r} must be PascalCase, e.g. Order or LineItem")
        words = tuple(w.lower() for w in _WORD.findall(name))
        snake = "_".join(words)
        if keyword.iskeyword(snake) or snake in ("type", "id", "list", "dict", "object"):
            raise SpecError(f"resource name {name!r} would shadow a Python name ({snake})")
        return cls(pascal=name, words=words)

    @classmethod
    def parse_loose(cls, name: str) -> ResourceNames | None:
        """The names of an existing class, or None when it is not a plain PascalCase name."""
        if not _PASCAL.match(name):
            return None
        return cls(pascal=name, words=tuple(w.lower() for w in _WORD.findall(name)))

    @property
    def upper(self) -> str:
        return self.snake.upper()

    @property
    def plural_upper(self) -> str:
        return self.plural_snake.upper()

    @property
    def snake(self) -> str:
        return "_".join(self.words)

    @property
    def plural_words(self) -> tuple[str, ...]:
        return (*self.words[:-1], pluralize(self.words[-1]))

    @property
    def plural_snake(self) -> str:
        return "_".join(self.plural_words)

    @property
    def plural_pascal(self) -> str:
        """`HTTPRequest` -> `HTTPRequests`: only the last word changes, acronyms keep their case."""
        last = _WORD.findall(self.pascal)[-1]
        plural = pluralize(last.lower())
        tail = (
            last + plural[len(last) :] if plural.startswith(last.lower()) else plural.capitalize()
        )
        return self.pascal[: len(self.pascal) - len(last)] + tail

    @property
    def kebab(self) -> str:
        return "-".join(self.words)

    @property
    def plural_kebab(self) -> str:
        return "-".join(self.plural_words)

    @property
    def title(self) -> str:
        """Human words for messages: `Line item`."""
        return " ".join(self.words).capitalize()

    def url_segment(self, style: str) -> str:
        """The collection's path segment: `line-items` (kebab) or `line_items` (snake)."""
        return self.plural_snake if style == "snake" else self.plural_kebab



@functools.lru_cache(maxsize=1024)  # one pattern per resource, built once per run
def spelling_pattern(names: ResourceNames) -> re.Pattern[str]:
    """Matches any spelling of the resource inside an identifier, as a whole word of it:
    `Item` in `ItemCreate` and `CRUDItem`, `items` in `list_items`, never in `Itemize` or `subitem`."""
    forms = spelling_forms(names)
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        before = "(?<![a-z])" if form[:1].islower() else "(?<![A-Z])" if form.isupper() else ""
        after = "(?![a-z])" if not form.isupper() else "(?![A-Z])"
        alternatives.append(before + re.escape(form) + after)
    return re.compile("|".join(alternatives))


@functools.lru_cache(maxsize=1024)
def spelling_forms(names: ResourceNames) -> frozenset[str]:
    """The resource's spellings as `spelling_pattern` looks for them: `Item`, `Items`, `item`,
    `items`, `ITEM`, `ITEMS`."""
    return frozenset({
        names.plural_pascal, names.pascal, names.plural_snake, names.snake,
        names.plural_upper, names.upper,
    })


def spells(names: ResourceNames, text: str) -> bool:
    """Whether `spelling_pattern(names)` finds a spelling in `text`; a text holding none of the
    spellings as plain letters is answered without the pattern (most statements of a module
    that registers hundreds of resources, asked for each one)."""
    return any(form in text for form in spelling_forms(names)) and spelling_pattern(names).search(text) is not None
