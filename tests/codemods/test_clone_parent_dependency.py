"""ScopeRowDependency: a dependency reading the route's row checks the row's parent."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.dependency import ScopeRowDependency

KEY = cst.parse_module("def f(item_id: int): pass").body[0].params.params[0]


def scoped(before: str) -> tuple[str, set[str]]:
    t = ScopeRowDependency({"valid_review_id"}, KEY)
    return cst.parse_module(textwrap.dedent(before)).visit(t).code, t.missing


def test_other_functions_are_left_alone() -> None:
    before = (
        "def get_review_service(session=Depends(get_session)):\n    return ReviewService(session)\n"
    )
    assert scoped(before) == (before, {"valid_review_id"})


def test_the_dependency_takes_the_key_and_checks_the_row_against_it() -> None:
    after, missing = scoped("""\
        async def valid_review_id(review_id: int, service: ReviewService = Depends(get_review_service)) -> Review:
            review = await service.get(review_id)
            if review is None:
                raise ReviewNotFound()
            return review
    """)
    assert after == textwrap.dedent("""\
        async def valid_review_id(item_id: int, review_id: int, service: ReviewService = Depends(get_review_service)) -> Review:
            review = await service.get(review_id)
            if review is None or review.item_id != item_id:
                raise ReviewNotFound()
            return review
    """)
    assert missing == set()


def test_a_dependency_without_a_missing_row_check_is_missing() -> None:
    _, missing = scoped("def valid_review_id(review_id: int):\n    return load(review_id)\n")
    assert missing == {"valid_review_id"}
