"""Integer parameters of the clone's routes are bounded to the range of the key column.

Past the range of the column an id or a cursor is compared with, the database driver raises
(SQLite past 64 bits, PostgreSQL past the column's type) and the route answers 500: above it
and below it alike (`/orders/-1180591620717411303424`). Both bounds make such a request a 422
before any query runs. A parameter keeps the bound it has on either side (`Query(20, ge=1)`
gains only the upper one); only `int` parameters of route functions change.

Before:                                         After:
    @router.get("/{order_id}")                     @router.get("/{order_id}")
    def get_order(order_id: int, db=...):          def get_order(order_id: int = Path(..., ge=-(2**31), le=2**31 - 1), db=...):
    @router.get("")                                @router.get("")
    def list_orders(cursor: int | None = None,     def list_orders(cursor: int | None = Query(None, ge=-(2**31), le=2**31 - 1),
                    limit: int = Query(20, ge=1)):                 limit: int = Query(20, ge=1, le=2**31 - 1)):

In a module that writes `Annotated`, the bounds go into `Annotated[int, Path(ge=..., le=...)]`.
Elsewhere (FastAPI before 0.95 and Python 3.8 have no Annotated) a parameter that gains a default
moves after the parameters without one, so the signature stays valid; FastAPI binds them by name.
"""

from __future__ import annotations

import libcst as cst

from codemods.imports import Import

ROUTE_METHODS = {"get", "post", "put", "patch", "delete"}
INT32 = ("-(2**31)", "2**31 - 1")  # PostgreSQL's integer; SQLite and bigint columns hold more
INT64 = ("-(2**63)", "2**63 - 1")


class BoundedParams(cst.CSTTransformer):
    def __init__(self, bounds: tuple[str, str] = INT32, annotated: bool = False, path_free: bool = True):
        super().__init__()
        self.lower, self.upper = (cst.parse_expression(b) for b in bounds)
        self.annotated = annotated  # the module writes parameters as Annotated[...]
        self.path_free = path_free  # `Path` is not bound to something else (pathlib) here
        self.imports: list[Import] = []

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        paths = _route_paths(updated)
        if paths is None:
            return updated
        params = list(updated.params.params)
        kept: list[cst.Param] = []
        moved: list[cst.Param] = []
        for i, param in enumerate(params):
            in_path = "{" + param.name.value + "}" in paths
            later_required = any(p.default is None for p in params[i + 1 :])
            if param.default is None and later_required and not self.annotated:
                # FastAPI before 0.95 and Python 3.8 have no Annotated: the bounded parameter,
                # now with a default, moves after those without one (FastAPI binds by name)
                new = self._bounded(param, in_path, False)
                (moved if new is not param else kept).append(new)
                continue
            kept.append(self._bounded(param, in_path, later_required))
        last = max((k for k, p in enumerate(kept) if p.default is None and p.star == ""), default=-1) if moved else -1
        params = [*kept[: last + 1], *moved, *kept[last + 1 :]]
        kwonly = [self._bounded(p, "{" + p.name.value + "}" in paths, False) for p in updated.params.kwonly_params]
        return updated.with_changes(params=updated.params.with_changes(params=params, kwonly_params=kwonly))

    def _bounded(self, param: cst.Param, in_path: bool, later_required: bool) -> cst.Param:
        if param.annotation is None:
            return param
        annotation = param.annotation.annotation
        inner = _annotated_call(annotation)
        if inner is not None:  # Annotated[int, Query(...)]
            typ, call = inner
            if not _is_int(typ) or _callee(call) not in ("Query", "Path") or _has_bounds(call):
                return param
            return param.with_changes(annotation=param.annotation.with_changes(annotation=_replace_call(annotation, call, self._with_bound(call))))
        if not _is_int(annotation):
            return param
        default = param.default
        if isinstance(default, cst.Call):
            if _callee(default) not in ("Query", "Path") or _has_bounds(default):
                return param
            return param.with_changes(default=self._with_bound(default))
        kind = "Path" if in_path else "Query"
        if kind == "Path" and not self.path_free:
            return param
        self.imports.append(Import("fastapi", kind))
        bounds = self._missing(cst.Call(cst.Name(kind)))
        if self.annotated or (default is None and later_required):
            self.imports.append(Import("typing", "Annotated"))
            wrapped = cst.Subscript(
                cst.Name("Annotated"),
                [
                    cst.SubscriptElement(cst.Index(annotation)),
                    cst.SubscriptElement(cst.Index(cst.Call(cst.Name(kind), bounds))),
                ],
            )
            return param.with_changes(annotation=param.annotation.with_changes(annotation=wrapped))
        # `Path(..., ge=..., le=...)`: FastAPI before 0.100 requires Path's default, and `...` is "required"
        given = default if default is not None else cst.Ellipsis()
        args = [cst.Arg(given, comma=_COMMA), *bounds]
        return param.with_changes(
            default=cst.Call(cst.Name(kind), args),
            equal=param.equal if default is not None else cst.AssignEqual(
                cst.SimpleWhitespace(" "), cst.SimpleWhitespace(" ")
            ),
        )

    def _with_bound(self, call: cst.Call) -> cst.Call:
        args = list(call.args)
        if args:
            args[-1] = args[-1].with_changes(comma=_COMMA)
        return call.with_changes(args=[*args, *self._missing(call)])

    def _missing(self, call: cst.Call) -> list[cst.Arg]:
        """`ge=` and `le=` for the sides `call` leaves unbounded, comma-separated."""
        keywords = {a.keyword.value for a in call.args if a.keyword is not None}
        args = []
        if not keywords & {"ge", "gt"}:
            args.append(cst.Arg(keyword=cst.Name("ge"), value=self.lower, equal=_EQ, comma=_COMMA))
        if not keywords & {"le", "lt"}:
            args.append(cst.Arg(keyword=cst.Name("le"), value=self.upper, equal=_EQ))
        if args:  # no comma after the last
            args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return args


_EQ = cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))
_COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def _route_paths(func: cst.FunctionDef) -> str | None:
    """The path strings of a route decorator (`@router.get("/{order_id}")`), None if not a route."""
    for d in func.decorators:
        call = d.decorator
        if (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value in ROUTE_METHODS
        ):
            return " ".join(
                a.value.evaluated_value
                for a in call.args
                if isinstance(a.value, cst.SimpleString) and isinstance(a.value.evaluated_value, str)
            )
    return None


def _annotation(param: cst.Param) -> cst.BaseExpression:
    return param.annotation.annotation if param.annotation is not None else cst.Name("object")


def _is_int(node: cst.BaseExpression) -> bool:
    """`int`, `int | None`, `Optional[int]`."""
    if isinstance(node, cst.Name):
        return node.value == "int"
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        sides = (node.left, node.right)
        return any(_is_int(s) for s in sides) and all(
            _is_int(s) or (isinstance(s, cst.Name) and s.value == "None") for s in sides
        )
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and node.value.value == "Optional":
        return len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) and _is_int(node.slice[0].slice.value)
    return False


def _annotated_call(node: cst.BaseExpression) -> tuple[cst.BaseExpression, cst.Call] | None:
    if not (isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and node.value.value == "Annotated"):
        return None
    parts = [e.slice.value for e in node.slice if isinstance(e.slice, cst.Index)]
    call = next((p for p in parts[1:] if isinstance(p, cst.Call)), None)
    return (parts[0], call) if parts and call is not None else None


def _replace_call(annotated: cst.Subscript, old: cst.Call, new: cst.Call) -> cst.Subscript:
    return annotated.with_changes(
        slice=[
            e.with_changes(slice=e.slice.with_changes(value=new)) if isinstance(e.slice, cst.Index) and e.slice.value is old else e
            for e in annotated.slice
        ]
    )


def _callee(call: cst.Call) -> str:
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def _has_bounds(call: cst.Call) -> bool:
    """Whether the call bounds its value on both sides."""
    keywords = {a.keyword.value for a in call.args if a.keyword is not None}
    return bool(keywords & {"ge", "gt"}) and bool(keywords & {"le", "lt"})
