"""The indefinite article a renamed word takes: `An author` cloned as Depot is `A depot`.

English picks `a` or `an` by the sound the next word begins with, not its letter. Resource
names are ordinary words, so the letter decides, but for the common exceptions: a `u` sounded
`you` (`a user`, `a unit`; but `an update`, `an unused`), `eu`/`one` (`a euro`, `a one-off`),
and a silent `h` (`an hour`).
"""

from __future__ import annotations

import re

# put before a word's pattern: an indefinite article and its space, matched with the word so
# that `agreeing` can make it the word's replacement's
ARTICLE_BEFORE = r"(?:(?<![A-Za-z])(?P<article>an|An|AN|a|A) )?"
# `u` then one consonant then a vowel sounds `you` (user, unit, usage), but for the negating
# `un-` (unable, unopened), which keeps `uni-` (union, unique) only
_YOU = re.compile(r"u(?:ni|[b-df-hj-mp-tv-z][aeiouy])")
_CONSONANT_SOUND = ("eu", "ewe", "one", "once", "uk")
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")


def article_for(word: str) -> str:
    """`a` or `an`, lowercase, for the word that follows."""
    w = word.lower()
    if w.startswith(_SILENT_H):
        return "an"
    if not w or w[0] not in "aeiou" or w.startswith(_CONSONANT_SOUND) or _YOU.match(w):
        return "a"
    return "an"


def matching_article(article: str, word: str) -> str:
    """`article` (a, an, A, An, AN) made the one `word` takes, in the same case."""
    fitting = article_for(word)
    if article.isupper() and len(article) > 1 or article == "A" and word.isupper() and len(word) > 1:
        return fitting.upper()
    return fitting.capitalize() if article[0].isupper() else fitting


def agreeing(article: str | None, word: str) -> str:
    """`word` after `article` made the one it takes (the article matched by `ARTICLE_BEFORE`,
    None where there was none)."""
    return word if article is None else f"{matching_article(article, word)} {word}"
