"""lift_tests and put_back: test methods go to module level for the passes nesting top-level
tests, then back into their class, with the tests derived from them."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.test_classes import lift_tests, put_back

MODULE = """\
import pytest


def make_review(client, headers) -> dict:
    return {}


class TestReviews:
    def test_get(self, client, user_headers):
        review = make_review(client, user_headers)

    @pytest.mark.parametrize("path", ["", "/1"])
    def test_needs_a_token(self, client, path):
        client.get(path)
"""


def test_test_methods_are_lifted_without_self() -> None:
    lifted, moved = lift_tests(MODULE)
    assert lifted == textwrap.dedent("""\
        import pytest


        def make_review(client, headers) -> dict:
            return {}


        class TestReviews:
            pass


        def test_get(client, user_headers):
            review = make_review(client, user_headers)


        @pytest.mark.parametrize("path", ["", "/1"])
        def test_needs_a_token(client, path):
            client.get(path)
    """)
    assert moved.tests == {"TestReviews": ("test_get", "test_needs_a_token")}


def test_put_back_gives_the_module_again() -> None:
    lifted, moved = lift_tests(MODULE)
    assert put_back(lifted, moved) == MODULE


def test_tests_derived_after_the_lifted_ones_join_their_class() -> None:
    lifted, moved = lift_tests(MODULE)
    derived = (
        lifted + "\n\ndef test_get_of_other_item_returns_404(client, user_headers):\n    pass\n"
    )
    back = put_back(derived, moved)
    assert back.endswith(
        "        client.get(path)\n\n"
        "    def test_get_of_other_item_returns_404(self, client, user_headers):\n"
        "        pass\n"
    )
    assert "\ndef test_" not in back


def test_a_class_with_other_members_keeps_them_and_its_fixtures_stay() -> None:
    module = textwrap.dedent("""\
        class TestReviews:
            url = "/reviews"

            @pytest.fixture
            def review(self):
                return {}

            def test_get(self, review):
                pass
    """)
    lifted, moved = lift_tests(module)
    assert moved.tests == {"TestReviews": ("test_get",)}
    assert "    def review(self):" in lifted and "\ndef test_get(review):" in lifted
    assert put_back(lifted, moved) == module


def test_a_module_without_test_classes_is_left_as_it_is() -> None:
    module = "def test_get(client):\n    pass\n"
    lifted, moved = lift_tests(module)
    assert lifted == module and put_back(lifted, moved) == module
    cst.parse_module(lifted)
