"""`--cache headers`: the new router answers its GET routes with Cache-Control and an ETag.

The ETag is a hash of the body FastAPI sends, known only once the response is serialized, so
the router gets a route class that wraps each handler (`http_cache.cached_route(60)`).

Before:
    router = APIRouter(prefix="/orders", tags=["orders"])
After:
    router = APIRouter(prefix="/orders", tags=["orders"], route_class=http_cache.cached_route(60))
"""

from __future__ import annotations

import libcst as cst


class RouteClassArgument(cst.CSTTransformer):
    """Give the module-level `APIRouter(...)` call bound to `router` a `route_class=` argument;
    one that already has a route class is left as it is (`kept` says so)."""

    def __init__(self, router: str, route_class: str):
        super().__init__()
        self.router, self.route_class = router, route_class
        self.added = self.kept = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # module level only: a router built inside a function is another one

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        named = [t.target for t in updated.targets if isinstance(t.target, cst.Name)]
        call = updated.value
        if not any(n.value == self.router for n in named) or not isinstance(call, cst.Call):
            return updated
        if any(a.keyword is not None and a.keyword.value == "route_class" for a in call.args):
            self.kept = True
            return updated
        args = list(call.args)
        argument = cst.Arg(keyword=cst.Name("route_class"), value=cst.parse_expression(self.route_class),
                           equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
        if args:
            # the argument after the last keeps the call's own trailing comma (or none)
            argument = argument.with_changes(comma=args[-1].comma)
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        self.added = True
        return updated.with_changes(value=call.with_changes(args=[*args, argument]))
