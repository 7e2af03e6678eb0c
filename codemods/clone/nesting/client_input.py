"""The parent's key leaves the schemas clients send: the server takes it from the path.

Before:
    class ReviewBase(BaseModel):
        rating: int
        item_id: int
    class ReviewCreate(ReviewBase):
        pass
    class Review(ReviewBase):
        id: int
After (`DropInputField("item_id", {"ReviewCreate"})`):
    class ReviewBase(BaseModel):
        rating: int
    class ReviewCreate(ReviewBase):
        pass
    class Review(ReviewBase):
        item_id: int
        id: int
The field goes from each input class and from the bases they share it through; a class reading
a base that loses it (a response) gets the field itself.
"""

from __future__ import annotations

import libcst as cst


class DropInputField(cst.CSTTransformer):
    """`field` out of the input classes `inputs` (see the module docstring)."""

    def __init__(self, field: str, inputs: set[str]) -> None:
        super().__init__()
        self.field, self.inputs = field, inputs
        self.dropped: set[str] = set()

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        classes = {s.name.value: s for s in updated.body if isinstance(s, cst.ClassDef)}
        bases = {name: [_base(a) for a in c.bases] for name, c in classes.items()}
        holders: set[str] = set()
        for name in self.inputs:
            chain = [name]
            while chain:  # the class and the bases it inherits the field from, within the module
                current = chain.pop()
                if current in classes and current not in holders:
                    holders.add(current)
                    chain += [b for b in bases[current] if b]
        holding = {n for n in holders if self._statement(classes[n]) is not None}
        if not holding:
            return updated
        readers = {
            name
            for name in classes
            if name not in holders
            and any(b in holding for b in bases[name])
            and self._statement(classes[name]) is None
        }
        body = []
        for stmt in updated.body:
            if isinstance(stmt, cst.ClassDef) and stmt.name.value in holding:
                stmt = self._without(stmt)
            elif isinstance(stmt, cst.ClassDef) and stmt.name.value in readers:
                # the field as the base it reads had it (not an update's optional one)
                moved = next(
                    self._statement(classes[b])
                    for b in bases[stmt.name.value]
                    if b in holding and self._statement(classes[b])
                )
                stmt = _with_first(stmt, moved)
            body.append(stmt)
        self.dropped = holding
        return updated.with_changes(body=body)

    def _statement(self, cls: cst.ClassDef) -> cst.SimpleStatementLine | None:
        for stmt in cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ():
            if (
                isinstance(stmt, cst.SimpleStatementLine)
                and isinstance(stmt.body[0], (cst.AnnAssign, cst.Assign))
                and _target(stmt.body[0]) == self.field
            ):
                return stmt
        return None

    def _without(self, cls: cst.ClassDef) -> cst.ClassDef:
        gone = self._statement(cls)
        kept = [s for s in cls.body.body if s is not gone]
        if not kept:
            kept = [cst.SimpleStatementLine([cst.Pass()])]
        return cls.with_changes(body=cls.body.with_changes(body=kept))


def _with_first(cls: cst.ClassDef, stmt: cst.SimpleStatementLine) -> cst.ClassDef:
    """`stmt` as the class's first field (after a docstring; replacing a lone `pass`)."""
    body = list(cls.body.body)
    if (
        len(body) == 1
        and isinstance(body[0], cst.SimpleStatementLine)
        and isinstance(body[0].body[0], cst.Pass)
    ):
        body = []
    at = (
        1
        if body
        and isinstance(body[0], cst.SimpleStatementLine)
        and isinstance(body[0].body[0], cst.Expr)
        else 0
    )
    body.insert(at, stmt)
    return cls.with_changes(body=cls.body.with_changes(body=body))


def _target(small: cst.AnnAssign | cst.Assign) -> str | None:
    target = small.target if isinstance(small, cst.AnnAssign) else small.targets[0].target
    return target.value if isinstance(target, cst.Name) else None


def _base(arg: cst.Arg) -> str | None:
    value = arg.value
    return value.value if isinstance(value, cst.Name) else None
