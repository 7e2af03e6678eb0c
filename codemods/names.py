"""Every spelling of a resource name, derived once from its PascalCase form."""

from __future__ import annotations

import difflib
import functools
import keyword
import re
from collections.abc import Callable, Iterable, Iterator
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
def spelling_pattern(names: ResourceNames) -> Spelling:
    """Matches any spelling of the resource inside an identifier, as a whole word of it:
    `Item` in `ItemCreate` and `CRUDItem`, `items` in `list_items`, never in `Itemize` or `subitem`."""
    forms = spelling_forms(names)
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        before = "(?<![a-z])" if form[:1].islower() else "(?<![A-Z])" if form.isupper() else ""
        after = "(?![a-z])" if not form.isupper() else "(?![A-Z])"
        alternatives.append(before + re.escape(form) + after)
    return Spelling("|".join(alternatives), forms)


class Spelling:
    """A resource's spelling pattern, compiled the first time a text holds one of its spellings as
    plain letters: every match is one of them, so a text holding none is answered without it.
    A run asks about every resource of the project (which of hundreds a definition belongs to)
    and compiling each pattern cost more than all the asking."""

    __slots__ = ("_compiled", "forms", "pattern")

    def __init__(self, pattern: str, forms: frozenset[str]) -> None:
        self.pattern = pattern  # the regular expression's source, as `re.Pattern.pattern`
        self.forms = forms
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def _holds(self, text: str) -> bool:
        return any(form in text for form in self.forms)

    def found(self, text: str) -> bool:
        """Whether `search` finds a spelling, answered without compiling the pattern: each place a
        form stands is judged by its neighbours, as the pattern's lookarounds judge them."""
        for form in self.forms:
            at = text.find(form)
            while at != -1:
                end = at + len(form)
                if _bounded(text, at, end, form):
                    return True
                at = text.find(form, at + 1)
        return False

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled().search(text) if self._holds(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text) if self._holds(text) else iter(())

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.compiled().sub(repl, text, count) if self._holds(text) else text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Spelling) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __reduce__(self) -> tuple[Callable[[str, frozenset[str]], Spelling], tuple[str, frozenset[str]]]:
        # one object per pattern in a process it is sent to: compiled there once, if at all
        return _spelling, (self.pattern, self.forms)

    def __repr__(self) -> str:
        return f"Spelling({self.pattern!r})"


def _bounded(text: str, start: int, end: int, form: str) -> bool:
    """`spelling_pattern`'s lookarounds for `form` found at text[start:end]: a lowercase form
    follows no lowercase letter, an uppercase one no uppercase letter; a form is followed by no
    letter of its own case (a capitalised form by no lowercase one)."""
    upper = form.isupper()
    if start > 0 and (form[:1].islower() or upper):
        before = text[start - 1]
        if ("A" <= before <= "Z") if upper else ("a" <= before <= "z"):
            return False
    if end < len(text):
        after = text[end]
        if ("A" <= after <= "Z") if upper else ("a" <= after <= "z"):
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _spelling(pattern: str, forms: frozenset[str]) -> Spelling:
    return Spelling(pattern, forms)


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
    return spelling_pattern(names).found(text)


def named_instead(asked: str, names: Iterable[str], most: int = 8) -> str:
    """The names an error offers for `asked`, a name the project has none of: the nearest
    spellings first, at most `most` in all and how many more there are, so that the line stays
    one line on a project of hundreds of resources; "none" where there are none."""
    names = list(dict.fromkeys(names))
    if not names:
        return "none"
    near = difflib.get_close_matches(asked, names, n=3, cutoff=0.6)
    shown = [*near, *(n for n in names if n not in near)][:most]
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest else "")
