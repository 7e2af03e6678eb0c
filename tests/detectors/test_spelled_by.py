"""_spelled_by: which models' spellings each shared definition's name holds, as their spelling
patterns say, whatever the case, underscores or plural."""

from __future__ import annotations

from codemods.names import ResourceNames, spelling_pattern
from detectors.resources import _spelled_by

MODELS = {name: ResourceNames.parse_loose(name) for name in ("Item", "LineItem", "Person", "Order")}


def spelled(*names: str) -> list[tuple[str, ...]]:
    return _spelled_by([("tests/conftest.py", n, 1) for n in names], {m: n for m, n in MODELS.items() if n})


def test_each_name_is_given_the_models_whose_spelling_it_holds() -> None:
    # `Item` is a word of `LineItemRead` and `items` one of `line_items`: both resources are spelled
    assert spelled("item", "LineItemRead", "line_items", "LINE_ITEM_LIMIT", "people_router", "PersonCreate") == [
        ("Item",), ("Item", "LineItem"), ("Item", "LineItem"), ("Item", "LineItem"), ("Person",), ("Person",),
    ]


def test_a_name_spelling_two_models_names_both_and_a_word_inside_another_none() -> None:
    assert spelled("test_delete_order_deletes_items", "itemize", "subitem", "settings") == [
        ("Item", "Order"), (), (), (),
    ]


def test_the_answer_is_the_spelling_patterns_own() -> None:
    names = ["item", "line_items", "LineItems", "ITEMS", "orderly", "reorder", "people", "persons", "x_item_y"]
    expected = [
        tuple(m for m, n in MODELS.items() if n and spelling_pattern(n).search(name)) for name in names
    ]
    assert spelled(*names) == expected
