"""ParentForFactory: the clone's test helper makes its row under a parent row."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.factory import ParentForFactory


def helped(before: str, annotation: str | None = "Item") -> tuple[str, bool]:
    t = ParentForFactory(
        "create_random_review",
        "item",
        annotation,
        "create_random_item(db)",
        "item_id",
        {"create_review"},
        "Review",
    )
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.found


def test_other_functions_are_left_alone() -> None:
    before = "def create_random_user(db: Session) -> User:\n    return crud.create_user(db)\n"
    assert helped(before) == (before, False)


def test_the_helper_takes_a_parent_and_passes_its_key_to_the_data_function() -> None:
    after, found = helped("""\
        def create_random_review(db: Session) -> Review:
            review_in = ReviewCreate(rating=3)
            return crud.create_review(session=db, review_in=review_in)
    """)
    assert after == textwrap.dedent("""\
        def create_random_review(db: Session, item: Item | None = None) -> Review:
            if item is None:
                item = create_random_item(db)
            review_in = ReviewCreate(rating=3)
            return crud.create_review(session=db, review_in=review_in, item_id=item.id)
    """)
    assert found


def test_a_helper_building_the_row_itself_sets_the_key_there() -> None:
    after, found = helped(
        """\
        def create_random_review(db):
            \"\"\"One review.\"\"\"
            return save(db, Review(rating=3))
    """,
        annotation=None,
    )
    assert after == textwrap.dedent("""\
        def create_random_review(db, item=None):
            \"\"\"One review.\"\"\"
            if item is None:
                item = create_random_item(db)
            return save(db, Review(rating=3, item_id=item.id))
    """)
    assert found


def test_a_second_run_changes_nothing() -> None:
    once, _ = helped("""\
        def create_random_review(*, db: Session) -> Review:
            return crud.create_review(session=db)
    """)
    assert "def create_random_review(*, db: Session, item: Item | None = None)" in once
    assert helped(once) == (once, False)
