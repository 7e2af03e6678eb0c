"""DropInputField: the parent's key leaves what clients send, stays in what they read."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.client_input import DropInputField


def dropped(before: str, inputs: set[str]) -> str:
    after = cst.parse_module(textwrap.dedent(before)).visit(DropInputField("item_id", inputs)).code
    cst.parse_module(after)
    return after


def test_schemas_without_the_key_are_left_alone() -> None:
    before = "class ReviewCreate(BaseModel):\n    rating: int\n"
    assert dropped(before, {"ReviewCreate"}) == before


def test_the_key_leaves_the_input_classes_and_stays_in_the_response() -> None:
    before = """\
        class ReviewCreate(BaseModel):
            rating: int
            item_id: int


        class ReviewUpdate(BaseModel):
            item_id: int | None = None


        class ReviewResponse(BaseModel):
            item_id: int
    """
    assert dropped(before, {"ReviewCreate", "ReviewUpdate"}) == textwrap.dedent("""\
        class ReviewCreate(BaseModel):
            rating: int


        class ReviewUpdate(BaseModel):
            pass


        class ReviewResponse(BaseModel):
            item_id: int
    """)


def test_a_shared_base_loses_it_and_the_response_reading_it_gets_it() -> None:
    before = """\
        class ReviewBase(BaseModel):
            rating: int
            item_id: int


        class ReviewCreate(ReviewBase):
            pass


        class Review(ReviewBase):
            id: int
    """
    assert dropped(before, {"ReviewCreate"}) == textwrap.dedent("""\
        class ReviewBase(BaseModel):
            rating: int


        class ReviewCreate(ReviewBase):
            pass


        class Review(ReviewBase):
            item_id: int
            id: int
    """)


def test_the_response_gets_the_field_as_its_base_had_it_not_as_the_update_has_it() -> None:
    # the update's optional field is not the row's (it was picked from a set: by hash seed)
    before = """\
        class ReviewBase(BaseModel):
            rating: int
            item_id: int


        class ReviewCreate(ReviewBase):
            pass


        class ReviewUpdate(BaseModel):
            item_id: Optional[int] = None


        class Review(ReviewBase):
            id: int
    """
    for inputs in ({"ReviewUpdate", "ReviewCreate"}, {"ReviewCreate", "ReviewUpdate"}):
        after = dropped(before, inputs)
        assert "class Review(ReviewBase):\n    item_id: int\n    id: int\n" in after
        assert "class ReviewUpdate(BaseModel):\n    pass\n" in after
