"""The indefinite article a renamed word takes, by the sound it begins with."""

from __future__ import annotations

import pytest

from codemods.articles import article_for, matching_article


@pytest.mark.parametrize(
    "word, article",
    [
        ("depot", "a"),
        ("item", "an"),
        ("order", "an"),
        ("invoice", "an"),
        ("user", "a"),  # a `u` sounded `you`
        ("unit", "a"),
        ("union", "a"),
        ("usage", "a"),
        ("update", "an"),  # a `u` that is not
        ("unused", "an"),
        ("umbrella", "an"),
        ("euro", "a"),
        ("one_off", "a"),
        ("hour", "an"),  # a silent `h`
        ("house", "a"),
        ("Item", "an"),
    ],
)
def test_the_article_follows_the_first_sound(word: str, article: str) -> None:
    assert article_for(word) == article


@pytest.mark.parametrize(
    "article, word, expected",
    [
        ("an", "depot", "a"),
        ("An", "depot", "A"),
        ("A", "invoice", "An"),
        ("AN", "DEPOT", "A"),
        ("A", "INVOICE", "AN"),  # a capital `A` before a word in capitals is in capitals too
        ("A", "Invoice", "An"),
    ],
)
def test_the_article_keeps_its_case(article: str, word: str, expected: str) -> None:
    assert matching_article(article, word) == expected
