"""Data access: where endpoints get their rows from (crud functions, a class, or inline queries)."""

from __future__ import annotations

import ast
import bisect
import posixpath
from collections import Counter

from detectors._ast import dotted, encloses, iter_nodes, last_name
from detectors._deps import endpoint_params, resolve_function
from detectors._models import model_classes, names_a_model
from detectors.conventions import DataAccessFinding, Evidence, SessionFinding
from detectors.project import Endpoint, ModuleInfo, ProjectIndex
from detectors.schemas import _is_pydantic

INLINE_CALLS = (
    "query",
    "execute",
    "scalars",
    "scalar",
    "get",
    "add",
    "delete",
    "exec",
    "commit",
    "select",
)


def _classify_endpoint(
    index: ProjectIndex, e: Endpoint, rows: frozenset[int] = frozenset()
) -> tuple[str, str | None, int] | None:
    """(kind, defining module path, line) of the data layer this endpoint calls, if any."""
    injected: dict[str, tuple] = {}
    for dep in endpoint_params(index, e):
        found = resolve_function(index, dep.target_module, dep.target)
        if found is None:
            continue
        mod, func = found
        cls = (
            func.name
            if isinstance(func, ast.ClassDef)
            else last_name(getattr(func, "returns", None))
        )
        if cls and cls[:1].isupper():
            defined = index.resolve(mod, cls) if not isinstance(func, ast.ClassDef) else (mod, func)
            if (
                defined
                and isinstance(defined[1], ast.ClassDef)
                and (id(defined[1]) in rows or _is_pydantic(index, *defined))
            ):
                continue  # a row or a value (the current user, settings), not a data layer
            injected[dep.name] = (cls, defined[0] if defined else mod)
    inline = False
    # The body only: the route decorator (`@router.get(...)`) is not a data access call. Each
    # statement's calls in `walk` order, met as they are walked: most endpoints call their data
    # layer in their first statement, and the rest of the body is never walked.
    for node in (call for stmt in e.func.body for call in iter_nodes(stmt, ast.Call)):
        name = dotted(node.func)
        if name is None:
            continue
        head, _, attr = name.rpartition(".")
        if head in injected:
            cls, mod = injected[head]
            lowered = cls.lower()
            kind = (
                "repository"
                if "repo" in lowered
                else "service"
                if "service" in lowered
                else "repository"
            )
            return kind, mod.path, e.func.lineno
        found = index.resolve(e.module, name) if "." in name or name in e.module.imports else None
        if found is not None:
            mod, stmt = found
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and mod is not e.module:
                if _calls_db_method(index, mod, stmt):
                    return "functions", mod.path, stmt.lineno
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                # `item = CRUDItem(Item)`: an instance of a generic CRUD class.
                return "generic_crud_class", mod.path, stmt.lineno
        if attr in INLINE_CALLS or name == "select":
            inline = True
    return ("inline", e.module.path, e.func.lineno) if inline else None


DB_METHODS = ("add", "execute", "query", "exec", "get", "commit", "scalars")


def _touches_db(func: ast.AST, text: str | None = None) -> bool:
    """Whether the function's source calls `.add(`, `.execute(`, ... on something."""
    text = ast.unparse(func) if text is None else text
    return any(f".{c}(" in text for c in DB_METHODS)


def _calls_db_method(index: ProjectIndex, module: ModuleInfo, func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """`_touches_db`, once per function (of `module`): answered from the tree when a
    `x.add(...)`-style call is there (its unparsed text necessarily contains `.add(`), from the
    unparsed text otherwise. The module's calls of those methods are placed in the function by
    position, rather than walking it, unless one stands in an f-string."""

    def compute() -> bool:
        holders = module.fact("data_access: definitions calling db methods", lambda: _db_method_holders(module))
        if holders is not None and id(func) in holders[0]:
            found = id(func) in holders[1]
        else:  # not a top-level definition, or a call stands in an f-string: walk the function
            found = any(
                c.func.__class__ is ast.Attribute and c.func.attr in DB_METHODS for c in iter_nodes(func, ast.Call)
            )
        return found or _touches_db(func, ast.unparse(func))

    return index.memo(("calls_db_method", id(func)), compute)


def _db_method_holders(module: ModuleInfo) -> tuple[frozenset[int], frozenset[int]] | None:
    """The ids of the module's top-level definitions, and of those holding an `x.add(...)`-style
    call: each such call of the module placed by position in the definition before it (None where
    one stands in an f-string, whose parts may be placed at the whole string)."""
    calls = [c for c in module.calls_to(*DB_METHODS) if c.func.__class__ is ast.Attribute]
    if any(id(c) in module.fstring_parts for c in calls):
        return None
    defs = [s for s in module.tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    starts = [min((d.lineno, d.col_offset) for d in [s, *s.decorator_list]) for s in defs]
    holding = set()
    for call in calls:
        at = bisect.bisect_right(starts, (call.lineno, call.col_offset)) - 1
        if at >= 0 and encloses(defs[at], call):
            holding.add(id(defs[at]))
    return frozenset(map(id, defs)), frozenset(holding)


def detect_data_access(index: ProjectIndex, session: SessionFinding) -> DataAccessFinding:
    """The layer most endpoints use; a layer counts over inline queries when a quarter use it."""
    votes: Counter[str] = Counter()
    where: dict[str, Counter[str]] = {}
    evidence: dict[str, Evidence] = {}
    rows = frozenset(id(m.node) for m in model_classes(index))
    for e in index.endpoints():
        if e.module.is_test:
            continue
        found = _classify_endpoint(index, e, rows)
        if found is None:
            continue
        kind, path, line = found
        votes[kind] += 1
        where.setdefault(kind, Counter())[path] += 1
        evidence.setdefault(kind, Evidence(path, line, index.get(path).line_text(line)))
    if not votes:
        return DataAccessFinding(note="no endpoint calls a data layer or queries a session")
    total = sum(votes.values())
    layers = [(k, c) for k, c in votes.most_common() if k != "inline" and c * 4 >= total]
    kind = layers[0][0] if layers else "inline"
    paths = where[kind]
    models = {m.name for m in model_classes(index)}
    if len(paths) == 1 and names_a_model(next(iter(paths)), models) and "/" in next(iter(paths)):
        path, layout = posixpath.dirname(next(iter(paths))), "per_resource"
    elif len(paths) == 1:
        path, layout = next(iter(paths)), "single_module"
    else:
        dirs = Counter(posixpath.dirname(p) for p in paths)
        bases = Counter(posixpath.basename(p) for p in paths)
        if len(dirs) == len(paths) and bases.most_common(1)[0][1] == len(paths):
            path, layout = (
                Counter(posixpath.dirname(d) for d in dirs).most_common(1)[0][0],
                "domain",
            )
        else:
            path, layout = dirs.most_common(1)[0][0], "per_resource"
    if kind == "inline":
        layout = None
    return DataAccessFinding(
        kind=kind,
        path=path,
        layout=layout,
        evidence=(evidence[kind],),
        mixed=len(votes) > 1,
        note=f"endpoints per layer: {dict(votes)}" if len(votes) > 1 else "",
    )
