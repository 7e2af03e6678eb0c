"""NestRouteCalls: the options' test modules of a nested resource request its routes under one
row of the parent, which each test asks for (or makes) and hands to the module's helpers."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.option_tests import NestRouteCalls, new_routes
from codemods.plan import FileEdit

ROUTES = frozenset({"create_review", "list_reviews"})
BEFORE = textwrap.dedent(
    """\
    async def create(client, headers, **changes):
        return await client.post(app.url_path_for("create_review"), json=changes, headers=headers)


    async def test_filter(client, auth_headers):
        await create(client, auth_headers, rating=3)
        response = await client.get(app.url_path_for("list_reviews"), params={"rating": 3})
        other = app.url_path_for("list_items")


    def test_unrelated(client):
        client.get("/health")
    """
)


def nested(ask: bool = True) -> str:
    after = cst.parse_module(BEFORE).visit(NestRouteCalls(ROUTES, "category_id", "category", "str(category.id)", ask)).code
    compile(after, "after", "exec")
    return after


def test_each_request_of_the_new_routes_goes_under_the_parent_s_row() -> None:
    after = nested()
    assert 'app.url_path_for("create_review", category_id=str(category.id))' in after
    assert 'app.url_path_for("list_reviews", category_id=str(category.id))' in after
    assert 'app.url_path_for("list_items")' in after  # another resource's route stays


def test_tests_ask_for_the_row_and_hand_it_to_the_helpers() -> None:
    after = nested()
    assert "async def create(client, headers, category, **changes):" in after
    assert "async def test_filter(client, auth_headers, category):" in after
    assert "await create(client, auth_headers, rating=3, category=category)" in after
    assert "def test_unrelated(client):" in after  # requests nothing nested: asks for nothing


def test_where_the_row_is_made_the_tests_do_not_ask_for_it() -> None:
    after = nested(ask=False)
    assert "async def create(client, headers, category, **changes):" in after  # helpers still take it
    assert "async def test_filter(client, auth_headers):" in after  # MakeRowFirst makes it here
    assert "await create(client, auth_headers, rating=3, category=category)" in after


def test_the_new_routes_are_those_the_plan_adds_actions_included() -> None:
    router = textwrap.dedent(
        """\
        @router.get("/")
        async def list_reviews(): ...


        @router.post("/{review_id}/bump")
        async def bump_review(review_id: int): ...
        """
    )
    shared = "@app.get('/health')\ndef health(): ...\n"
    edits = (
        FileEdit("app/routers/reviews.py", None, router),
        FileEdit("app/main.py", shared, shared + "\n\n@app.get('/reviews')\ndef list_all_reviews(): ...\n"),
        FileEdit("tests/test_reviews.py", None, "@app.get('/x')\ndef not_a_route(): ...\n"),
    )
    assert new_routes(edits) == {"list_reviews", "bump_review", "list_all_reviews"}
