"""EnvelopeField: a list envelope gains the field carrying the next page's cursor."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.paging_envelope import DropEnvelopeField, EnvelopeField


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, transformer: EnvelopeField) -> str:
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


BEFORE = """\
    class OrdersPublic(SQLModel):
        data: list[OrderPublic]
        count: int


    class Message(SQLModel):
        message: str
"""


def test_another_class_is_left_alone() -> None:
    field = EnvelopeField("ItemsPublic", "next_cursor", "str | None", "None")
    assert changed(BEFORE, field) == code(BEFORE) and not field.found


def test_a_class_with_the_field_is_left_alone() -> None:
    done = """\
        class OrdersPublic(SQLModel):
            data: list[OrderPublic]
            next_cursor: str | None = None
    """
    field = EnvelopeField("OrdersPublic", "next_cursor", "str | None", "None")
    assert changed(done, field) == code(done) and not field.added


def test_the_field_follows_the_last_one() -> None:
    field = EnvelopeField("OrdersPublic", "next_cursor", "Optional[str]", "None")
    assert changed(BEFORE, field) == code(
        """\
        class OrdersPublic(SQLModel):
            data: list[OrderPublic]
            count: int
            next_cursor: Optional[str] = None


        class Message(SQLModel):
            message: str
        """
    )


def test_a_dropped_field_goes() -> None:
    before = """\
        class OrderListResponse(BaseModel):
            data: list[OrderResponse]
            next_cursor: int | None
            has_more: bool
    """
    field = DropEnvelopeField("OrderListResponse", "next_cursor")
    assert changed(before, field) == code(
        """\
        class OrderListResponse(BaseModel):
            data: list[OrderResponse]
            has_more: bool
        """
    )
    assert field.dropped


def test_a_class_without_the_field_to_drop_is_left_alone() -> None:
    field = DropEnvelopeField("OrdersPublic", "next_cursor")
    assert changed(BEFORE, field) == code(BEFORE) and not field.dropped
