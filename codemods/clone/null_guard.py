"""An update schema refuses null for a column that cannot hold it.

A PATCH schema types every field `X | None = None` so that clients may leave fields out; that
also lets them send `{"total": null}`, which the database then refuses with an error the route
never expected (a 500, or a misleading 409). The clone's update schema gets one validator that
answers 422 instead, in the project's pydantic dialect. Fields left out still mean "unchanged":
validators run on what the client sent, never on defaults.

Before (`total` and `status` NOT NULL):      After:
    class OrderUpdate(BaseModel):               class OrderUpdate(BaseModel):
        total: Decimal | None = None                total: Decimal | None = None
        status: str | None = None                   status: str | None = None
        note: str | None = None                     note: str | None = None

                                                    @field_validator("total", "status", mode="before")
                                                    @classmethod
                                                    def reject_null(cls, value: object) -> object:
                                                        if value is None:
                                                            raise ValueError("may not be null")
                                                        return value
"""

from __future__ import annotations

import libcst as cst

from codemods.imports import Import

VALIDATOR = "reject_null"


class NullGuard(cst.CSTTransformer):
    """Add the validator to `schema` for those of `required` it declares nullable."""

    def __init__(self, schema: str, required: set[str], pydantic_version: int, typed: bool):
        super().__init__()
        self.schema, self.required = schema, required
        self.v2, self.typed = pydantic_version != 1, typed
        self.imports: list[Import] = []

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if updated.name.value != self.schema or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        body = list(updated.body.body)
        names = [n for n in _nullable_fields(body) if n in self.required]
        own = next((i for i, s in enumerate(body) if _rejects_null(s)), None)
        if own is not None:
            # the project's own null check (for the fields it kept) takes the rest too
            body[own] = _covering(body[own], names)
            return updated.with_changes(body=updated.body.with_changes(body=body))
        if not names or any(_defines(s, VALIDATOR) for s in body):
            return updated
        self.imports.append(Import("pydantic", "field_validator" if self.v2 else "validator"))
        return updated.with_changes(body=updated.body.with_changes(body=[*body, self._validator(names)]))

    def _validator(self, names: list[str]) -> cst.FunctionDef:
        quoted = ", ".join(f'"{n}"' for n in names)
        sig = "cls, value: object) -> object" if self.typed else "cls, value)"
        decorators = (
            # before the project's own validators of the field, which may not expect None
            f'@field_validator({quoted}, mode="before")\n@classmethod\n'
            if self.v2
            else f"@validator({quoted}, pre=True)\n"
        )
        code = (
            f"{decorators}def {VALIDATOR}({sig}:\n"
            "    if value is None:\n"
            '        raise ValueError("may not be null")\n'
            "    return value\n"
        )
        func = cst.parse_statement(code)
        assert isinstance(func, cst.FunctionDef)
        return func.with_changes(leading_lines=[cst.EmptyLine(indent=False)])


def _nullable_fields(body) -> list[str]:
    """Annotated fields whose annotation admits None."""
    out = []
    for stmt in body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                text = cst.Module(body=[]).code_for_node(small.annotation.annotation)
                if "None" in text or "Optional[" in text:
                    out.append(small.target.value)
    return out


def _rejects_null(stmt: cst.CSTNode) -> bool:
    """A validator (decorated with a call naming fields) whose body raises on None."""
    if not isinstance(stmt, cst.FunctionDef) or _field_decorator(stmt) is None:
        return False
    text = cst.Module(body=[stmt]).code
    return "is None" in text and "raise " in text


def _field_decorator(func: cst.FunctionDef) -> int | None:
    for i, d in enumerate(func.decorators):
        call = d.decorator
        if isinstance(call, cst.Call) and any(isinstance(a.value, cst.SimpleString) and a.keyword is None for a in call.args):
            return i
    return None


def _covering(func: cst.FunctionDef, names: list[str]) -> cst.FunctionDef:
    """`func`'s field decorator naming `names` too, after the fields it names."""
    at = _field_decorator(func)
    assert at is not None
    call = func.decorators[at].decorator
    assert isinstance(call, cst.Call)
    args = list(call.args)
    named = [i for i, a in enumerate(args) if isinstance(a.value, cst.SimpleString) and a.keyword is None]
    have = {args[i].value.evaluated_value for i in named}
    quote = args[named[0]].value.quote
    extra = [
        cst.Arg(cst.SimpleString(f"{quote}{n}{quote}"), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        for n in names
        if n not in have
    ]
    if not extra:
        return func
    last = named[-1]
    args[last] = args[last].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    if last == len(args) - 1:
        extra[-1] = extra[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    args[last + 1 : last + 1] = extra
    decorators = list(func.decorators)
    decorators[at] = decorators[at].with_changes(decorator=call.with_changes(args=args))
    return func.with_changes(decorators=decorators)


def _defines(stmt: cst.CSTNode, name: str) -> bool:
    return isinstance(stmt, cst.FunctionDef) and stmt.name.value == name
