"""Which credentials fixture the project's tests send to pass which dependency.

A test that calls an endpoint with `headers=<fixture>` and then asserts a 2xx status shows that
the fixture's user satisfies every dependency of that endpoint: `superuser_token_headers` gets
through `get_current_active_superuser`. Endpoints are matched by method and by their path as
the end of the URL (the include prefixes are not needed), the most literal path winning.
"""

from __future__ import annotations

import ast
import re
from collections import Counter, defaultdict

from detectors._ast import const_int, kwarg, last_name
from detectors._deps import endpoint_params
from detectors.project import Endpoint, ProjectIndex

_METHODS = frozenset({"get", "post", "put", "patch", "delete"})


def fixtures_by_dependency(index: ProjectIndex) -> dict[str, str]:
    """Dependency name -> the header fixture tests most often pass it with."""
    routes = [
        (e, _path_pattern(e.path), len(re.sub(r"\{[^}]*\}", "", e.path)))
        for e in index.endpoints()
        if not e.module.is_test and e.path is not None
    ]
    routes.sort(key=lambda r: -r[2])  # the most literal first (stable: ties keep their order)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for info in index.relevant:
        if not info.is_test:
            continue
        for method, url, fixture, status in info.fact("checked_calls", lambda info=info: _module_calls(info)):
            if not 200 <= status < 300:
                continue
            endpoint = _match(routes, method, url)
            if endpoint is None:
                continue
            for dep in endpoint_params(index, endpoint):
                name = last_name(dep.target) if dep.target is not None else None
                if name:
                    votes[name][fixture] += 1
    return {dep: counter.most_common(1)[0][0] for dep, counter in votes.items()}


def _module_calls(info) -> list[tuple[str, str, str, int]]:
    """`_checked_calls` of every test function of a module (a fact of the module alone)."""
    out = []
    for func in info.tree.body:
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params = {a.arg for a in func.args.args + func.args.kwonlyargs}
            out += _checked_calls(func, params)
    return out


def _checked_calls(func, params: set[str]):
    """(method, url text, headers fixture, asserted status) for each client call in `func`
    sending a fixture's headers, with the first status code asserted after it."""
    calls: list[tuple[int, str, str, str]] = []
    asserts: list[tuple[int, int]] = []
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            headers = kwarg(node, "headers")
            if (
                node.func.attr in _METHODS
                and node.args
                and isinstance(headers, ast.Name)
                and headers.id in params
            ):
                url = _url_text(node.args[0])
                if url is not None:
                    calls.append((node.lineno, node.func.attr, url, headers.id))
        elif isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare):
            test = node.test
            if (
                isinstance(test.left, ast.Attribute)
                and test.left.attr == "status_code"
                and len(test.comparators) == 1
                and isinstance(test.ops[0], ast.Eq)
            ):
                code = const_int(test.comparators[0])
                if code is not None:
                    asserts.append((node.lineno, code))
    asserts.sort()
    for line, method, url, fixture in calls:
        status = next((code for at, code in asserts if at > line), None)
        if status is not None:
            yield method, url, fixture, status


def _url_text(node: ast.expr) -> str | None:
    """The URL a call requests, its formatted parts as `{}` (`f"/users/{user.id}"`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _path_pattern(path: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]*\}", path.rstrip("/"))
    return re.compile("[^/]+".join(re.escape(p) for p in parts) + "/?$")


def _match(routes, method: str, url: str) -> Endpoint | None:
    """The most literal route `url` can reach (the first found: `routes` come most literal first)."""
    url = url.split("?")[0]
    return next((e for e, pattern, _ in routes if e.method == method and pattern.search(url)), None)


__all__ = ["fixtures_by_dependency"]
