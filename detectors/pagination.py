"""Pagination: the parameters list endpoints take, their defaults and bounds."""

from __future__ import annotations

import ast
from collections import Counter

from detectors._ast import const_int, kwarg, last_name, source_segment
from detectors._deps import endpoint_params, function_params, resolve_function
from detectors.conventions import Evidence, PaginationFinding
from detectors.project import ProjectIndex
from detectors.response import is_collection

STYLES = {
    "cursor": ("cursor", "after", "before", "starting_after", "next_cursor"),
    "page": ("page", "page_number", "page_num"),
    "offset": ("skip", "offset"),
}
LIMIT_NAMES = ("limit", "size", "per_page", "page_size", "take", "count")


def _classify(names: set[str]) -> str | None:
    for style, keys in STYLES.items():
        if names & set(keys):
            return style
    return None


def _param_facts(arg: ast.arg, default: ast.expr | None) -> tuple[str, str, int | None]:
    """(name, default as source, upper bound) for a query parameter."""
    bound = None
    shown = ast.unparse(default) if default is not None else ""
    if isinstance(default, ast.Call) and last_name(default.func) == "Query":
        bound = const_int(kwarg(default, "le")) or const_int(kwarg(default, "lt"))
        first = default.args[0] if default.args else kwarg(default, "default")
        shown = ast.unparse(first) if first is not None else ""
    if (
        arg.annotation is not None
        and last_name(getattr(arg.annotation, "value", None)) == "Annotated"
    ):
        for extra in (
            arg.annotation.slice.elts[1:] if isinstance(arg.annotation.slice, ast.Tuple) else []
        ):
            if isinstance(extra, ast.Call) and last_name(extra.func) == "Query":
                bound = bound or const_int(kwarg(extra, "le")) or const_int(kwarg(extra, "lt"))
    return arg.arg, shown, bound


def detect_pagination(index: ProjectIndex) -> PaginationFinding:
    """Majority style over collection endpoints, looking inside pagination dependencies too."""
    votes: Counter[str] = Counter()
    example: dict[str, tuple] = {}
    collections = [e for e in index.endpoints() if is_collection(e) and not e.module.is_test]
    for e in collections:
        candidates = [(a, d, None) for a, d in function_params(e.func)]
        for dep in endpoint_params(index, e):
            found = (
                resolve_function(index, dep.target_module, dep.target)
                if dep.target is not None
                else None
            )
            if found is None and dep.target is None and dep.type_names:
                continue
            if found is not None:
                mod, func = found
                if isinstance(func, ast.ClassDef):
                    init = next(
                        (
                            s
                            for s in func.body
                            if isinstance(s, ast.FunctionDef) and s.name == "__init__"
                        ),
                        None,
                    )
                    params = (
                        function_params(init)
                        if init
                        else [
                            (ast.arg(arg=s.target.id, annotation=s.annotation), s.value)
                            for s in func.body
                            if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                        ]
                    )
                else:
                    params = function_params(func)
                candidates += [(a, d, (func.name, mod.name)) for a, d in params]
        names = {a.arg for a, _, _ in candidates}
        style = _classify(names)
        if style is None:
            votes["none"] += 1
            continue
        votes[style] += 1
        if style not in example:
            keys = set(STYLES[style]) | set(LIMIT_NAMES)
            facts = [(_param_facts(a, d), via) for a, d, via in candidates if a.arg in keys]
            example[style] = (e, facts)
    if not collections:
        return PaginationFinding(note="no collection (GET without path parameter) endpoints found")
    style, _ = votes.most_common(1)[0]
    if style == "none":
        e = collections[0]
        return PaginationFinding(
            style="none",
            evidence=(
                Evidence(e.module.path, e.line, source_segment(e.module.lines, e.decorator)),
            ),
            mixed=len(votes) > 1,
            note=f"collection endpoints per style: {dict(votes)}" if len(votes) > 1 else "",
        )
    e, facts = example[style]
    params = tuple((name, shown) for (name, shown, _), _ in facts)
    bounds = [b for (_, _, b), _ in facts if b]
    via = next((v for _, v in facts if v), None)
    return PaginationFinding(
        style=style,
        params=params,
        max_limit=max(bounds) if bounds else None,
        dependency=via[0] if via else None,
        dependency_module=via[1] if via else None,
        evidence=(Evidence(e.module.path, e.line, source_segment(e.module.lines, e.decorator)),),
        mixed=len(votes) > 1,
        note=f"collection endpoints per style: {dict(votes)}" if len(votes) > 1 else "",
    )
