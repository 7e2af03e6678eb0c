"""ScopeQueries: the clone's create sets the parent's key, its list filters by it."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.queries import ScopeQueries


def scoped(
    before: str, create=("create_review",), listing=("list_reviews",), annotation="int"
) -> tuple[str, set[str]]:
    t = ScopeQueries(set(create), set(listing), "item_id", annotation, "Review")
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.missing


def test_other_functions_are_left_alone() -> None:
    before = "def get_review(db, review_id):\n    return db.get(Review, review_id)\n"
    assert scoped(before) == (before, {"create_review", "list_reviews"})


def test_create_takes_the_key_and_builds_the_row_with_it() -> None:
    after, missing = scoped(
        """\
        async def create_review(db: AsyncSession, data: ReviewCreate) -> Review:
            review = Review(**data.model_dump())
            return review
    """,
        listing=(),
    )
    assert after == textwrap.dedent("""\
        async def create_review(db: AsyncSession, data: ReviewCreate, *, item_id: int) -> Review:
            review = Review(item_id=item_id, **data.model_dump())
            return review
    """)
    assert missing == set()


def test_list_filters_select_query_and_count() -> None:
    after, missing = scoped(
        """\
        class ReviewService:
            def list_reviews(self, *, limit):
                total = self.session.scalar(select(func.count()).select_from(Review))
                rows = self.session.scalars(select(Review).limit(limit))
                legacy = self.db.query(models.Review).all()
                return list(rows), total
    """,
        create=(),
    )
    assert "def list_reviews(self, *, limit, item_id):" in after  # unannotated like its neighbours
    assert "select(func.count()).select_from(Review).where(Review.item_id == item_id)" in after
    assert "select(Review).where(Review.item_id == item_id).limit(limit)" in after
    assert "self.db.query(models.Review).filter(models.Review.item_id == item_id).all()" in after
    assert missing == set()


def test_a_function_that_builds_no_row_is_missing() -> None:
    _, missing = scoped("def create_review(db, data):\n    return repo.add(data)\n", listing=())
    assert missing == {"create_review"}


def test_a_route_querying_the_table_itself_filters_there_and_keeps_its_key() -> None:
    after, missing = scoped(
        """\
        def read_reviews(item_id: int, session: SessionDep):
            count = session.exec(select(func.count()).select_from(Review)).one()
            return session.exec(select(Review).offset(0)).all()
    """,
        create=(),
        listing=("read_reviews",),
    )
    assert after == textwrap.dedent("""\
        def read_reviews(item_id: int, session: SessionDep):
            count = session.exec(select(func.count()).select_from(Review).where(Review.item_id == item_id)).one()
            return session.exec(select(Review).where(Review.item_id == item_id).offset(0)).all()
    """)
    assert missing == set()


def test_a_create_validating_the_model_sets_the_key_in_its_update() -> None:
    after, missing = scoped(
        """\
        def create_review(*, session: Session, review_in: ReviewCreate) -> Review:
            return Review.model_validate(review_in, update={"owner_id": 1})
    """,
        listing=(),
    )
    assert after == textwrap.dedent("""\
        def create_review(*, session: Session, review_in: ReviewCreate, item_id: int) -> Review:
            return Review.model_validate(review_in, update={"owner_id": 1, "item_id": item_id})
    """)
    assert missing == set()
