"""row_maker: the helper a resource's tests make one row with, as they call it."""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods.clone.row_makers import row_maker
from codemods.imports import Import
from detectors import ProjectIndex
from detectors.resources import find_footprints
from tests.harness import FIXTURES


def maker_of(root: Path, model: str):
    index = ProjectIndex(root)
    return row_maker(index, next(f for f in find_footprints(index) if f.model == model))


@pytest.mark.parametrize(
    ("fixture", "model", "call", "value", "imports", "copied"),
    [
        pytest.param(  # a factory module, imported as a module
            "legacy_orm_mode", "Author", "factories.create_author(db)", "{}.id", (Import("tests", "factories"),), False,
            id="constructor-in-factories-module",
        ),
        pytest.param(  # annotated to return the model, made through the crud layer
            "fullstack_sqlmodel", "Project", "create_random_project(db)", "{}.id",
            (Import("tests.utils.project", "create_random_project"),), False, id="crud-layer-in-utils",
        ),
        pytest.param(  # posted to the create route from a test module: copied, the answer's JSON
            "repository_pg", "Project", "await create_project(client, auth_headers)", '{}["id"]', (), True,
            id="api-helper-in-test-module",
        ),
        pytest.param(  # a URL constant of the module, the envelope's data
            "versioned_envelope", "Warehouse", "make_warehouse(client, user_headers)", '{}["id"]', (), True,
            id="api-helper-with-url-constant",
        ),
    ],
)
def test_the_helper_is_found_as_the_tests_call_it(fixture, model, call, value, imports, copied) -> None:
    maker = maker_of(FIXTURES / fixture, model)
    assert maker is not None
    assert (maker.call(defined_here=False), maker.value, maker.imports, maker.copied) == (call, value, imports, copied)


def test_a_fixture_giving_a_factory_is_called_through_the_fixture() -> None:
    maker = maker_of(FIXTURES / "modular_services", "Collection")
    assert maker is not None and maker.fixture and maker.path == "tests/conftest.py"
    # the call most of its tests make (the signed-in user's row), not the first (another user's)
    assert maker.call(defined_here=False) == "await collection_factory(user)"
    assert maker.params == ("owner",)  # the factory's own parameter receiving that fixture


def test_the_call_most_tests_make_is_the_maker_not_the_first(tmp_path: Path) -> None:
    _tier_app(tmp_path)
    helper = "def make_tier(client, who):\n    return client.post('/tiers', json={'name': 'a'}).json()\n\n\n"
    tests = "".join(
        f"def test_{n}(client, user, other_user):\n    make_tier(client, {who})\n\n\n"
        for n, who in (("hidden", "other_user"), ("read", "user"), ("list", "user"))
    )
    (tmp_path / "tests/test_tiers.py").write_text(helper + tests)
    maker = maker_of(tmp_path, "Tier")
    assert maker is not None and maker.call(defined_here=True) == "make_tier(client, user)"


def test_of_the_calls_most_tests_make_one_passing_an_owner_is_the_maker(tmp_path: Path) -> None:
    # most tests make a tier anyone's; one makes the signed-in user's: that one tells how
    _tier_app(tmp_path)
    helper = "def make_tier(db, owner_id=None):\n    return Tier(name='a', owner_id=owner_id)\n\n\n"
    tests = "".join(
        f"def test_{n}(client, db, user):\n    make_tier(db{extra})\n\n\n"
        for n, extra in (("read", ""), ("mine", ", owner_id=user.id"), ("list", ""))
    )
    (tmp_path / "tests/test_tiers.py").write_text(helper + tests)
    maker = maker_of(tmp_path, "Tier")
    assert maker is not None and maker.call(defined_here=True) == "make_tier(db)"
    assert [str(k) for k in maker.keywords] == ["owner_id=user.id"]


def test_rows_made_by_fixtures_only_have_no_maker() -> None:
    assert maker_of(FIXTURES / "seed_async", "Category") is None


def _tier_app(root: Path) -> None:
    """An app with a Tier resource (list and create routes) and an empty tests directory."""
    (root / "app").mkdir()
    (root / "tests").mkdir()
    (root / "app/main.py").write_text(
        "from fastapi import FastAPI\nfrom sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n"
        "app = FastAPI()\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\n"
        "class Tier(Base):\n    __tablename__ = 'tiers'\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
        "    name: Mapped[str]\n\n\n"
        "@app.get('/tiers')\ndef list_tiers() -> list[int]:\n    return []\n\n\n"
        "@app.post('/tiers', status_code=201)\ndef create_tier(name: str) -> int:\n    return 1\n"
    )


def test_a_helper_no_test_calls_with_fixtures_alone_is_no_maker(tmp_path: Path) -> None:
    _tier_app(tmp_path)
    helper = "def make_tier(client, name):\n    return client.post('/tiers', json={'name': name}).json()\n\n\n"
    called = "def test_list_tiers(client):\n    make_tier(client, 'a' * 3)\n"  # an argument no fixture gives
    (tmp_path / "tests/test_tiers.py").write_text(helper + called)
    assert maker_of(tmp_path, "Tier") is None
    (tmp_path / "tests/test_tiers.py").write_text(helper + called + "\n\ndef test_read_tier(client, name):\n    make_tier(client, name)\n")
    maker = maker_of(tmp_path, "Tier")
    assert maker is not None and maker.call(defined_here=True) == "make_tier(client, name)"


def test_what_a_test_passes_by_keyword_out_of_its_fixtures_is_kept_apart(tmp_path: Path) -> None:
    _tier_app(tmp_path)
    (tmp_path / "tests/test_tiers.py").write_text(
        "from app.main import Tier\n\n\ndef make_tier(db, **overrides):\n    return Tier(**overrides)\n\n\n"
        "def test_list_tiers(client, db, user):\n    make_tier(db, name='a', owner_id=user.id)\n"
    )
    maker = maker_of(tmp_path, "Tier")
    assert maker is not None and maker.args == ("db",)
    assert [str(k) for k in maker.keywords] == ["owner_id=user.id"]  # not name='a': a value of its own
    assert maker.keywords[0].fixtures == ("user",)
    assert maker.call(defined_here=True) == "make_tier(db)"  # passed only where asked (an owned parent)


def test_a_client_the_test_module_builds_at_its_top_level_is_passed_as_a_fixture_is(tmp_path: Path) -> None:
    """The tests take no client fixture: they pass the module's own (`client = TestClient(app)`).
    The maker is called so, and that argument is kept apart from the fixtures: a test calling
    the maker does not ask for it, its module binds it as this one does."""
    _tier_app(tmp_path)
    module = (
        "from fastapi.testclient import TestClient\n\nfrom app.main import app\n\nclient = TestClient(app)\n\n\n"
        "def make_tier(client, n=1):\n    return client.post('/tiers', json={'name': f'a{n}'}).json()\n\n\n"
        "def test_read_tier(user):\n    make_tier(client)\n"
    )
    (tmp_path / "tests/test_tiers.py").write_text(module)
    maker = maker_of(tmp_path, "Tier")
    assert maker is not None and maker.call(defined_here=True) == "make_tier(client)"
    assert maker.shared == ("client",) and maker.params == ("client",)
