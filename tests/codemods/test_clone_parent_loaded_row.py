"""CheckLoadedRow: the row a clone's function reads through a loader it does not define is
checked against the parent's key right after the loader, in the clone's function."""

from __future__ import annotations

import ast
import textwrap

import libcst as cst

from codemods.clone.nesting.loaded_row import CheckLoadedRow, missing_row_raise

RAISE = "raise HTTPException(status_code=404, detail='Not found')"


def checked(
    before: str, loads: dict[str, str], raising: str | None = RAISE
) -> tuple[str, set[str]]:
    t = CheckLoadedRow(loads, "collection_id", "review", raising)
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    ast.parse(after)
    return after, t.missing


def test_an_existing_missing_row_check_gains_the_key() -> None:
    after, missing = checked(
        """\
        def _get_or_404(repo: ReviewRepo, review_id: int, *, collection_id: int) -> Review:
            review = repo.get(review_id)
            if review is None:
                raise HTTPException(HTTPStatus.NOT_FOUND)
            return review
        """,
        {"_get_or_404": "review_id"},
    )
    assert "    if review is None or review.collection_id != collection_id:\n" in after
    assert missing == set()


def test_a_returned_row_is_named_checked_and_returned() -> None:
    after, missing = checked(
        """\
        class ReviewService:
            async def _load(self, owner: User, review_id: int, *, collection_id: int) -> Review:
                return ensure_owner(await self.session.get(Review, review_id), owner)
        """,
        {"ReviewService._load": "review_id"},
    )
    assert after == textwrap.dedent(f"""\
        class ReviewService:
            async def _load(self, owner: User, review_id: int, *, collection_id: int) -> Review:
                review = ensure_owner(await self.session.get(Review, review_id), owner)
                if review.collection_id != collection_id:
                    {RAISE}
                return review
        """)
    assert missing == set()


def test_an_assigned_row_without_a_check_gets_one_after_the_loader() -> None:
    after, _ = checked(
        """\
        def load(session, review_id, *, collection_id):
            row = ensure_owner(session.get(Review, review_id))
            row.seen = True
            return row
        """,
        {"load": "review_id"},
    )
    assert after.split("\n")[2:4] == [
        "    if row.collection_id != collection_id:",
        f"        {RAISE}",
    ]


def test_without_a_raise_to_answer_with_the_function_is_missing() -> None:
    before = (
        "def load(session, review_id):\n    return ensure_owner(session.get(Review, review_id))\n"
    )
    assert checked(before, {"load": "review_id"}, None) == (before, {"load"})


def test_other_functions_are_left_alone() -> None:
    before = "def other(review_id):\n    return fetch(review_id)\n"
    assert checked(before, {"load": "review_id"}) == (before, {"load"})


def test_the_raise_is_the_loader_s_own_for_a_missing_row() -> None:
    source = textwrap.dedent("""\
        def ensure_owner(row, user):
            if user is None:
                raise Unauthorized()
            if row is None or row.owner_id != user.id:
                raise HTTPException(status_code=404, detail='Not found')
            return row
    """)
    function = ast.parse(source).body[0]
    assert missing_row_raise(function, source) == RAISE
    plain = "def load(row):\n    return row\n"
    assert missing_row_raise(ast.parse(plain).body[0], plain) is None
