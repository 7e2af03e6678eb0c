"""A call building one row of the clone, and the same call given the parent's key.

Two shapes build a row: the model's constructor, and a class method of the model taking the
column values as an `update=` dict (SQLModel's `model_validate`).
    Review(**data.model_dump())                        -> Review(item_id=item_id, **data.model_dump())
    Review.model_validate(data, update={"owner_id": 1}) -> ... update={"owner_id": 1, "item_id": item_id})
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.nodes import find_calls


def builds_row(call: cst.Call, model: str) -> bool:
    """Whether the call builds a row of `model` in one of the two shapes above."""
    return callee(call) == model or _update(call, model) is not None


def with_key(call: cst.Call, model: str, key: str, value: str | None = None) -> cst.Call:
    """The building call with `key` set to `value` (the key's own name by default), once."""
    value_node = cst.parse_expression(value or key)
    update = _update(call, model)
    if update is None:
        if any(a.keyword and a.keyword.value == key for a in call.args):
            return call
        out = with_keyword(call, key)
        return out.with_changes(
            args=[
                a.with_changes(value=value_node) if a.keyword and a.keyword.value == key else a
                for a in out.args
            ]
        )
    if not isinstance(update.value, cst.Dict):
        return call  # never: _update answers dict literals only (this narrows the type)
    entries = list(update.value.elements)
    if any(
        isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString) and e.key.evaluated_value == key
        for e in entries
    ):
        return call
    first = entries[0] if entries else None
    quote = first.key.quote if isinstance(first, cst.DictElement) and isinstance(first.key, cst.SimpleString) else '"'
    entry = cst.DictElement(cst.SimpleString(f"{quote}{key}{quote}"), value_node)
    if entries:
        last = entries[-1]
        entries[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        entry = entry.with_changes(comma=last.comma)
    entries.append(entry)
    new_update = update.with_changes(value=update.value.with_changes(elements=entries))
    return call.with_changes(args=[new_update if a is update else a for a in call.args])


def _update(call: cst.Call, model: str) -> cst.Arg | None:
    """The `update={...}` argument of a class method call on `model`."""
    func = call.func
    if not isinstance(func, cst.Attribute):
        return None
    owner = func.value
    named = (isinstance(owner, cst.Name) and owner.value == model) or (
        isinstance(owner, cst.Attribute) and owner.attr.value == model
    )
    if not named:
        return None
    return next(
        (
            a
            for a in call.args
            if a.keyword and a.keyword.value == "update" and isinstance(a.value, cst.Dict)
        ),
        None,
    )


def callee(call: cst.Call) -> str | None:
    """The name a call calls: `f` of `f()` and of `x.f()`."""
    if isinstance(call.func, cst.Name):
        return call.func.value
    if isinstance(call.func, cst.Attribute):
        return call.func.attr.value
    return None


def with_keyword(call: cst.Call, key: str) -> cst.Call:
    """`f(a, **b)` -> `f(a, key=key, **b)`: a keyword goes before any `**`."""
    args = list(call.args)
    at = next((i for i, a in enumerate(args) if a.star == "**"), len(args))
    new = cst.Arg(
        cst.Name(key),
        keyword=cst.Name(key),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )
    if at == len(args) and args:
        last = args[-1]
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        args.append(new.with_changes(comma=last.comma))
    else:
        args.insert(
            at, new.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        )
    return call.with_changes(args=args)


def row_builders(module: cst.Module, model: str, among: set[str]) -> set[str]:
    """The functions and methods named in `among` that build a row of `model`."""
    functions = [f for f in m.findall(module, m.FunctionDef()) if isinstance(f, cst.FunctionDef)]
    return {
        f.name.value
        for f in functions
        if f.name.value in among and any(builds_row(c, model) for c in find_calls(f, m.Call()))
    }
