"""nest_maker_tests and MakerParentCases: the clone's tests, added to the module whose helper
makes the parent's rows, make their parent with it; the project's tests there stay as they are."""

from __future__ import annotations

import textwrap
from dataclasses import replace

import libcst as cst
import pytest

from codemods.clone.nesting.maker_cases import MakerParentCases
from codemods.clone.nesting.maker_tests import nest_maker_tests
from codemods.clone.nesting.parent import Parent, ParentRoute
from codemods.clone.row_makers import RowMaker
from codemods.errors import ConventionError
from codemods.names import ResourceNames
from detectors.resources import FieldInfo, Footprint

PROJECT = textwrap.dedent("""\
    def create_author(client, name='Ann', email='ann@example.com'):
        response = client.post('/authors/', json={'name': name, 'email': email})
        return response.json()


    def test_read_author(client):
        author = create_author(client)
        response = client.get(f'/authors/{author["id"]}')
        assert response.status_code == 200
""")
CLONE = textwrap.dedent("""\


    def create_review(client):
        response = client.post('/reviews/', json={'rating': 3})
        return response.json()


    def test_read_reviews(client):
        create_review(client)
        response = client.get('/reviews/')
        assert len(response.json()) == 1


    def test_read_review(client):
        review = create_review(client)
        review_id = review['id']
        response = client.get(f'/reviews/{review_id}')
        assert response.status_code == 200
""")
MAKER = RowMaker(
    "create_author", "create_author", "tests/test_main.py", ("client",), ("client",), False, '{}["id"]'
)


def _parent(unique: str = "email") -> Parent:
    fields = (
        FieldInfo("name", "str", optional=False, unique=False, has_default=False),
        FieldInfo(unique, "str", optional=False, unique=True, has_default=False),
    )
    names = ResourceNames.parse("Author")
    footprint = Footprint("Author", names, "main.py", (), (), ("list", "get", "create"), ("model",), fields)
    return Parent(
        footprint, names, "author_id", ParentRoute("main.py", "read_author", "author_id"), "authors", None, None
    )


def _nested(parent: Parent, project: str = PROJECT) -> str:
    texts = {"tests/test_main.py": project + CLONE}
    functions = frozenset({"create_review", "test_read_reviews", "test_read_review"})
    nest_maker_tests(
        "tests/test_main.py",
        texts,
        functions,
        parent,
        ResourceNames.parse("Review"),
        "reviews",
        MAKER,
        "999999999",
    )
    return texts["tests/test_main.py"]


def test_the_clone_s_tests_make_their_parent_and_the_project_s_stay_byte_identical() -> None:
    after = _nested(_parent())
    assert after.startswith(PROJECT)
    clone = after[len(PROJECT) :].split("\n\n\ndef test_read_review_of_missing")[0]
    assert clone == textwrap.dedent("""\


        def create_review(client, author=None):
            if author is None:
                author = create_author(client)
            response = client.post(f'/authors/{author["id"]}/reviews/', json={'rating': 3})
            return response.json()


        def test_read_reviews(client):
            author = create_author(client)
            create_review(client, author=author)
            response = client.get(f'/authors/{author["id"]}/reviews/')
            assert len(response.json()) == 1


        def test_read_review(client):
            author = create_author(client)
            review = create_review(client, author=author)
            review_id = review['id']
            response = client.get(f'/authors/{author["id"]}/reviews/{review_id}')
            assert response.status_code == 200""")


def test_four_tests_of_the_nesting_the_other_parent_with_its_unique_value_changed() -> None:
    after = _nested(_parent())
    cases = after.split("assert response.status_code == 200\n", 2)[2]
    assert cases == textwrap.dedent("""\


        def test_read_review_of_missing_author_returns_404(client):
            author = create_author(client)
            review = create_review(client, author=author)
            review_id = review['id']
            response = client.get(f'/authors/999999999/reviews/{review_id}')
            assert response.status_code == 404


        def test_read_review_of_other_author_returns_404(client):
            author = create_author(client)
            review = create_review(client, author=author)
            review_id = review['id']
            other_author = create_author(client, email='other-ann@example.com')
            response = client.get(f'/authors/{other_author["id"]}/reviews/{review_id}')
            assert response.status_code == 404


        def test_list_reviews_of_missing_author_returns_404(client):
            response = client.get('/authors/999999999/reviews/')
            assert response.status_code == 404


        def test_list_reviews_of_other_author_leaves_it_out(client):
            author = create_author(client)
            create_review(client, author=author)
            other_author = create_author(client, email='other-ann@example.com')
            own = client.get(f'/authors/{author["id"]}/reviews/')
            other = client.get(f'/authors/{other_author["id"]}/reviews/')
            assert own.status_code == 200
            assert other.status_code == 200
            assert other.json() != own.json()
    """)


def test_a_unique_value_the_helper_sends_but_does_not_take_is_refused() -> None:
    # `slug` is unique, and create_author sends none it could be given: no second author
    project = PROJECT.replace("json={'name': name,", "json={'slug': 'ann', 'name': name,")
    with pytest.raises(ConventionError, match="create_author makes each one with the same slug"):
        _nested(_parent("slug"), project)


def test_a_unique_value_made_of_a_changed_parameter_changes_with_it() -> None:
    # `name` is unique too, and sent as `f'{email} name'`: another email makes another name
    project = PROJECT.replace("def create_author(client, name='Ann', ", "def create_author(client, ").replace(
        "json={'name': name,", "json={'name': f'{email} name',"
    )
    parent = _parent()
    both = tuple(replace(f, unique=True) for f in parent.footprint.fields)
    parent = replace(parent, footprint=replace(parent.footprint, fields=both))
    assert "create_author(client, email='other-ann@example.com')" in _nested(parent, project)


def test_the_list_request_is_no_test_of_one_row() -> None:
    # only a test reading one row (a URL beyond the collection's) is derived from
    text = textwrap.dedent("""\
        def test_read_reviews(client):
            author = create_author(client)
            response = client.get(f'/authors/{author["id"]}/reviews/')
    """)
    cases = MakerParentCases(
        "reviews", "authors", 'author["id"]', "create_author(client)", "999999999",
        "reviews", "author", frozenset({"test_read_reviews"}),
    )
    assert cst.parse_module(text).visit(cases).code == text
    assert not cases.found


def test_tests_of_the_project_are_never_derived_from() -> None:
    text = textwrap.dedent("""\
        def test_theirs(client):
            author = create_author(client)
            response = client.get(f'/authors/{author["id"]}/reviews/{1}')
    """)
    cases = MakerParentCases(
        "reviews", "authors", 'author["id"]', "create_author(client)", "999999999",
        "reviews", "author", frozenset(),
    )
    assert cst.parse_module(text).visit(cases).code == text
