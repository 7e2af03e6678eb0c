"""KeyField: the class a create hands the data access carries the parent's key."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.key_field import KeyField


def keyed(before: str) -> tuple[str, set[str]]:
    t = KeyField("post_id", "int", {"ReviewCreateInternal"})
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.added


def test_other_classes_and_a_class_with_the_field_are_left_alone() -> None:
    before = """\
        class ReviewCreate(ReviewBase):
            pass


        class ReviewCreateInternal(ReviewCreate):
            post_id: int
    """
    assert keyed(before) == (textwrap.dedent(before), set())


def test_the_field_replaces_a_lone_pass() -> None:
    after, added = keyed("class ReviewCreateInternal(ReviewCreate):\n    pass\n")
    assert after == "class ReviewCreateInternal(ReviewCreate):\n    post_id: int\n"
    assert added == {"ReviewCreateInternal"}


def test_the_field_goes_after_the_fields_before_the_methods() -> None:
    after, _ = keyed("""\
        class ReviewCreateInternal(ReviewCreate):
            \"\"\"Stored.\"\"\"
            rating: int

            def f(self):
                pass
    """)
    assert after == textwrap.dedent("""\
        class ReviewCreateInternal(ReviewCreate):
            \"\"\"Stored.\"\"\"
            rating: int
            post_id: int

            def f(self):
                pass
    """)
