"""A validator of an input class no longer names the parent's key the class lost (DropInputField).

Pydantic refuses a class whose validator names a field it lacks, at import. So the key leaves the
validators' field names too, and a validator left naming none goes.

Before (`DropValidatedField("project_id", {"ReviewPatch"})`, after DropInputField):
    class ReviewPatch(BaseModel):
        rating: int | None = None

        @field_validator("project_id", "rating")
        @classmethod
        def reject_null(cls, value): ...
After:
    class ReviewPatch(BaseModel):
        rating: int | None = None

        @field_validator("rating")
        @classmethod
        def reject_null(cls, value): ...
A validator naming only `project_id` is removed (`pass` where nothing else is left).
"""

from __future__ import annotations

import libcst as cst


class DropValidatedField(cst.CSTTransformer):
    """`field` out of the validator decorators of the classes `classes` (see the module docstring)."""

    def __init__(self, field: str, classes: set[str]) -> None:
        super().__init__()
        self.field, self.classes = field, classes
        self.removed: list[str] = []  # validators that went

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return node.name.value in self.classes

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if original.name.value not in self.classes or not isinstance(
            updated.body, cst.IndentedBlock
        ):
            return updated
        body = []
        for stmt in updated.body.body:
            if isinstance(stmt, cst.FunctionDef):
                decorators = [self._without(d) for d in stmt.decorators]
                if any(d is None for d in decorators):
                    self.removed.append(stmt.name.value)
                    continue
                stmt = stmt.with_changes(decorators=decorators)
            body.append(stmt)
        if not body:
            body = [cst.SimpleStatementLine([cst.Pass()])]
        return updated.with_changes(body=updated.body.with_changes(body=body))

    def _without(self, decorator: cst.Decorator) -> cst.Decorator | None:
        """The decorator without the field among its names; None where it named only the field."""
        call = decorator.decorator
        if not isinstance(call, cst.Call) or not _validator(call.func):
            return decorator
        names = [
            a for a in call.args if a.keyword is None and isinstance(a.value, cst.SimpleString)
        ]
        kept = [
            a
            for a in call.args
            if not (
                a in names
                and isinstance(a.value, cst.SimpleString)
                and a.value.evaluated_value == self.field
            )
        ]
        if len(kept) == len(call.args):
            return decorator
        if not any(a in names for a in kept):
            return None
        last = call.args[-1]
        kept[-1] = kept[-1].with_changes(comma=last.comma)
        return decorator.with_changes(decorator=call.with_changes(args=kept))


def _validator(func: cst.BaseExpression) -> bool:
    """`field_validator`, `validator`, `pydantic.field_validator`..."""
    name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
    return isinstance(name, str) and name.endswith("validator")
