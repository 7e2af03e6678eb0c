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
    start, end = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
    if start is None or end is None or not all(_WORD.fullmatch(w) for w in words):
        return every
    # the node's lines hold its descendants' (nodes nest in the source as in the tree); a
    # definition's decorators come before it
    first = min([start, *(d.lineno for d in getattr(node, "decorator_list", ()))])
    if not 0 < first <= end <= len(lines):
        return every
    pieces = ["\n".join(lines[first - 1 : end])]
    if not pieces[0].isascii():
        return every
    for sub in walk(node, contexts=False):
        if sub.__class__ is ast.Constant:
            shown = _shown(sub.value)
            if shown is None:
                return every
            pieces.append(shown)
    # pieces joined by a line break, no word character: a word found lies in one piece
    text = "\n".join(pieces)
    return frozenset(w for w in words if w in text or any(w in fixed for fixed in _UNPARSER_WORDS))


def _shown(value: object) -> str | None:
    """Text holding every word the constant's unparsed form may hold (None: any word)."""
    if isinstance(value, str):
        # escapes begin with a backslash, no word character, but their letters run on into the
        # characters after them (`\r` + `eturn`): escaped strings are searched as `repr` writes them
        return value if value.isprintable() and "\\" not in value else f"{value}\n{value!r}"
    shown = repr(value)  # bytes are unparsed as `repr` writes them, numbers too but infinity
    return None if "inf" in shown or "nan" in shown else shown
