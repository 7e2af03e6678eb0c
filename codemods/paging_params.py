"""Swap a list's paging parameters: in a function's signature, and where it passes them on.

Before (`skip`, `limit` swapped for `cursor`, `limit`):
    def read_orders(skip: int = 0, limit: int = 100, db=Depends(get_db)):
        return crud.list_orders(db, skip=skip, limit=limit)
After:
    def read_orders(cursor: str | None = None, limit: int = Query(100, ge=1, le=100), db=Depends(get_db)):
        return crud.list_orders(db, cursor=cursor, limit=limit)
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemods.within_function import WithinFunction

_NO_SPACE = cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))


@dataclass(frozen=True)
class NewParam:
    """`name: annotation = default` (code; no default when None)."""

    name: str
    annotation: str | None
    default: str | None


def relaid(items: list, original: list) -> list:
    """`items` with the commas of `original`: its first between two, its last at the end."""
    if not items:
        return items
    between = original[0].comma if len(original) > 1 else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if not isinstance(between, cst.Comma):
        between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    end = original[-1]
    tail = {"comma": end.comma}
    for space in ("whitespace_after_param", "whitespace_after_arg"):  # the line break before `)`
        if hasattr(end, space) and hasattr(items[-1], space):
            tail[space] = getattr(end, space)
    return [i.with_changes(comma=between) for i in items[:-1]] + [items[-1].with_changes(**tail)]


def _param(p: NewParam) -> cst.Param:
    annotation = cst.Annotation(cst.parse_expression(p.annotation)) if p.annotation else None
    return cst.Param(
        name=cst.Name(p.name),
        annotation=annotation,
        default=cst.parse_expression(p.default) if p.default is not None else None,
        equal=(cst.AssignEqual() if annotation else _NO_SPACE) if p.default is not None else cst.MaybeSentinel.DEFAULT,
    )


class SwapParams(cst.CSTTransformer):
    """In the definition of `function`, the first of the `old` parameters becomes the `new` ones
    and the other `old` ones go; `swapped` says whether one was found."""

    def __init__(self, function: str, old: tuple[str, ...], new: tuple[NewParam, ...]):
        super().__init__()
        self.function, self.old, self.new = function, old, new
        self.swapped = False

    def _swap(self, params) -> list:
        out, placed = [], False
        for p in params:
            if p.name.value not in self.old:
                out.append(p)
            elif not placed:
                out += [_param(n) for n in self.new]
                placed = self.swapped = True
        return relaid(out, list(params)) if out != list(params) else list(params)

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if original.name.value != self.function:
            return updated
        ps = updated.params
        if any(p.name.value in self.old for p in ps.params):
            return updated.with_changes(params=ps.with_changes(params=self._swap(ps.params)))
        if any(p.name.value in self.old for p in ps.kwonly_params):
            return updated.with_changes(params=ps.with_changes(kwonly_params=self._swap(ps.kwonly_params)))
        return updated


def last_name(func: cst.BaseExpression) -> str | None:
    """`list_orders` for `crud.list_orders` or `list_orders`."""
    if isinstance(func, cst.Name):
        return func.value
    return func.attr.value if isinstance(func, cst.Attribute) else None


class SwapArguments(WithinFunction):
    """In `function`, its call of `callee`: the first of the `old` keywords becomes `new`
    (`keyword=name` each) and the other `old` ones go; `swapped` counts the calls changed."""

    def __init__(self, function: str, callee: str, old: tuple[str, ...], new: tuple[str, ...]):
        super().__init__(function)
        self.callee, self.old, self.new = callee, old, new
        self.swapped = 0

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not self.inside or last_name(updated.func) != self.callee:
            return updated
        out, placed = [], False
        for a in updated.args:
            if a.keyword is None or a.keyword.value not in self.old:
                out.append(a)
            elif not placed:
                out += [cst.Arg(keyword=cst.Name(n), value=cst.Name(n), equal=_NO_SPACE) for n in self.new]
                placed = True
        if not placed:
            return updated
        self.swapped += 1
        return updated.with_changes(args=relaid(out, list(updated.args)))


class RenameNames(WithinFunction):
    """In `function`'s body, the names in `renames` (not attributes, nor keywords of calls).

    Before (`{"limit": "size"}`): `rows[:limit]`, `f(limit=limit)`  After: `rows[:size]`, `f(limit=size)`
    """

    def __init__(self, function: str, renames: dict[str, str]):
        super().__init__(function)
        self.renames = renames

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.renames[original.value]) if self.inside and original.value in self.renames else updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(keyword=original.keyword)

    def leave_Param(self, original: cst.Param, updated: cst.Param) -> cst.Param:
        return updated.with_changes(name=original.name)
