"""ScopeBoundQueries: methods building and querying the model through `self.<attr>` take the key."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.bound_queries import ScopeBoundQueries, bound_builders

BOUND = {"CRUDReview": frozenset({"model"})}

BEFORE = """\
class CRUDReview(CRUDBase[Review, ReviewCreate, ReviewUpdate]):
    def create_with_owner(self, db: Session, *, obj_in: ReviewCreate, owner_id: int) -> Review:
        db_obj = self.model(**jsonable_encoder(obj_in), owner_id=owner_id)
        return db_obj

    def get_multi_by_owner(
        self, db: Session, *, owner_id: int, limit: int = 100
    ) -> List[Review]:
        return db.query(self.model).filter(Review.owner_id == owner_id).limit(limit).all()
"""


def scoped(before: str, bound=BOUND) -> tuple[str, set[str]]:
    t = ScopeBoundQueries(
        bound, {"create_with_owner"}, {"get_multi_by_owner"}, "item_id", "int", "Review"
    )
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.missing


def test_create_sets_the_key_and_the_list_filters_by_it() -> None:
    after, missing = scoped(BEFORE)
    assert after == textwrap.dedent("""\
        class CRUDReview(CRUDBase[Review, ReviewCreate, ReviewUpdate]):
            def create_with_owner(self, db: Session, *, obj_in: ReviewCreate, owner_id: int, item_id: int) -> Review:
                db_obj = self.model(item_id=item_id, **jsonable_encoder(obj_in), owner_id=owner_id)
                return db_obj

            def get_multi_by_owner(
                self, db: Session, *, owner_id: int, limit: int = 100, item_id: int
            ) -> List[Review]:
                return db.query(self.model).filter(self.model.item_id == item_id).filter(Review.owner_id == owner_id).limit(limit).all()
    """)
    assert missing == set()


def test_a_class_not_holding_the_model_is_left_alone() -> None:
    before = BEFORE.replace("CRUDReview", "CRUDOther")
    after, missing = scoped(before)
    assert "self.model(**" in after and ".filter(self.model.item_id" not in after
    assert missing == {"create_with_owner", "get_multi_by_owner"}


def test_another_object_s_attribute_is_not_the_model() -> None:
    after, missing = scoped(
        BEFORE.replace("self.model(", "other.model(").replace(
            "query(self.model)", "query(other.model)"
        )
    )
    assert missing == {"create_with_owner", "get_multi_by_owner"}
    assert "item_id=item_id" not in after


def test_the_model_named_as_itself_is_scoped_as_before() -> None:
    after, missing = scoped(BEFORE.replace("self.model(", "Review("), bound={})
    assert "Review(item_id=item_id, **jsonable_encoder(obj_in)" in after
    assert missing == {"get_multi_by_owner"}


def test_methods_building_through_the_attribute_are_builders() -> None:
    module = cst.parse_module(BEFORE)
    among = {"create_with_owner", "get_multi_by_owner"}
    assert bound_builders(module, BOUND, among) == {"create_with_owner"}
    assert bound_builders(module, {}, among) == set()
