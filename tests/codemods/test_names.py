"""Every spelling of a resource name, derived from its PascalCase form."""

from __future__ import annotations

import pytest

from codemods.errors import SpecError
from codemods.names import ResourceNames, pluralize


@pytest.mark.parametrize(
    "name, snake, plural_snake, plural_pascal, kebab, plural_kebab, title",
    [
        pytest.param("Order", "order", "orders", "Orders", "order", "orders", "Order", id="Order"),
        pytest.param(
            "LineItem",
            "line_item",
            "line_items",
            "LineItems",
            "line-item",
            "line-items",
            "Line item",
            id="LineItem",
        ),
        pytest.param(
            "Category",
            "category",
            "categories",
            "Categories",
            "category",
            "categories",
            "Category",
            id="Category",
        ),
        pytest.param("Box", "box", "boxes", "Boxes", "box", "boxes", "Box", id="Box"),
        pytest.param(
            "Person", "person", "people", "People", "person", "people", "Person", id="Person"
        ),
        pytest.param(
            "SalesPerson",
            "sales_person",
            "sales_people",
            "SalesPeople",
            "sales-person",
            "sales-people",
            "Sales person",
            id="irregular-last-word",
        ),
        pytest.param(
            "HTTPRequest",
            "http_request",
            "http_requests",
            "HTTPRequests",
            "http-request",
            "http-requests",
            "Http request",
            id="leading-acronym",
        ),
        pytest.param(
            "APIKey",
            "api_key",
            "api_keys",
            "APIKeys",
            "api-key",
            "api-keys",
            "Api key",
            id="APIKey",
        ),
        pytest.param(
            "UserAPI",
            "user_api",
            "user_apis",
            "UserAPIs",
            "user-api",
            "user-apis",
            "User api",
            id="trailing-acronym",
        ),
        pytest.param("Data", "data", "data", "Data", "data", "data", "Data", id="uncountable"),
    ],
)
def test_spellings(
    name: str,
    snake: str,
    plural_snake: str,
    plural_pascal: str,
    kebab: str,
    plural_kebab: str,
    title: str,
) -> None:
    names = ResourceNames.parse(name)
    assert names.pascal == name
    assert (names.snake, names.plural_snake, names.plural_pascal) == (
        snake,
        plural_snake,
        plural_pascal,
    )
    assert (names.kebab, names.plural_kebab, names.title) == (kebab, plural_kebab, title)


@pytest.mark.parametrize(
    "name, style, segment",
    [
        pytest.param("LineItem", "kebab", "line-items", id="kebab"),
        pytest.param("LineItem", "snake", "line_items", id="snake"),
        pytest.param("Order", "kebab", "orders", id="one-word-kebab"),
        pytest.param("Order", "snake", "orders", id="one-word-snake"),
    ],
)
def test_url_segment(name: str, style: str, segment: str) -> None:
    assert ResourceNames.parse(name).url_segment(style) == segment


@pytest.mark.parametrize(
    "word, plural",
    [
        pytest.param("order", "orders", id="regular"),
        pytest.param("category", "categories", id="consonant-y"),
        pytest.param("day", "days", id="vowel-y"),
        pytest.param("box", "boxes", id="x"),
        pytest.param("bus", "buses", id="s"),
        pytest.param("church", "churches", id="ch"),
        pytest.param("dish", "dishes", id="sh"),
        pytest.param("person", "people", id="irregular-person"),
        pytest.param("child", "children", id="irregular-child"),
        pytest.param("shelf", "shelves", id="f-to-ves"),
        pytest.param("knife", "knives", id="fe-to-ves"),
        pytest.param("roof", "roofs", id="f-plain"),
        pytest.param("safe", "safes", id="fe-plain"),
        pytest.param("news", "news", id="uncountable-news"),
        pytest.param("metadata", "metadata", id="uncountable-metadata"),
    ],
)
def test_pluralize(word: str, plural: str) -> None:
    assert pluralize(word) == plural


@pytest.mark.parametrize(
    "name, message",
    [
        pytest.param("order", "must be PascalCase", id="lowercase"),
        pytest.param("line_item", "must be PascalCase", id="snake"),
        pytest.param("Line-Item", "must be PascalCase", id="dash"),
        pytest.param("2Order", "must be PascalCase", id="leading-digit"),
        pytest.param("", "must be PascalCase", id="empty"),
        pytest.param("List", "would shadow a Python name (list)", id="List"),
        pytest.param("Dict", "would shadow a Python name (dict)", id="Dict"),
        pytest.param("Id", "would shadow a Python name (id)", id="Id"),
        pytest.param("Import", "would shadow a Python name (import)", id="keyword"),
    ],
)
def test_bad_names_raise_spec_error(name: str, message: str) -> None:
    with pytest.raises(SpecError, match=message.replace("(", r"\(").replace(")", r"\)")) as exc:
        ResourceNames.parse(name)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize(
    "text",
    [
        "app.include_router(line_items.router)", "LineItemCreate", "LINE_ITEMS = 3", "def list_line_items():",
        "lineitems", "itemize()", "subitem", "line_item_id", "lineItem", "nothing here\n", "",
    ],
)
def test_spells_answers_as_the_spelling_pattern(text: str) -> None:
    from codemods.names import spelling_pattern, spells

    for name in ("LineItem", "Item", "Person"):
        names = ResourceNames.parse(name)
        assert spells(names, text) == bool(spelling_pattern(names).search(text)), (name, text)


NEIGHBOURS = ("", "a", "z", "A", "Z", "_", "0", ".", " ", "é")


@pytest.mark.parametrize("name", ["Item", "LineItem", "Person", "Category", "HTTPLog"])
def test_a_spelling_answers_as_its_compiled_pattern_beside_any_neighbour(name: str) -> None:
    import re

    from codemods.names import spelling_forms, spelling_pattern

    names = ResourceNames.parse(name)
    spelling = spelling_pattern(names)
    pattern = re.compile(spelling.pattern)
    texts = [b + form + a for form in spelling_forms(names) for b in NEIGHBOURS for a in NEIGHBOURS]
    # a form standing twice, the first time inside a longer word: the second decides
    texts += [f"x{form}{form}" for form in spelling_forms(names)] + [f"{form}x {form}" for form in spelling_forms(names)]
    texts += ["", "nothing here", "ITEMIZE", "subitem", "itemize", "line_itemsx", "Items2", "_items_"]
    for text in texts:
        expected = pattern.search(text)
        assert spelling.found(text) is (expected is not None), (name, text)
        found = spelling.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
        assert [m.span() for m in spelling.finditer(text)] == [m.span() for m in pattern.finditer(text)], text
        assert spelling.sub("{}", text) == pattern.sub("{}", text), text


def test_a_spelling_travels_to_another_process_as_its_text() -> None:
    import pickle

    from codemods.names import spelling_pattern

    spelling = spelling_pattern(ResourceNames.parse("LineItem"))
    copy = pickle.loads(pickle.dumps(spelling))
    assert copy == spelling and hash(copy) == hash(spelling)
    assert pickle.loads(pickle.dumps(spelling)) is copy  # one object per pattern where it arrives
    assert copy.search("list_line_items").group(0) == "line_items"


# -- the names an error offers instead --------------------------------------------------------


def test_an_error_offers_the_nearest_names_first_and_says_how_many_more() -> None:
    from codemods.names import named_instead

    names = ["Category", "Item", *(f"Widget{i}" for i in range(200)), "User"]
    assert named_instead("Catgory", names) == "Category, Item, Widget0, Widget1, Widget2, Widget3, Widget4, Widget5 and 195 more"
    assert named_instead("Usr", names).startswith("User, Category, Item")
    assert named_instead("Nope", ["Item", "User"]) == "Item, User"
    assert named_instead("Nope", []) == "none"
