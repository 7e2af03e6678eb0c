"""Whether the parent's item route finds its row among the signed-in user's own, and what it
answers a user asking for another's.

The nested routes reuse that lookup (routes.py), so a user asking under another user's parent is
refused there, before the nested route's own rule is reached. Read from the route's code: the
statements before its return (the return too where it reads the key) read a parameter holding
the signed-in user (`customer_repo.get_for_owner(customer_id, current_user.id)`), and the
statuses they raise say the answer: a refusal besides 404 where they raise one (`403`), else 404.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codemods.clone.route_tests import Route
from codemods.statuses import raised_statuses


@dataclass(frozen=True)
class OwnedLookup:
    """The parent's lookup keeps to the signed-in user's rows; `status` is what it answers for
    another user's row, None where its own statements do not say (a helper it calls raises)."""

    status: int | None
    signs_in: frozenset[str] = frozenset()  # the dependencies its user comes from (`get_current_user`)
    auth: tuple[str | None, str | None] = (None, None)  # the project's auth dependency and parameter


def owned_lookup(
    function: ast.FunctionDef | ast.AsyncFunctionDef, route: Route, auth_param: str | None
) -> OwnedLookup | None:
    """How `function`, the parent's item route (`route` as routes_of reads it), refuses another
    user's row; None where its lookup does not read the signed-in user."""
    users = _user_params(function, route, auth_param)
    lookup = _lookup(function, route.param)
    if not users or not any(
        isinstance(n, ast.Name) and n.id in users for s in lookup for n in ast.walk(s)
    ):
        return None
    raised = set().union(*(raised_statuses(s) for s in lookup))
    refusals = raised & {400, 403}
    status = min(refusals) if refusals else 404 if 404 in raised else None
    return OwnedLookup(status, frozenset(route.users))


def _user_params(
    function: ast.FunctionDef | ast.AsyncFunctionDef, route: Route, auth_param: str | None
) -> set[str]:
    """The parameters holding the signed-in user: given by one of the route's user dependencies,
    or named as the project's auth parameter."""
    args = [*function.args.args, *function.args.kwonlyargs]
    defaults = dict(zip([a.arg for a in function.args.args][::-1], function.args.defaults[::-1]))
    defaults.update(
        {a.arg: d for a, d in zip(function.args.kwonlyargs, function.args.kw_defaults) if d}
    )
    out = set()
    for a in args:
        given = [n for n in (a.annotation, defaults.get(a.arg)) if n is not None]
        depends = {_dependency(c.args[0]) for g in given for c in ast.walk(g) if _is_depends(c)}
        if a.arg == auth_param or depends & set(route.users):
            out.add(a.arg)
    return out


def _is_depends(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and ast.unparse(node.func).rsplit(".", 1)[-1] == "Depends"
        and bool(node.args)
    )


def _dependency(node: ast.expr) -> str:
    """As routes_of names a dependency: `deps.get_user` -> get_user; a call stays whole."""
    return ast.unparse(node) if isinstance(node, ast.Call) else ast.unparse(node).rsplit(".", 1)[-1]


def _lookup(function: ast.FunctionDef | ast.AsyncFunctionDef, param: str | None) -> list[ast.stmt]:
    """The statements finding the row: those before the last return, and the return where it
    reads the key (`return await service.get(user, customer_id)`)."""
    body = list(function.body)
    if not body or not isinstance(body[-1], ast.Return):
        return body
    returned = body[-1].value
    reads_key = returned is not None and any(
        isinstance(n, ast.Name) and n.id == param for n in ast.walk(returned)
    )
    return body if reads_key else body[:-1]
