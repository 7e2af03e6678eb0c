"""find_parent: the parent read from its own code (item route, test fixture), or refused."""

from __future__ import annotations

import pytest

from codemods.clone.nesting.parent import find_parent
from codemods.errors import ConventionError, SpecError
from codemods.spec import parse_resource
from detectors import ProjectIndex
from detectors.resources import find_footprints
from tests.harness import FIXTURES

REVIEW = parse_resource("Review", ["rating:int"])


def parent_in(fixture: str, name: str, spec=REVIEW):
    index = ProjectIndex(FIXTURES / fixture)
    return find_parent(index, find_footprints(index), name, spec, "kebab")


@pytest.mark.parametrize(
    ("fixture", "name", "route", "fixture_at"),
    [
        (
            "seed_async",
            "Item",
            ("app/routers/items.py", "get_item", "item_id"),
            ("tests/conftest.py", "item"),
        ),
        (
            "domain_packages",
            "Supplier",
            ("src/suppliers/router.py", "get_supplier", "supplier_id"),
            ("tests/test_suppliers.py", "supplier"),
        ),
        (
            "legacy_orm_mode",
            "Author",
            ("app/routers/authors.py", "read_author", "author_id"),
            (None, None),
        ),
    ],
)
def test_the_parent_s_item_route_and_fixture_are_found(fixture, name, route, fixture_at) -> None:
    parent = parent_in(fixture, name)
    assert (parent.route.module, parent.route.function, parent.route.param) == route
    assert (parent.fixture_path, parent.fixture) == fixture_at
    assert (
        parent.key == f"{name.lower()}_id"
        and parent.field.fk_target == name
        and not parent.field.optional
    )


def test_url_segment_follows_the_project_s_style() -> None:
    index = ProjectIndex(FIXTURES / "seed_async")
    spec = parse_resource("LineItem", ["qty:int"])
    parent = find_parent(index, find_footprints(index), "Category", spec, "snake")
    assert parent.segment == "categories"


@pytest.mark.parametrize(
    ("name", "spec", "error", "message"),
    [
        ("Nope", REVIEW, ConventionError, "--parent Nope: no model of that name"),
        ("Review", REVIEW, SpecError, "cannot be nested under itself"),
        (
            "Item",
            parse_resource("Review", ["item_id:int"]),
            SpecError,
            "is not the key to Item",
        ),
    ],
)
def test_what_cannot_be_a_parent_is_refused(name, spec, error, message) -> None:
    with pytest.raises(error, match=message):
        parent_in("seed_async", name, spec)


def test_a_parent_without_an_item_route_is_refused() -> None:
    with pytest.raises(ConventionError, match="no route reading one row"):
        parent_in("users_only", "User", parse_resource("Note", ["body:str"]))


def test_the_key_given_as_a_field_is_the_parent_s() -> None:
    parent = parent_in("seed_async", "Item", parse_resource("Review", ["item:fk[Item]?"]))
    assert parent.key == "item_id"


def test_a_factory_fixture_is_no_parent_row() -> None:
    # modular_services makes collections with `collection_factory`, a function it returns
    assert parent_in("modular_services", "Collection").fixture is None


def test_with_no_fixture_the_parent_s_test_helper_is_found(tmp_path) -> None:
    """And the item route is the one whose path ends in a parameter, not a list under one."""
    files = {
        "app/models.py": "from sqlmodel import Field, SQLModel\n\n\n"
        "class Item(SQLModel, table=True):\n"
        "    id: int | None = Field(default=None, primary_key=True)\n"
        "    title: str\n",
        "app/routes/items.py": "from fastapi import APIRouter, HTTPException\n\n"
        "from app.models import Item\n\nrouter = APIRouter()\n\n\n"
        '@router.get("/{owner}/items")\ndef read_items(session: SessionDep, owner: str):\n'
        "    return []\n\n\n"
        '@router.get("/{owner}/item/{id}")\n'
        "def read_item(session: SessionDep, owner: str, id: int) -> Item:\n"
        "    item = session.get(Item, id)\n    if not item:\n"
        '        raise HTTPException(status_code=404, detail="Item not found")\n'
        "    return item\n",
        "app/tests/utils/item.py": "from app.models import Item\n\n\n"
        "def random_title() -> str:\n    return 'x'\n\n\n"
        "def create_random_item(db) -> Item:\n"
        "    return crud.create_item(session=db, title=random_title())\n",
        "app/tests/test_items.py": "from app.tests.utils.item import create_random_item\n\n\n"
        "def test_read_item(client, db) -> None:\n    item = create_random_item(db)\n"
        '    assert client.get(f"/items/{item.id}").status_code == 200\n',
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    index = ProjectIndex(tmp_path)
    parent = find_parent(index, find_footprints(index), "Item", REVIEW, "kebab")
    assert (parent.route.function, parent.route.path) == ("read_item", "/{owner}/item/{id}")
    assert (parent.fixture, parent.factory) == (None, "create_random_item")
    assert parent.factory_path == "app/tests/utils/item.py"


@pytest.mark.parametrize(
    ("fixture", "name", "create"),
    [
        ("seed_async", "Category", ("app/routers/categories.py", "create_category", 201, (), True)),
        (
            "domain_packages",
            "Supplier",
            ("src/suppliers/router.py", "create_supplier", 201, (), False),
        ),
    ],
)
def test_the_parent_s_create_route_is_found_with_what_it_needs(fixture, name, create) -> None:
    index = ProjectIndex(FIXTURES / fixture)
    parent = find_parent(
        index, find_footprints(index), name, REVIEW, "kebab", ("get_current_user", "current_user")
    )
    found = parent.create
    assert found is not None
    assert (found.module, found.function, found.status, found.guards, found.signed_in) == create
