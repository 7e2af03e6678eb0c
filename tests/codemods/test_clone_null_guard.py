"""NullGuard: the update schema answers 422 to null for a column that cannot hold it."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.null_guard import NullGuard


def code(text: str) -> str:
    return textwrap.dedent(text)


def guarded(before: str, required: set[str], version: int = 2, typed: bool = True) -> tuple[str, set[str]]:
    transformer = NullGuard("OrderUpdate", required, version, typed)
    after = cst.parse_module(code(before)).visit(transformer).code
    return after, {i.bound for i in transformer.imports}


SCHEMA = """\
    class OrderUpdate(BaseModel):
        total: Decimal | None = None
        status: Optional[str] = None
        note: str | None = None
"""


def test_pydantic_2_gets_a_before_validator_for_the_not_null_fields() -> None:
    after = SCHEMA + """\

        @field_validator("total", "status", mode="before")
        @classmethod
        def reject_null(cls, value: object) -> object:
            if value is None:
                raise ValueError("may not be null")
            return value
    """
    assert guarded(SCHEMA, {"total", "status", "customer"}) == (code(after), {"field_validator"})


def test_pydantic_1_gets_a_pre_validator_untyped_where_the_project_is() -> None:
    after = SCHEMA + """\

        @validator("total", pre=True)
        def reject_null(cls, value):
            if value is None:
                raise ValueError("may not be null")
            return value
    """
    assert guarded(SCHEMA, {"total"}, version=1, typed=False) == (code(after), {"validator"})


def test_nothing_changes_when_every_required_field_already_refuses_null() -> None:
    before = """\
        class OrderUpdate(BaseModel):
            total: Decimal
            note: str | None = None

        class OrderCreate(BaseModel):
            total: Decimal | None = None
    """
    assert guarded(before, {"total"}) == (code(before), set())


def test_the_project_s_own_null_check_takes_the_other_fields() -> None:
    before = """\
        class OrderPatch(BaseModel):
            title: str | None = None
            total: Decimal | None = None

            @field_validator("title")
            @classmethod
            def reject_null(cls, value):
                if value is None:
                    raise ValueError("must not be null")
                return value
    """
    after = before.replace('@field_validator("title")', '@field_validator("title", "total")')
    transformer = NullGuard("OrderPatch", {"title", "total"}, 2, True)
    assert cst.parse_module(code(before)).visit(transformer).code == code(after)
    assert transformer.imports == []
