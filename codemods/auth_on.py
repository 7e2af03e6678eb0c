"""Put a dependency on routes as one more parameter, the way the routes take their others:
`db: Session = Depends(get_db)` (last, or keyword-only after a `*`), untyped `db=Depends(get_db)`,
or `db: Annotated[Session, Depends(get_db)]` (after the last parameter without a default).

Before (functions={"read_order"}, param="current_user", annotation="str", dependency="get_current_user"):
    def read_order(order_id: int, db: Session = Depends(get_db)): ...
After:
    def read_order(order_id: int, db: Session = Depends(get_db), current_user: str = Depends(get_current_user)): ...
"""

from __future__ import annotations

import libcst as cst

from codemods.errors import ConventionError
from codemods.function_params import appended, with_param

STYLES = ("default", "untyped", "annotated")


class AddDependencyParam(cst.CSTTransformer):
    """Give each named function the parameter `param`, depending on `dependency`, in `style`."""

    def __init__(self, functions: set[str], param: str, annotation: str, dependency: str, style: str = "default"):
        super().__init__()
        self.functions, self.param, self.annotation, self.style = functions, param, annotation, style
        self.depends = f"Depends({dependency})"
        self.added: list[str] = []
        self._depth = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._depth += 1

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self._depth -= 1
        name = updated.name.value
        if self._depth or name not in self.functions:
            return updated
        params = updated.params
        taken = [p for p in (*params.posonly_params, *params.params, *params.kwonly_params) if p.name.value == self.param]
        if taken:
            written = cst.Module([]).code_for_node(taken[0])
            if self.depends in written:
                return updated  # already there: a second run adds nothing
            raise ConventionError(f"--auth: {name} already has a parameter {self.param!r} of its own")
        self.added.append(name)
        if self.style == "untyped":
            return with_param(updated, self.param, None, self.depends)
        if self.style == "default":
            return with_param(updated, self.param, self.annotation, self.depends)
        return _annotated(updated, cst.Param(
            cst.Name(self.param), cst.Annotation(cst.parse_expression(f"Annotated[{self.annotation}, {self.depends}]"))))


def _annotated(func: cst.FunctionDef, new: cst.Param) -> cst.FunctionDef:
    """`new` (no default) after the last positional parameter without one, or keyword-only."""
    params = func.params
    if isinstance(params.star_arg, (cst.Param, cst.ParamStar)) or params.kwonly_params:
        return func.with_changes(params=params.with_changes(kwonly_params=appended(params.kwonly_params, new)))
    at = next((i for i, p in enumerate(params.params) if p.default is not None), len(params.params))
    if at == len(params.params):
        return func.with_changes(params=params.with_changes(params=appended(params.params, new)))
    # the parameters from `at` on keep their places; the new one takes the comma before them
    between = params.params[at - 1].comma if at else params.params[0].comma
    if not isinstance(between, cst.Comma):
        between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    new = new.with_changes(comma=between)
    return func.with_changes(params=params.with_changes(params=[*params.params[:at], new, *params.params[at:]]))
