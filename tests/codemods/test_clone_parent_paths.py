"""NestRoutePaths: routes spelling their full paths go under the parent's item path."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.clone.nesting.paths import NestRoutePaths, nested_item_path


def nested(before: str) -> tuple[str, bool]:
    t = NestRoutePaths("/{username}/post/{post_id}")
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.done


def test_other_decorators_are_left_alone() -> None:
    before = '@cache("/review/{id}")\ndef f():\n    pass\n'
    assert nested(before) == (before, False)


def test_a_path_already_nested_is_left_alone() -> None:
    before = '@router.get("/{username}/post/{post_id}/reviews")\ndef f():\n    pass\n'
    assert nested(before) == (before, False)


def test_each_route_path_goes_under_the_parent() -> None:
    after, done = nested("""\
        @router.get("/review/{id}", response_model=ReviewRead)
        @cache(key_prefix="review_cache")
        async def read_review(id: int):
            pass

        @router.post('/', status_code=201)
        async def write_review():
            pass
    """)
    assert after == textwrap.dedent("""\
        @router.get("/{username}/post/{post_id}/review/{id}", response_model=ReviewRead)
        @cache(key_prefix="review_cache")
        async def read_review(id: int):
            pass

        @router.post('/{username}/post/{post_id}', status_code=201)
        async def write_review():
            pass
    """)
    assert done


@pytest.mark.parametrize(
    ("path", "param", "expected"),
    [
        ("/{username}/post/{id}", "id", "/{username}/post/{post_id}"),
        ("/posts/{id:int}/", "id", "/posts/{post_id}/"),
        ("/{post_id}", "post_id", "/{post_id}"),
    ],
)
def test_the_parent_s_item_path_names_its_row_by_the_key(path, param, expected) -> None:
    assert nested_item_path(path, param, "post_id") == expected
