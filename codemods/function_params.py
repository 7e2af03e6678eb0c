"""Add a parameter to a function definition (keyword-only after a `*`, else last, never twice),
or an argument to a call, keeping the layout of the commas."""

from __future__ import annotations

import libcst as cst


def with_param(
    func: cst.FunctionDef, name: str, annotation: str | None, default: str
) -> cst.FunctionDef:
    """`func` with `name: annotation = default` added, unless a parameter of that name exists."""
    params = func.params
    taken = [*params.posonly_params, *params.params, *params.kwonly_params]
    if any(p.name.value == name for p in taken):
        return func
    new = cst.Param(
        name=cst.Name(name),
        annotation=cst.Annotation(cst.parse_expression(annotation)) if annotation else None,
        default=cst.parse_expression(default),
        equal=cst.AssignEqual()
        if annotation
        else cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )
    # after a `*` (or *args) the parameter is keyword-only, as the function's callers expect
    if isinstance(params.star_arg, (cst.Param, cst.ParamStar)) or params.kwonly_params:
        return func.with_changes(
            params=params.with_changes(
                kwonly_params=appended(params.kwonly_params, new, getattr(params.star_arg, "comma", None))
            )
        )
    return func.with_changes(params=params.with_changes(params=appended(params.params, new)))


def appended(existing, new, before=None):
    """Parameters or arguments: `existing` then `new`, the last comma (a formatter's trailing
    comma) moved to `new`. `before`: the comma ahead of the first (a `*,` before keyword-only ones)."""
    if not existing:
        return [new]
    last = existing[-1]
    # one parameter a line: the comma between two earlier ones carries the line break and indent
    between = existing[-2].comma if len(existing) > 1 else before
    if not isinstance(between, cst.Comma):
        between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    # the space before `)` (a line break) follows the new last one
    for attr in ("whitespace_after_param", "whitespace_after_arg"):
        if hasattr(last, attr) and hasattr(new, attr):
            new = new.with_changes(**{attr: getattr(last, attr)})
            last = last.with_changes(**{attr: cst.SimpleWhitespace("")})
    return [*existing[:-1], last.with_changes(comma=between), new.with_changes(comma=last.comma)]
