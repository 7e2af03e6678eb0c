"""MakeFixtureParent: where fixtures give the factories tests make rows with, each test makes its
parent first (as its first row is made, else for the user it signs in as) and works under it."""

from __future__ import annotations

import ast
import textwrap

import libcst as cst

from codemods.clone.nesting.fixture_made import MakeFixtureParent, header_owners, row_factories
from codemods.clone.row_makers import RowMaker

MAKER = RowMaker(
    callee="collection_factory",
    function="collection_factory",
    path="tests/conftest.py",
    args=("other_user",),
    params=("owner",),
    awaited=True,
    value="{}.id",
    fixture=True,
)
CONFTEST = """\
@pytest.fixture
def review_factory(insert) -> ReviewFactory:
    async def create(owner: User, **fields: Any) -> Review:
        return await insert(Review(owner_id=owner.id, **fields))

    return create


@pytest.fixture
def auth_headers(user: User) -> dict[str, str]:
    return {'X-API-Key': user.api_key}


@pytest.fixture
def other_auth_headers(other_user: User) -> dict[str, str]:
    return {'X-API-Key': other_user.api_key}


def helper(owner):
    return Review(owner_id=owner.id)
"""


def nested(before: str, functions=None) -> str:
    tests = textwrap.dedent(before)
    names = functions or {
        n.name for n in ast.parse(tests).body if isinstance(n, ast.AsyncFunctionDef)
    }
    owners = header_owners([ast.parse(CONFTEST)])
    t = MakeFixtureParent(
        MAKER,
        "review_factory",
        "reviews",
        "collections",
        "collection_id",
        "collection",
        frozenset(names),
        owners,
    )
    return cst.parse_module(tests).visit(t).code


def test_the_clone_s_row_factory_and_the_headers_owners_are_read_from_the_conftest() -> None:
    assert row_factories(CONFTEST, {"review_factory", "helper", "auth_headers"}, "Review") == {
        "review_factory"
    }
    assert header_owners([ast.parse(CONFTEST)]) == {
        "auth_headers": "user",
        "other_auth_headers": "other_user",
    }


def test_headers_taking_the_client_too_are_owned_by_the_parameter_annotated_with_a_model() -> None:
    conftest = ast.parse(textwrap.dedent("""\
        @pytest.fixture
        def normal_user_token_headers(client: TestClient, normal_user: User) -> dict[str, str]:
            return authentication_headers(client, normal_user.email)


        @pytest.fixture
        def superuser_token_headers(client: TestClient, db: Session) -> dict[str, str]:
            return authentication_headers(client, settings.FIRST_SUPERUSER)
    """))
    assert header_owners([conftest], frozenset({"User", "Item"})) == {"normal_user_token_headers": "normal_user"}
    assert header_owners([conftest]) == {}  # no model known: no parameter tells the user


def test_a_test_makes_its_parent_as_its_first_row_and_the_rows_go_under_it() -> None:
    after = nested("""\
        async def test_another_users_review_is_404(client, other_user, auth_headers, review_factory):
            theirs = await review_factory(other_user)
            response = await client.get(f'/reviews/{theirs.id}', headers=auth_headers)
    """)
    assert after == textwrap.dedent("""\
        async def test_another_users_review_is_404(client, other_user, auth_headers, review_factory, collection_factory):
            collection = await collection_factory(other_user)
            theirs = await review_factory(other_user, collection_id=collection.id)
            response = await client.get(f'/collections/{collection.id}/reviews/{theirs.id}', headers=auth_headers)
    """)


def test_a_test_making_no_row_makes_the_parent_for_the_user_it_signs_in_as() -> None:
    after = nested("""\
        async def test_create_review(client, auth_headers):
            \"\"\"Created.\"\"\"
            response = await client.post('/reviews', json={'rating': 3}, headers=auth_headers)
    """)
    assert after == textwrap.dedent("""\
        async def test_create_review(client, auth_headers, collection_factory, user):
            \"\"\"Created.\"\"\"
            collection = await collection_factory(user)
            response = await client.post(f'/collections/{collection.id}/reviews', json={'rating': 3}, headers=auth_headers)
    """)


def test_without_rows_or_headers_the_parent_is_made_as_the_parent_s_tests_make_it() -> None:
    after = nested("""\
        async def test_needs_a_key(client):
            assert (await client.get('/reviews/1')).status_code == 401
    """)
    assert "    collection = await collection_factory(other_user)\n" in after
    assert "def test_needs_a_key(client, collection_factory, other_user):" in after


def test_tests_not_named_or_not_about_the_clone_are_left_alone() -> None:
    before = """\
        async def test_items(client, auth_headers):
            await client.get('/items', headers=auth_headers)


        async def test_other(client):
            await client.get('/reviews')
    """
    assert nested(before, {"test_items"}) == textwrap.dedent(before)
