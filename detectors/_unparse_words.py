"""Whether a word can be in a node's `ast.unparse` text, told from its source lines and constants.

Unparsing is slow (a visitor call per node), and detectors often unparse a whole function only to
look for a word in it (`"Authorization" in text`). A word of letters, digits and underscores found
in the unparsed text lies in one run of such characters, and every run the unparser writes comes
from one of:

- an identifier: written as the source spells it, where the source is ASCII (a non-ASCII
  identifier is normalised), so it is in the node's source lines;
- a keyword or other fixed word of the unparser: those the source spells (`return`, `yield`) are
  in its lines; the few it may write that the source does not (`elif` for an `else` holding only
  an `if`, a lower-case string prefix, an f-string conversion) are listed below;
- a constant: a string's characters, raw or escaped as `repr` escapes them (an escape's letters
  run on into the characters after it, so `repr` is searched too); a number's `repr` (an infinite
  one is written `1e309`: taken as possible).

So a word in none of those cannot be in the text, and the unparsing can be skipped. Anything this
cannot vouch for (non-ASCII lines, positions it cannot read) counts as possible.
"""

from __future__ import annotations

import ast
import keyword
import re

from detectors._ast import walk

# Words the unparser writes whatever the source spelled: keywords (`elif`), string prefixes (`F""`
# is written `f""`, `U""` `u""`), f-string conversions (`!r`), type comments.
_UNPARSER_WORDS = (*keyword.kwlist, *keyword.softkwlist, "elif", "f", "b", "u", "r", "s", "a", "type", "ignore")
_WORD = re.compile(r"[A-Za-z0-9_]+")


def words_unparse_may_hold(lines: list[str], node: ast.AST, words: tuple[str, ...]) -> frozenset[str]:
    """Those of `words` (ASCII letters, digits, underscores) that may be in `ast.unparse(node)`:
    any other cannot be. `lines` are the module's lines as its parser numbers them."""
    every = frozenset(words)
    if not all(_WORD.fullmatch(w) for w in words):
        return every
    # a word inside a fixed word of the unparser may be written whatever the source says
    possible = {w for w in words if any(w in fixed for fixed in _UNPARSER_WORDS)}
    first = last = None
    for sub in walk(node, contexts=False):
        start = getattr(sub, "lineno", None)
        end = getattr(sub, "end_lineno", None)
        if start is None or end is None:
            if "lineno" in sub._attributes:
                return every  # a node that should have positions has none: its words cannot be placed
        else:
            first = start if first is None else min(first, start)
            last = end if last is None else max(last, end)
        if sub.__class__ is ast.Constant:
            possible.update(w for w in words if _constant_may_hold(sub.value, w))
    if first is None or last is None or not 0 < first <= last <= len(lines):
        return every
    text = "\n".join(lines[first - 1 : last])
    if not text.isascii():
        return every
    possible.update(w for w in words if w in text)
    return frozenset(possible)


def _constant_may_hold(value: object, word: str) -> bool:
    """Whether the constant's unparsed form may hold `word`."""
    if isinstance(value, str):
        return word in value or word in repr(value)
    if isinstance(value, bytes):
        return word in repr(value)  # the unparser writes bytes as `repr` does
    shown = repr(value)
    return word in shown or "inf" in shown or "nan" in shown
