"""Which credentials fixture the project's tests send to pass which dependency.

A test that calls an endpoint with `headers=<fixture>` and then asserts a 2xx status shows that
the fixture's user satisfies every dependency of that endpoint: `superuser_token_headers` gets
through `get_current_active_superuser`. Endpoints are matched by method and by their path as
the end of the URL (the include prefixes are not needed), the most literal path winning.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections import Counter, defaultdict

from detectors._ast import const_int, kwarg, last_name
from detectors._deps import endpoint_params
from detectors.module_facts import module_fact
from detectors.project import Endpoint, ModuleInfo, ProjectIndex

_METHODS = frozenset({"get", "post", "put", "patch", "delete"})


def fixtures_by_dependency(index: ProjectIndex) -> dict[str, str]:
    """Dependency name -> the header fixture tests most often pass it with."""
    routes = [
        (e, _path_pattern(e.path), len(re.sub(r"\{[^}]*\}", "", e.path)))
        for e in index.endpoints()
        if not e.module.is_test and e.path is not None
    ]
    routes.sort(key=lambda r: -r[2])  # the most literal first (stable: ties keep their order)
    # each method's routes in that order: a call is matched among its own method's alone
    by_method: dict[str, list] = defaultdict(list)
    for route in routes:
        by_method[route[0].method].append(route)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for info in index.relevant:
        if not info.is_test:
            continue
        for method, url, fixture, status in _module_calls(info):
            if not 200 <= status < 300:
                continue
            endpoint = _match(by_method.get(method, []), method, url)
            if endpoint is None:
                continue
            for dep in endpoint_params(index, endpoint):
                name = last_name(dep.target) if dep.target is not None else None
                if name:
                    votes[name][fixture] += 1
    return {dep: counter.most_common(1)[0][0] for dep, counter in votes.items()}


@module_fact
def _module_calls(info: ModuleInfo) -> list[tuple[str, str, str, int]]:
    """(method, url text, headers fixture, asserted status) for each client call of a test
    function of the module sending a fixture's headers, with the first status code asserted
    after it: a fact of the module alone, read from its buckets of calls and asserts."""
    funcs = [f for f in info.tree.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not funcs:
        return []
    spans = [(min([f.lineno, *(d.lineno for d in f.decorator_list)]), f.end_lineno or f.lineno) for f in funcs]
    starts = [start for start, _ in spans]
    params = [{a.arg for a in f.args.args + f.args.kwonlyargs} for f in funcs]

    def owner(node: ast.Call | ast.Assert) -> int | None:  # the test function a node stands in
        at = bisect.bisect_right(starts, node.lineno) - 1
        return at if at >= 0 and node.lineno <= spans[at][1] else None

    calls: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    asserts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for node in info.nodes(ast.Call):
        if not isinstance(node.func, ast.Attribute) or node.func.attr not in _METHODS or not node.args:
            continue
        at = owner(node)
        headers = kwarg(node, "headers")
        if at is not None and isinstance(headers, ast.Name) and headers.id in params[at]:
            url = _url_text(node.args[0])
            if url is not None:
                calls[at].append((node.lineno, node.func.attr, url, headers.id))
    for node in info.nodes(ast.Assert):
        test = node.test
        if (
            isinstance(test, ast.Compare)
            and isinstance(test.left, ast.Attribute)
            and test.left.attr == "status_code"
            and len(test.comparators) == 1
            and isinstance(test.ops[0], ast.Eq)
        ):
            code = const_int(test.comparators[0])
            at = owner(node)
            if code is not None and at is not None:
                asserts[at].append((node.lineno, code))
    out = []
    for at in range(len(funcs)):
        checks = sorted(asserts[at])
        for line, method, url, fixture in calls[at]:
            status = next((code for seen, code in checks if seen > line), None)
            if status is not None:
                out.append((method, url, fixture, status))
    return out


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
