"""route_maker: a row made through the target's create route, called with its tests' fixtures."""

from __future__ import annotations

from pathlib import Path

from codemods.clone.route_maker import route_maker
from codemods.imports import Import
from detectors import ProjectIndex
from detectors.resources import find_footprints
from tests.harness import FIXTURES

SAMPLES = Path(__file__).resolve().parent.parent / "sample_projects"


def made(root: Path, model: str):
    index = ProjectIndex(root)
    return route_maker(index, next(f for f in find_footprints(index) if f.model == model))


def test_the_helper_posts_to_the_create_route_with_the_headers_the_tests_send() -> None:
    found = made(SAMPLES / "legacy_crudbase", "Item")  # its tests post inline, no helper
    assert found is not None
    maker, loan = found
    assert maker.call(defined_here=True) == "new_item(client, normal_user_token_headers)"
    assert maker.value == "{}" and maker.copied  # the helper returns the key; each module gets it
    assert loan.names == ("new_item",)
    assert 'client.post(app.url_path_for("create_item"), json={' in loan.code[0] and "headers=headers" in loan.code[0]
    assert Import("app.main", "app") in loan.imports


def test_a_resource_without_a_create_route_gives_no_helper() -> None:
    assert made(FIXTURES / "seed_async", "User") is None  # users sign up through auth, not /users
