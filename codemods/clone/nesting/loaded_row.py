"""The row a function of the clone's reads through a loader it does not define is checked against
the parent's key right after the loader returns it, in the clone's function (never the loader,
which other resources share).

Before:
    def _get_or_404(repo: ReviewRepo, review_id: uuid.UUID) -> Review:
        review = repo.get(review_id)
        if review is None:
            raise HTTPException(HTTPStatus.NOT_FOUND)
        return review

    async def _load(self, owner: User, review_id: int) -> Review:
        return ensure_owner(await self.session.get(Review, review_id), owner)
After (`CheckLoadedRow({"_get_or_404": "review_id", "ReviewService._load": "review_id"},
"warehouse_id", "review", "raise HTTPException(status_code=404, detail='Not found')")`):
    def _get_or_404(repo: ReviewRepo, review_id: uuid.UUID) -> Review:
        review = repo.get(review_id)
        if review is None or review.warehouse_id != warehouse_id:
            raise HTTPException(HTTPStatus.NOT_FOUND)
        return review

    async def _load(self, owner: User, review_id: int) -> Review:
        review = ensure_owner(await self.session.get(Review, review_id), owner)
        if review.warehouse_id != warehouse_id:
            raise HTTPException(status_code=404, detail='Not found')
        return review
Where the function checks the row for None, that check gains the key; else the check is new and
raises as given (what the loader raises for a missing row, see `missing_row_raise`); with no such
raise the function is left in `missing`. The key is the function's (ThreadKey adds it).
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.key_thread import ThreadKey, loader, trace_rows
from codemods.clone.nesting.nodes import named_assign, only_statement
from codemods.clone.nesting.routes import scope_row
from codemods.formatting import FormatStyle
from codemods.imports import Import, add_imports, imports_binding
from detectors.project import ProjectIndex


class CheckLoadedRow(cst.CSTTransformer):
    """Each named function checks the row its loader reads (see the module docstring)."""

    def __init__(self, loads: dict[str, str], key: str, row: str, raising: str | None) -> None:
        super().__init__()
        self.loads, self.key, self.row, self.raising = loads, key, row, raising
        self.missing = set(loads)
        self._scope: list[str] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._scope.append(node.name.value)

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        self._scope.pop()
        return updated

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._scope.append(node.name.value)
        return False  # a function of a function reads no route's row

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        qual = ".".join(self._scope)
        self._scope.pop()
        param = self.loads.get(qual)
        if param is None:
            return updated
        body = list(updated.body.body)
        at = next((i for i, s in enumerate(body) if loader(s, param) is not None), None)
        if at is None:
            return updated
        if any(m.findall(s, m.Attribute(attr=m.Name(self.key))) for s in body[at + 1 :]):
            self.missing.discard(qual)  # checked already
            return updated
        scoped, done = scope_row(body, {param}, self.key)
        if done:
            self.missing.discard(qual)
            return updated.with_changes(body=updated.body.with_changes(body=scoped))
        if self.raising is None:
            return updated
        named = named_assign(body[at])  # the loader's `row = load(...)`, or `return load(...)`
        if named is not None:
            row = named[0]
            read, tail = [body[at]], []
        else:  # `return load(...)`: the row is named, checked, then returned
            small = only_statement(body[at])
            assert isinstance(small, cst.Return) and small.value is not None
            row = self.row if not m.findall(updated, m.Name(self.row)) else "row"
            read = [
                body[at].with_changes(
                    body=[cst.Assign([cst.AssignTarget(cst.Name(row))], small.value)]
                )
            ]
            tail = [cst.parse_statement(f"return {row}\n")]
        check = cst.parse_statement(f"if {row}.{self.key} != {self.key}:\n    {self.raising}\n")
        self.missing.discard(qual)
        body[at : at + 1] = [*read, check, *tail]
        return updated.with_changes(body=updated.body.with_changes(body=body))


def missing_row_raise(function: ast.FunctionDef | ast.AsyncFunctionDef, source: str) -> str | None:
    """What the loader raises for a missing row: the `raise` of its `if` testing its first
    parameter for None (`if row is None or ...: raise HTTPException(404)`), as written."""
    if not function.args.args:
        return None
    first = function.args.args[0].arg
    for node in ast.walk(function):
        if not isinstance(node, ast.If) or not _tests_none(node.test, first):
            continue
        raised = next(
            (s for s in node.body if isinstance(s, ast.Raise) and s.exc is not None), None
        )
        if raised is not None:
            return ast.get_source_segment(source, raised)
    return None


def _tests_none(test: ast.expr, name: str) -> bool:
    """`name is None`, `not name`, either one side of an `or`."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return any(_tests_none(v, name) for v in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return isinstance(test.operand, ast.Name) and test.operand.id == name
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == name
        and isinstance(test.ops[0], ast.Is)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    )


def check_loaded_rows(
    texts: dict[str, str],
    paths: list[str],
    routes: list[str],
    key: str,
    annotation: str | None,
    row: str,
    index: ProjectIndex,
    fmt: FormatStyle,
    first_party: frozenset[str],
) -> list[str]:
    """The named routes whose row the clone reads through a loader it does not define, scoped
    there (ThreadKey, then CheckLoadedRow, on the modules at `paths`); returns the routes left
    unscoped."""
    modules = {p: cst.parse_module(texts[p]) for p in paths}
    trace = trace_rows(modules, set(routes))
    if not trace.traced:
        return routes
    raises = {p: _raises(p, texts[p], loads, modules[p], index) for p, loads in trace.loads.items()}
    left: set[str] = set()
    out = dict(texts)
    for path in paths:
        module = modules[path].visit(
            ThreadKey(trace.calls.get(path, {}), trace.takes.get(path, set()), key, annotation)
        )
        loads = trace.loads.get(path, {})
        if loads:
            raising, imports = raises[path]
            check = CheckLoadedRow(loads, key, row, raising)
            module = add_imports(module.visit(check), imports if raising else [], fmt, first_party)
            left |= check.missing
        out[path] = module.code
    if left:  # a loader the row cannot be checked after: nothing is changed
        return routes
    texts.update(out)
    return [r for r in routes if r not in trace.traced]


def _raises(
    path: str, text: str, loads: dict[str, str], module: cst.Module, index: ProjectIndex
) -> tuple[str | None, list[Import]]:
    """What the module's loaders raise for a missing row, and the imports that needs."""
    tree = ast.parse(text)
    for qual, param in loads.items():
        fn = _function(module, qual)
        call = (
            next((loader(s, param) for s in fn.body.body if loader(s, param) is not None), None)
            if fn
            else None
        )
        if call is None or not isinstance(call.func, cst.Name):
            continue
        imported = imports_binding(tree, path, {call.func.value})
        info = index.module(imported[0].module) if imported else None
        found = index.resolve(info, imported[0].name or "") if info is not None else None
        if found is None or not isinstance(found[1], (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        raising = missing_row_raise(found[1], found[0].source)
        if raising is not None:
            names = {n.id for n in ast.walk(ast.parse(raising)) if isinstance(n, ast.Name)}
            return raising, imports_binding(found[0].tree, found[0].path, names)
    return None, []


def _function(module: cst.Module, qual: str) -> cst.FunctionDef | None:
    head, _, rest = qual.partition(".")
    for s in module.body:
        if isinstance(s, (cst.FunctionDef, cst.ClassDef)) and s.name.value == head:
            if not rest:
                return s if isinstance(s, cst.FunctionDef) else None
            if isinstance(s, cst.ClassDef):
                return next(
                    (
                        b
                        for b in s.body.body
                        if isinstance(b, cst.FunctionDef) and b.name.value == rest
                    ),
                    None,
                )
    return None
