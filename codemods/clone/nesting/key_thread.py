"""A row a route reads through the clone's own functions: the key goes along, down to the call
reading the row that the clone does not define (a shared helper, a base class's method).

Before (`read_review` reads its row through the service's `get`, `get` through `_load`):
    async def read_review(collection_id: int, review_id: int, service: ReviewServiceDep):
        return await service.get(review_id)

    class ReviewService:
        async def get(self, review_id: int) -> ReviewOut:
            row = await self._load(review_id)
            return ReviewOut.model_validate(row)

        async def _load(self, review_id: int) -> Review:
            return ensure_found(await self.session.get(Review, review_id))
After (`ThreadKey(trace.calls[path], trace.takes[path], "collection_id", "int")` on each module):
    async def read_review(collection_id: int, review_id: int, service: ReviewServiceDep):
        return await service.get(review_id, collection_id=collection_id)

    class ReviewService:
        async def get(self, review_id: int, *, collection_id: int) -> ReviewOut:
            row = await self._load(review_id, collection_id=collection_id)
            return ReviewOut.model_validate(row)

        async def _load(self, review_id: int, *, collection_id: int) -> Review:
            return ensure_found(await self.session.get(Review, review_id))
`trace_rows` follows each row route from the call passing its path parameter: into a function
the clone defines (a module function, a method of `self` or of a parameter typed with a class of
the clone's), else it stops there, at the loader: `trace.loads` names the function reading the
row and the parameter it reads it by, for CheckLoadedRow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.build import with_keyword
from codemods.clone.nesting.nodes import find_calls, find_names, only_statement
from codemods.clone.nesting.routes import _route


@dataclass
class RowTrace:
    """Where a route's row is read, path by path of the clone's modules; functions by qualified
    name (`ReviewService.get`, `_get_or_404`)."""

    # caller -> calls (as written) passing the key
    calls: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    takes: dict[str, set[str]] = field(default_factory=dict)  # functions taking the key
    # function -> parameter its loader reads by
    loads: dict[str, dict[str, str]] = field(default_factory=dict)
    traced: set[str] = field(default_factory=set)  # routes whose row is found


def trace_rows(modules: dict[str, cst.Module], routes: set[str]) -> RowTrace:
    """Follow each named route reading a row by a path parameter (see the module docstring)."""
    defs = _definitions(modules)
    trace = RowTrace()
    for (path, qual), fn in defs.items():
        route = _route(fn) if "." not in qual else None
        if route is None or qual not in routes:
            continue
        params = {p.split("}")[0].split(":")[0] for p in route[1].split("{")[1:]}
        found = _Tracer(defs, modules, trace)
        if any(found.follow(path, qual, p, 0) for p in sorted(params)):
            trace.traced.add(qual)
    return trace


class _Tracer:
    def __init__(self, defs, modules, trace: RowTrace) -> None:
        self.defs, self.trace = defs, trace
        self.classes = {q: p for (p, q), n in defs.items() if isinstance(n, cst.ClassDef)}
        # module-level names standing for a class (`ReviewServiceDep = Annotated[ReviewService, ...]`)
        self.aliases = {
            t.target.value: c
            for module in modules.values()
            for s in module.body
            for a in [only_statement(s)]
            if isinstance(a, cst.Assign)
            for t in a.targets
            if isinstance(t.target, cst.Name)
            for c in [_class_named(a.value, self.classes)]
            if c is not None
        }

    def follow(self, path: str, qual: str, param: str, depth: int) -> bool:
        """Whether the row the function reads by `param` is found (recorded in the trace)."""
        fn = self.defs.get((path, qual))
        if depth > 5 or not isinstance(fn, cst.FunctionDef):
            return False
        types = self._types(fn)
        for stmt in fn.body.body:
            calls = reading_calls(stmt, param)
            if not calls:
                continue
            for call in calls:
                target = self._resolve(call, path, qual, types)
                if target is None:
                    continue
                inner = _parameter(call, param, self.defs[target], "." in target[1])
                if inner is None or not self.follow(*target, inner, depth + 1):
                    return False
                code = cst.Module([]).code_for_node(call.func)
                self.trace.calls.setdefault(path, {}).setdefault(qual, set()).add(code)
                self.trace.takes.setdefault(target[0], set()).add(target[1])
                return True
            if loader(stmt, param) is None:
                return False
            self.trace.loads.setdefault(path, {})[qual] = param
            return True
        return False

    def _types(self, fn: cst.FunctionDef) -> dict[str, str]:
        """Parameters typed with a class of the clone's, directly or through an alias."""
        out = {}
        for p in (*fn.params.params, *fn.params.kwonly_params):
            if p.annotation is None:
                continue
            for n in find_names(p.annotation):
                found = n.value if n.value in self.classes else self.aliases.get(n.value)
                if found:
                    out[p.name.value] = found
                    break
        return out

    def _resolve(self, call: cst.Call, path: str, qual: str, types: dict[str, str]):
        """(path, qualified name) of the clone's function the call calls, if it is one."""
        func = call.func
        if isinstance(func, cst.Name):  # a function of the module's, else the one of another's
            functions = [
                k
                for k, n in self.defs.items()
                if k[1] == func.value and isinstance(n, cst.FunctionDef)
            ]
            here = [k for k in functions if k[0] == path]
            found = here or functions
            return found[0] if len(found) == 1 else None
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)):
            return None
        owner = func.value.value
        cls = qual.split(".")[0] if owner == "self" and "." in qual else types.get(owner)
        if cls is None or cls not in self.classes:
            return None
        target = (self.classes[cls], f"{cls}.{func.attr.value}")
        return target if isinstance(self.defs.get(target), cst.FunctionDef) else None


def reading_calls(stmt: cst.BaseStatement, param: str) -> list[cst.Call]:
    """The calls of a simple statement passing `param`, outermost first."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return []
    return [
        c
        for c in find_calls(stmt, m.Call())
        if any(m.findall(a.value, m.Name(param)) for a in c.args)
    ]


def loader(stmt: cst.BaseStatement, param: str) -> cst.Call | None:
    """The call of `row = [await] load(...)` or `return [await] load(...)` passing `param`."""
    calls = reading_calls(stmt, param)
    if not calls:
        return None
    small = only_statement(stmt)
    if (
        isinstance(small, cst.Assign)
        and len(small.targets) == 1
        and isinstance(small.targets[0].target, cst.Name)
    ):
        value: cst.BaseExpression = small.value
    elif isinstance(small, cst.Return) and small.value is not None:
        value = small.value
    else:
        return None
    value = value.expression if isinstance(value, cst.Await) else value
    return value if value is calls[0] else None


def _parameter(call: cst.Call, param: str, target: cst.FunctionDef, method: bool) -> str | None:
    """The target's parameter the call passes `param` to."""
    positional = [p for p in target.params.params]
    if method and positional:
        positional = positional[1:]  # self
    at = 0
    for arg in call.args:
        if arg.star:
            return None
        passes = bool(m.findall(arg.value, m.Name(param)))
        if arg.keyword is not None:
            if passes:
                return arg.keyword.value
            continue
        if passes:
            return positional[at].name.value if at < len(positional) else None
        at += 1
    return None


def _class_named(node: cst.BaseExpression, classes: dict[str, str]) -> str | None:
    return next((n.value for n in find_names(node) if n.value in classes), None)


def _definitions(modules: dict[str, cst.Module]) -> dict[tuple[str, str], cst.CSTNode]:
    """(path, qualified name) -> function or class, top-level and one class deep."""
    out: dict[tuple[str, str], cst.CSTNode] = {}
    for path, module in modules.items():
        for s in module.body:
            if isinstance(s, cst.FunctionDef):
                out[(path, s.name.value)] = s
            elif isinstance(s, cst.ClassDef):
                out[(path, s.name.value)] = s
                for b in s.body.body:
                    if isinstance(b, cst.FunctionDef):
                        out[(path, f"{s.name.value}.{b.name.value}")] = b
    return out


class ThreadKey(cst.CSTTransformer):
    """The named calls pass the key (`key=key`) and the named functions take it, keyword-only."""

    def __init__(
        self, calls: dict[str, set[str]], takes: set[str], key: str, annotation: str | None
    ) -> None:
        super().__init__()
        self.calls, self.takes, self.key, self.annotation = calls, takes, key, annotation
        self._scope: list[str] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._scope.append(node.name.value)

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        self._scope.pop()
        return updated

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope.append(node.name.value)

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        qual = ".".join(self._scope)
        self._scope.pop()
        params = updated.params
        if qual not in self.takes or any(
            p.name.value == self.key for p in (*params.params, *params.kwonly_params)
        ):
            return updated
        typed = any(
            p.annotation is not None for p in params.params if p.name.value not in ("self", "cls")
        )
        annotation = (
            cst.Annotation(cst.parse_expression(self.annotation))
            if self.annotation and typed
            else None
        )
        star = (
            params.star_arg
            if not isinstance(params.star_arg, cst.MaybeSentinel)
            else cst.ParamStar()
        )
        kwonly = [*params.kwonly_params, cst.Param(cst.Name(self.key), annotation)]
        return updated.with_changes(params=params.with_changes(star_arg=star, kwonly_params=kwonly))

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        wanted = self.calls.get(".".join(self._scope), set())
        if cst.Module([]).code_for_node(updated.func) not in wanted or any(
            a.keyword and a.keyword.value == self.key for a in updated.args
        ):
            return updated
        return with_keyword(updated, self.key)
