"""DropValidatedField: validators of an input class name the parent's key no more."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.validated import DropValidatedField


def named(
    before: str, classes: frozenset[str] = frozenset({"ReviewPatch"})
) -> tuple[str, list[str]]:
    t = DropValidatedField("project_id", set(classes))
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    compile(after, "after", "exec")
    return after, t.removed


PATCH = """\
    class ReviewPatch(BaseModel):
        rating: int | None = None

        @field_validator("project_id", "rating")
        @classmethod
        def reject_null(cls, value: object) -> object:
            return value
"""


def test_the_key_leaves_the_validator_s_field_names() -> None:
    after, removed = named(PATCH)
    assert removed == []
    assert '@field_validator("rating")\n' in after and "project_id" not in after


def test_a_validator_naming_only_the_key_goes() -> None:
    before = """\
        class ReviewPatch(BaseModel):
            @validator("project_id", pre=True)
            def parse(cls, value):
                return value
    """
    assert named(before) == ("class ReviewPatch(BaseModel):\n    pass\n", ["parse"])


def test_other_classes_and_other_decorators_are_left_alone() -> None:
    assert named(PATCH, frozenset({"ReviewIn"})) == (textwrap.dedent(PATCH), [])
    before = 'class ReviewPatch(BaseModel):\n    @other("project_id")\n    def f(self):\n        return 1\n'
    assert named(before) == (before, [])
