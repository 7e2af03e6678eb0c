"""NestRoutes: each route finds its parent first, keeps to its rows, and passes its key on."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.clone.nesting.routes import NestRoutes

LOOKUP = """\
item = await item_crud.get_item(db, item_id)
if item is None:
    raise HTTPException(status_code=404, detail="Item not found")
"""


def nested(before: str, extra: str = "") -> tuple[str, NestRoutes]:
    key = cst.parse_module("def f(item_id: int): pass").body[0].params.params[0]
    extras = list(cst.parse_module(f"def f({extra}): pass").body[0].params.params) if extra else []
    lookup = list(cst.parse_module(LOOKUP).body)
    transformer = NestRoutes(
        key, lookup, extras, frozenset({"create_review", "list_reviews"}), "Review"
    )
    after = cst.parse_module(textwrap.dedent(before)).visit(transformer).code
    cst.parse_module(after)  # the expectation is code
    return after, transformer


def test_a_function_that_is_no_route_is_left_alone() -> None:
    before = "def helper(review_id: int):\n    return review_id\n"
    after, t = nested(before)
    assert after == before and t.routes == []


def test_a_route_already_nested_is_left_alone() -> None:
    before = '@router.get("")\nasync def list_reviews(item_id: int, db=Depends(get_db)):\n    return []\n'
    after, t = nested(before)
    assert after == before and t.unscoped == []


def test_the_item_route_finds_the_parent_and_answers_404_for_another_parent_s_row() -> None:
    after, t = nested("""\
        @router.get("/{review_id}")
        async def get_review(review_id: int, db: AsyncSession = Depends(get_db)) -> Review:
            review = await review_crud.get_review(db, review_id)
            if review is None:
                raise HTTPException(status_code=404, detail="Review not found")
            return review
    """)
    assert after == textwrap.dedent("""\
        @router.get("/{review_id}")
        async def get_review(item_id: int, review_id: int, db: AsyncSession = Depends(get_db)) -> Review:
            item = await item_crud.get_item(db, item_id)
            if item is None:
                raise HTTPException(status_code=404, detail="Item not found")
            review = await review_crud.get_review(db, review_id)
            if review is None or review.item_id != item_id:
                raise HTTPException(status_code=404, detail="Review not found")
            return review
    """)
    assert t.unscoped == []


def test_create_passes_the_key_to_the_data_access_taking_the_payload() -> None:
    after, t = nested("""\
        @router.post("")
        def create_review(data: ReviewCreate, db=Depends(get_db)):
            return review_crud.create_review(db, data)
    """)
    assert "review_crud.create_review(db, data, item_id=item_id)" in after
    assert "def create_review(item_id: int, data: ReviewCreate, db=Depends(get_db)):" in after
    assert t.calls["create"] == {"create_review"}


def test_create_building_the_model_itself_sets_the_key_there() -> None:
    after, t = nested("""\
        @router.post("")
        def create_review(data: ReviewCreate, db=Depends(get_db)):
            review = Review(**data.model_dump())
            return repo.add(review)
    """)
    assert "Review(item_id=item_id, **data.model_dump())" in after
    assert t.calls["create"] == set() and t.unscoped == []


def test_list_passes_the_key_and_a_builtin_call_is_no_data_access() -> None:
    after, t = nested("""\
        @router.get("")
        def list_reviews(db=Depends(get_db)):
            return list(review_crud.list_reviews(db))
    """)
    assert "list(review_crud.list_reviews(db, item_id=item_id))" in after
    assert t.calls["list"] == {"list_reviews"}


def test_a_row_from_a_dependency_is_scoped_in_that_dependency() -> None:
    nest = NestRoutes(
        cst.parse_module("def f(item_id: int): pass").body[0].params.params[0],
        [],
        [],
        frozenset({"valid_review_id", "get_service"}),
        "Review",
    )
    code = '@router.get("/{review_id}")\ndef get_review(review: Review = Depends(valid_review_id), s=Depends(get_service)):\n    return review\n'
    cst.parse_module(code).visit(nest)
    assert nest.calls["row"] == {"valid_review_id"} and nest.unscoped == []


def test_the_parameters_the_parent_lookup_needs_are_added_where_missing() -> None:
    after, _ = nested(
        '@router.get("")\ndef list_reviews(limit: int = 10):\n    return review_crud.list_reviews(limit=limit)\n',
        extra="db: Session = Depends(get_db)",
    )
    assert (
        "def list_reviews(item_id: int, limit: int = 10, db: Session = Depends(get_db)):" in after
    )


@pytest.mark.parametrize("check", ["if review is None:", "if not review:"])
def test_both_missing_row_checks_are_scoped(check: str) -> None:
    after, t = nested(f"""\
        @router.delete("/{{review_id}}")
        def delete_review(review_id: int):
            review = crud.get_review(review_id)
            {check}
                raise HTTPException(404)
    """)
    assert "or review.item_id != item_id:" in after and t.unscoped == []


def test_a_route_it_cannot_scope_is_named() -> None:
    _, t = nested(
        '@router.get("/{review_id}")\ndef get_review(review_id: int):\n    return fetch(review_id)\n'
    )
    assert t.unscoped == ["get_review"]


def test_a_key_with_a_default_goes_where_the_defaults_start() -> None:
    key = cst.parse_module("def f(item_id: int = Path(ge=1)): pass").body[0].params.params[0]
    t = NestRoutes(key, [], [], frozenset({"list_reviews"}), "Review")
    before = '@router.get("")\ndef list_reviews(data: Body, limit: int = 10):\n    return list_reviews(limit)\n'
    after = cst.parse_module(before).visit(t).code
    assert "def list_reviews(data: Body, item_id: int = Path(ge=1), limit: int = 10):" in after


def test_a_create_validating_the_model_puts_the_key_in_its_update() -> None:
    after, t = nested("""\
        @router.post("/")
        def create_review(*, session: SessionDep, review_in: ReviewCreate) -> Any:
            review = Review.model_validate(review_in, update={"owner_id": 1})
            return review
    """)
    assert 'update={"owner_id": 1, "item_id": item_id}' in after
    assert t.unscoped == [] and t.calls["create"] == set()


def test_a_list_querying_the_table_itself_is_left_for_scope_queries() -> None:
    _, t = nested("""\
        @router.get("/")
        def read_reviews(session: SessionDep) -> Any:
            return session.exec(select(Review)).all()
    """)
    assert t.unscoped == ["read_reviews"]


def generic(before: str) -> tuple[str, NestRoutes]:
    key = cst.parse_module("def f(item_id: int): pass").body[0].params.params[0]
    transformer = NestRoutes(key, [], [], frozenset(), "Review", frozenset({"crud_reviews"}))
    after = cst.parse_module(textwrap.dedent(before)).visit(transformer).code
    cst.parse_module(after)
    return after, transformer


def test_generic_data_access_filters_by_the_key() -> None:
    after, t = generic("""\
        @router.get("/review/{id}")
        async def read_review(id: int, db: Db) -> dict:
            row = await crud_reviews.get(db=db, schema_to_select=ReviewRead, id=id)
            if row is None:
                raise NotFoundException("Review not found")
            return row

        @router.get("/reviews")
        async def read_reviews(db: Db) -> dict:
            return await crud_reviews.get_multi(db=db, limit=10)
    """)
    assert "crud_reviews.get(db=db, schema_to_select=ReviewRead, id=id, item_id=item_id)" in after
    assert "crud_reviews.get_multi(db=db, limit=10, item_id=item_id)" in after
    assert "row.item_id" not in after  # a row of generic data access may be a dict
    assert t.unscoped == []


def test_a_create_storing_a_class_built_from_a_dict_gives_it_the_key() -> None:
    after, t = generic("""\
        @router.post("/review")
        async def write_review(review: ReviewCreate, db: Db) -> ReviewRead:
            internal = ReviewCreateInternal(**review.model_dump())
            return await crud_reviews.create(db=db, object=internal)
    """)
    assert "ReviewCreateInternal(item_id=item_id, **review.model_dump())" in after
    assert t.calls["payload"] == {"ReviewCreateInternal"} and t.unscoped == []


def test_a_create_taking_keyword_only_parameters_passes_the_key_to_its_data_access() -> None:
    after, t = nested("""\
        @router.post("/")
        def create_review(*, session: SessionDep, review_in: ReviewCreate) -> Any:
            return crud.create_review(session=session, review_in=review_in)
    """)
    assert "return crud.create_review(session=session, review_in=review_in, item_id=item_id)" in after
    assert t.unscoped == [] and t.calls["create"] == {"create_review"}
