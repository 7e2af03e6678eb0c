"""Authentication: which scheme guards the endpoints, through which dependency, applied where."""

from __future__ import annotations

import ast
from collections import Counter

from detectors._ast import dotted, kwarg, last_name, source_segment, walk
from detectors._deps import decorator_dependencies, endpoint_params, param_deps, resolve_function
from detectors._routers import router_defs
from detectors.conventions import AuthFinding, Evidence
from detectors.project import ModuleInfo, ProjectIndex

SCHEMES = {
    "OAuth2PasswordBearer": "jwt_bearer",
    "OAuth2AuthorizationCodeBearer": "jwt_bearer",
    "HTTPBearer": "jwt_bearer",
    "OpenIdConnect": "other",
    "APIKeyHeader": "api_key_header",
    "APIKeyQuery": "other",
    "APIKeyCookie": "other",
    "HTTPBasic": "other",
    "HTTPDigest": "other",
}


def auth_kind(
    index: ProjectIndex, module: ModuleInfo, target: ast.expr | None, depth: int = 0
) -> str | None:
    """The auth scheme a dependency rests on, following nested dependencies, or None."""
    if target is None or depth > 5:
        return None
    if isinstance(target, ast.Call) and last_name(target.func) in SCHEMES:
        return SCHEMES[last_name(target.func)]
    name = dotted(target.func if isinstance(target, ast.Call) else target)
    if name is None:
        return None
    found = index.resolve(module, name)
    if found is None:
        return None
    mod, stmt = found
    # What a definition rests on does not depend on who names it: once per (definition, depth).
    return index.memo(
        ("auth_kind", id(stmt), depth),
        lambda: _definition_auth_kind(index, mod, stmt, depth),
    )


def _definition_auth_kind(
    index: ProjectIndex, mod: ModuleInfo, stmt: ast.stmt, depth: int
) -> str | None:
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(stmt.value, ast.Call):
        return auth_kind(index, mod, stmt.value, depth + 1)
    if isinstance(stmt, ast.ClassDef):
        if any(last_name(b) in SCHEMES for b in stmt.bases):
            return SCHEMES[next(last_name(b) for b in stmt.bases if last_name(b) in SCHEMES)]
        return None
    if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    funcs = [stmt]
    # A dependency factory (`require_role("admin")`) returns an inner checker: look inside it too.
    funcs += [
        n
        for n in walk(stmt)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not stmt
    ]
    for func in funcs:
        for dep in param_deps(index, mod, func, None):
            kind = auth_kind(index, dep.target_module, dep.target, depth + 1)
            if kind:
                return kind
            if (
                dep.target is None
                and dep.default is not None
                and last_name(getattr(dep.default, "func", None)) == "Header"
            ):
                if "key" in dep.name.lower() or "key" in index.unparse(dep.default).lower():
                    return "api_key_header"
    return None


def detect_auth(index: ProjectIndex) -> AuthFinding:
    """Find the dependency that authenticates requests, per endpoint or per router."""
    endpoint_uses: Counter[tuple[str, str]] = Counter()
    inline_uses: Counter[tuple[str, str]] = Counter()
    untyped_uses: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], tuple] = {}
    guarded = 0
    endpoints = index.endpoints()
    for endpoint in endpoints:
        hit = False
        for dep in endpoint_params(index, endpoint):
            if isinstance(dep.target, ast.Call):
                if auth_kind(index, dep.target_module, dep.target):
                    hit = True  # a guard factory such as require_role(...): an rbac concern
                continue
            kind = auth_kind(index, dep.target_module, dep.target)
            if kind:
                key = (kind, dotted(dep.target) or "?")
                endpoint_uses[key] += 1
                inline_uses[key] += dep.inline_annotated
                untyped_uses[key] += dep.annotation is None
                first.setdefault(key, (dep, endpoint))
                hit = True
        for target in decorator_dependencies(endpoint):
            if auth_kind(index, endpoint.module, target):
                hit = True
        guarded += hit

    router_level = []
    for r in router_defs(index):
        deps = kwarg(r.call, "dependencies")
        if r.endpoint_count and isinstance(deps, (ast.List, ast.Tuple)):
            for elt in deps.elts:
                target = elt.args[0] if isinstance(elt, ast.Call) and elt.args else None
                kind = auth_kind(index, r.module, target)
                if kind:
                    router_level.append((kind, r, target))
    if router_level and len(router_level) >= len(endpoint_uses and [1] or []):
        kinds = Counter(k for k, _, _ in router_level)
        kind = kinds.most_common(1)[0][0]
        _, r, target = next(x for x in router_level if x[0] == kind)
        found = resolve_function(index, r.module, target)
        ev = tuple(
            Evidence(
                x[1].module.path, x[1].call.lineno, source_segment(x[1].module.lines, x[1].call)
            )
            for x in router_level[:3]
        )
        return AuthFinding(
            kind=kind,
            dependency=last_name(target),
            applied="router",
            dependency_module=found[0].name if found else None,
            evidence=ev,
            user_model=_user_model(found[1]) if found else None,
        )
    if not endpoint_uses:
        if guarded:
            return AuthFinding(
                kind="other", note="guarded endpoints, but no plain current-user dependency"
            )
        return AuthFinding(
            kind="none",
            note="looked for OAuth2/HTTPBearer/APIKey schemes behind endpoint and "
            "router dependencies; none found",
        )
    (kind, name), count = endpoint_uses.most_common(1)[0]
    dep, endpoint = first[(kind, name)]
    found = resolve_function(index, dep.target_module, dep.target)
    ev = [Evidence(endpoint.module.path, dep.line, endpoint.module.line_text(dep.line))]
    if found:
        ev.append(Evidence(found[0].path, found[1].lineno, found[0].line_text(found[1].lineno)))
    user_model = next((n for n in sorted(dep.type_names) if n[:1].isupper()), None)
    return AuthFinding(
        kind=kind,
        dependency=last_name(dep.target),
        dependency_module=found[0].name if found else None,
        alias=dep.alias,
        alias_module=dep.alias_module,
        applied="endpoint",
        param=dep.name,
        annotated=inline_uses[(kind, name)] * 2 > count,
        typed=untyped_uses[(kind, name)] * 2 <= count,
        user_model=user_model or (_user_model(found[1]) if found else None),
        evidence=tuple(ev),
        note=f"{guarded} of {len(endpoints)} endpoints guarded",
    )


def _user_model(func) -> str | None:
    returns = getattr(func, "returns", None)
    name = last_name(returns) if returns is not None else None
    return name if name and name not in ("None", "str", "bool") else None
