"""Access control beyond authentication: role checks and per-owner row filtering."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TypeVar

from detectors._ast import dotted, encloses, iter_nodes, source_segment
from detectors._deps import decorator_dependencies, endpoint_params, resolve_function
from detectors.conventions import AuthFinding, Evidence, RbacFinding
from detectors.project import Endpoint, ProjectIndex

N = TypeVar("N", bound=ast.AST)

ROLE_WORDS = ("role", "is_superuser", "is_admin", "is_staff", "permission", "scopes")


def _raises_403(func: ast.AST, text: str | None = None) -> bool:
    text = ast.unparse(func) if text is None else text
    return "403" in text or "FORBIDDEN" in text


def _is_role_check(index: ProjectIndex, func: ast.AST) -> bool:
    """A dependency that raises 403 and looks at roles/permissions (once per function)."""

    def compute() -> bool:
        text = index.unparse(func)
        return _raises_403(func, text) and any(w in text for w in ROLE_WORDS)

    return index.memo(("rbac_role_check", id(func)), compute)


def _owner_reference(node: ast.AST, user_param: str) -> str | None:
    """`x.owner_id == current_user.id`: the owner column compared, else None."""
    user_id = f"{user_param}.id"
    if (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], (ast.Eq, ast.NotEq))
    ):
        left, right = dotted(node.left), dotted(node.comparators[0])
        for side, other in ((left, right), (right, left)):
            if other == user_id and side and side.endswith("_id"):
                return side.rsplit(".", 1)[-1]
    return None


def _endpoint_nodes(
    index: ProjectIndex, cls: type[N], matches: Callable[[N], bool]
) -> Iterator[tuple[Endpoint, N]]:
    """(endpoint, node) for each node of class `cls` in an endpoint function for which
    `matches(node)`, in the order of the endpoints and, within one, of `walk`: what walking every
    endpoint function gives, read instead off each module's bucket of `cls` nodes (few match),
    by position. An endpoint holding two matches is walked, for their order; so is every
    endpoint of a module where a match stands in an f-string (whose parts Python before 3.12
    may place at the whole string)."""
    for info in index.relevant:
        endpoints = info.endpoints
        if not endpoints:
            continue
        found = [n for n in info.nodes(cls) if matches(n)]
        if not found:
            continue
        placed = not any(id(n) in info.fstring_parts for n in found)
        for e in endpoints:
            mine = [n for n in found if encloses(e.func, n)] if placed else None
            if mine is None or len(mine) > 1:
                mine = [n for n in iter_nodes(e.func, cls) if matches(n)]
            for node in mine:
                yield e, node


def _owner_filter_in_data_layer(
    index: ProjectIndex, user_param: str
) -> tuple[str | None, list[Evidence]]:
    """Endpoints pass `current_user.id` down, and the data layer filters `Model.x_id == x_id`."""
    user_id = f"{user_param}.id"

    def passes_user_id(call: ast.Call) -> bool:
        return any(dotted(a) == user_id for a in [*call.args, *(k.value for k in call.keywords)])

    first_pass = next(_endpoint_nodes(index, ast.Call, passes_user_id), None)
    if first_pass is None:
        return None, []
    for info in index.relevant:
        if info.is_test:
            continue
        for node in info.nodes(ast.Compare):
            if len(node.ops) != 1 or not isinstance(node.ops[0], ast.Eq):
                continue
            left, right = dotted(node.left) or "", dotted(node.comparators[0]) or ""
            field = left.rsplit(".", 1)[-1]
            if "." in left and field.endswith("_id") and right == field:
                e, call = first_pass
                return field, [
                    Evidence(info.path, node.lineno, info.line_text(node.lineno)),
                    Evidence(e.module.path, call.lineno, e.module.line_text(call.lineno)),
                ]
    return None, []


def detect_rbac(index: ProjectIndex, auth: AuthFinding) -> RbacFinding:
    """role: a role-check dependency (factory or superuser check); ownership: rows filtered by owner."""
    role_hits: list[tuple[Evidence, str, str | None]] = []
    for endpoint in index.endpoints():
        targets = [
            (d.target_module, d.target)
            for d in endpoint_params(index, endpoint)
            if d.target is not None
        ]
        targets += [(endpoint.module, t) for t in decorator_dependencies(endpoint)]
        for module, target in targets:
            found = resolve_function(index, module, target)
            if found is None:
                continue
            mod, func = found
            if _is_role_check(index, func):
                ev = Evidence(
                    endpoint.module.path,
                    endpoint.line,
                    source_segment(endpoint.module.lines, endpoint.decorator),
                )
                role_hits.append((ev, func.name, mod.name))

    # Ownership means rows are filtered by owner, not only stamped with one on create.
    filters: Counter[str] = Counter()
    owner_ev: list[Evidence] = []
    user_param = auth.param
    if user_param:
        for e, node in _endpoint_nodes(index, ast.Compare, lambda n: bool(_owner_reference(n, user_param))):
            field = _owner_reference(node, user_param)
            if field:
                filters[field] += 1
                if len(owner_ev) < 3:
                    owner_ev.append(
                        Evidence(e.module.path, node.lineno, e.module.line_text(node.lineno))
                    )
        field, ev = _owner_filter_in_data_layer(index, user_param)
        if field:
            filters[field] += 1
            owner_ev.extend(ev)
    owner_field = filters.most_common(1)[0][0] if filters else None
    role_dep = Counter((name, mod) for _, name, mod in role_hits).most_common(1)
    role_ev = tuple(e for e, _, _ in role_hits[:2])
    # Ownership means rows are filtered by owner, not only stamped with one on create.
    if filters:
        return RbacFinding(
            kind="ownership",
            owner_field=owner_field,
            also=("role",) if role_hits else (),
            dependency=role_dep[0][0][0] if role_dep else None,
            dependency_module=role_dep[0][0][1] if role_dep else None,
            evidence=tuple(owner_ev) + role_ev,
        )
    if role_hits:
        (name, mod), _ = role_dep[0]
        return RbacFinding(kind="role", dependency=name, dependency_module=mod, evidence=role_ev)
    return RbacFinding(
        kind="none", note="looked for 403-raising role/superuser dependencies and owner_id filters"
    )
