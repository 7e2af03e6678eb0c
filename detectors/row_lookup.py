"""How a resource's own get route finds one row by its key, and what it answers when there is none.

Read off the route the project wrote, so that another resource can look a row up the same way
before it stores a key to it (codemods/clone/key_lookups.py). Of seed_async's Category:

    @router.get("/{category_id}")
    async def get_category(category_id: int, db: AsyncSession = Depends(get_db)) -> Category:
        category = await category_crud.get_category(db, category_id)
        if category is None:
            raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Category not found")
        return category

gives the value `await category_crud.get_category(db, category_id)` read with the key
`category_id`, the answer `raise HTTPException(...)` (404), the dependency `db` it reads, and the
import binding `category_crud`. A route whose lookup takes another shape (a dependency that
finds the row, a query parameter, a helper of its own module) gives None: nothing to copy.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections import Counter
from dataclasses import dataclass

from detectors.project import ProjectIndex, is_test_path
from detectors.resources import Footprint, op_of_route

_BUILTINS = frozenset(dir(builtins))
# a parameter FastAPI fills from the request itself: no dependency another route can share
_REQUEST_VALUES = frozenset({"Query", "Path", "Body", "Header", "Cookie", "Form", "File"})
_STATUS_NAME = re.compile(r"HTTP_(\d{3})_")


@dataclass(frozen=True)
class LookupParam:
    """A dependency the lookup reads: the parameter as the get route declares it."""

    name: str
    code: str  # `db: AsyncSession = Depends(get_db)`
    annotation: str  # as written, "" for none
    default: str  # as written, "" for none
    imports: tuple[tuple[str, str, str | None], ...] = ()  # what the annotation and default read
    top_level: tuple[str, ...] = ()  # ... of the route's own module


@dataclass(frozen=True)
class RowLookup:
    """The target's own lookup of one row by its key, as code to copy."""

    model: str
    module: str  # the path of the module the get route is in
    key: str  # the route's key parameter, which `value` reads
    value: str  # the expression finding the row (None, or falsy, where there is none)
    negated: bool  # `if not row:` rather than `if row is None:`
    # the statements run where there is no row, as written; none where `value` raises itself
    answer: tuple[str, ...]
    status: int | None  # the status code the answer raises, where it says
    params: tuple[LookupParam, ...]  # the dependencies the value and the answer read
    imports: tuple[tuple[str, str, str | None], ...]  # (local name, module, attribute or None)
    top_level: tuple[str, ...]  # names of the route's own module it reads (defined there)
    awaits: bool
    row: str = ""  # the name the route binds the row to, where its checks read it
    # the route's checks of the row found, right after the missing one, as written: each an `if`
    # whose body only raises (`if not current_user.is_superuser and (item.owner_id != current_user.id):`)
    checks: tuple[str, ...] = ()


def row_lookup(index: ProjectIndex, target: Footprint) -> RowLookup | None:
    """The lookup of `target`'s get route, or None where it has none of a shape to copy."""
    route = next(((path, module, function) for method, path, module, function in target.routes
                  if op_of_route(method.lower(), path) == "get"), None)
    if route is None:
        return None
    path, module, function = route
    info = index.get(module)
    if info is None:
        return None
    func = next((s for s in info.tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
                 and s.name == function), None)
    if func is None:
        return None
    in_path = set(re.findall(r"{(\w+)", path))
    params = {a.arg: (a, d) for a, d in _params_with_defaults(func.args)}
    keys = [name for name in params if name in in_path]
    if len(keys) != 1:  # a row found under another row's key: not by its own key alone
        return None
    key = keys[0]
    found = _lookup_statements(func, key)
    if found is None:
        return None
    value, negated, answer, row, checks = found
    read = _names_read([value, *answer, *checks]) - ({row} if checks else set())
    if key not in _names_read([value]):
        return None
    needed, imports, top_level = [], [], []
    for name in sorted(read - {key}):
        if name in params:
            arg, default = params[name]
            if name in in_path or not _is_dependency(arg, default):
                return None
            param = _param(info, arg, default)
            if param is None:
                return None
            needed.append(param)
        elif name in info.imports:
            imports.append((name, *info.imports[name]))
        elif name in info.definitions:
            top_level.append(name)
        elif name not in _BUILTINS:
            return None  # a name the route binds itself before the lookup

    def segment(node: ast.AST) -> str:
        return ast.get_source_segment(info.source, node) or ""

    return RowLookup(
        model=target.model,
        module=module,
        key=key,
        value=segment(value),
        negated=negated,
        answer=tuple(segment(s) for s in answer),
        status=_status(answer) or _status_in_tests(index, target),
        params=tuple(needed),
        imports=tuple(imports),
        top_level=tuple(top_level),
        awaits=any(isinstance(n, ast.Await) for n in ast.walk(value)),
        row=row if checks else "",
        checks=tuple(segment(c) for c in checks),
    )


def _params_with_defaults(args: ast.arguments) -> list[tuple[ast.arg, ast.expr | None]]:
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    return [*zip(positional, defaults), *zip(args.kwonlyargs, args.kw_defaults)]


def _lookup_statements(func: ast.FunctionDef | ast.AsyncFunctionDef, key: str):
    """(value, negated, answer, row, checks) of the first statement reading `key`: `row = value`
    followed by `if row is None:` (or `if not row:`) whose body only raises, and the checks of
    the row right after it (`_row_checks`); that test written on the value itself; or `return
    value`, a call raising where there is no row (no answer then)."""
    body = func.body
    for at, stmt in enumerate(body):
        if key not in _names_read([stmt]):
            continue
        if isinstance(stmt, ast.Return):  # `return await service.get(user, key)`: it raises itself
            return (stmt.value, False, [], "", []) if _called_with(stmt.value, key) else None
        if isinstance(stmt, ast.If):
            test = _missing_test(stmt)
            if test is not None and not isinstance(test[0], ast.Name):
                return test[0], test[1], stmt.body, "", []
            return None
        target, value = _assigned(stmt)
        if target is None or at + 1 >= len(body) or not isinstance(body[at + 1], ast.If):
            return None
        guard = body[at + 1]
        test = _missing_test(guard)
        if test is None or not (isinstance(test[0], ast.Name) and test[0].id == target):
            return None
        return value, test[1], guard.body, target, _row_checks(body[at + 2 :], target)
    return None


def _row_checks(after: list[ast.stmt], row: str) -> list[ast.If]:
    """The `if` statements opening `after` that test the row found (`row`) and only raise: the
    route refusing a row it found (another user's item, a 403)."""
    checks = []
    for stmt in after:
        if not (isinstance(stmt, ast.If) and not stmt.orelse and stmt.body and all(isinstance(s, ast.Raise) for s in stmt.body)):
            break
        if row not in _names_read([stmt.test]):
            break
        checks.append(stmt)
    return checks


def _called_with(value: ast.expr | None, key: str) -> bool:
    """Whether `value` is a call (awaited or not) given the key itself: the row it returns is
    the route's answer, so where there is none the call raises (a call building the answer
    around the row, `Envelope(data=find(key))`, is no lookup to copy)."""
    call = value.value if isinstance(value, ast.Await) else value
    return isinstance(call, ast.Call) and any(
        isinstance(a, ast.Name) and a.id == key for a in [*call.args, *(k.value for k in call.keywords)]
    )


def _assigned(stmt: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id, stmt.value
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
        return stmt.target.id, stmt.value
    return None, None


def _missing_test(guard: ast.If) -> tuple[ast.expr, bool] | None:
    """(what is tested, negated) of `if x is None:` or `if not x:` whose body only raises."""
    if guard.orelse or not guard.body or not all(isinstance(s, ast.Raise) for s in guard.body):
        return None
    test = guard.test
    if (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Is)
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None):
        return test.left, False
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return test.operand, True
    return None


def _names_read(nodes: list[ast.AST]) -> set[str]:
    return {n.id for node in nodes for n in ast.walk(node) if isinstance(n, ast.Name)}


def _is_dependency(arg: ast.arg, default: ast.expr | None) -> bool:
    """Whether FastAPI fills the parameter from a dependency, not from the request's values."""
    if isinstance(default, ast.Call):
        return _callee(default) not in _REQUEST_VALUES
    if default is not None:
        return False  # a literal default: a query parameter
    annotation = arg.annotation
    if annotation is None:
        return False
    if isinstance(annotation, ast.Subscript):  # Annotated[Session, Depends(get_db)]
        calls = [_callee(n) for n in ast.walk(annotation) if isinstance(n, ast.Call)]
        return bool(calls) and not set(calls) & _REQUEST_VALUES
    # an alias of one (`SessionDep`), or a class FastAPI would read from the body: a class of
    # the project's or a library's, never a builtin scalar
    return isinstance(annotation, (ast.Name, ast.Attribute)) and _last(annotation) not in _BUILTINS


def _callee(call: ast.Call) -> str:
    return _last(call.func)


def _last(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _param(info, arg: ast.arg, default: ast.expr | None) -> LookupParam | None:
    """The parameter as written, with the imports and the names of its own module its
    annotation and default read; None where they read another name."""
    source = info.source
    annotation = ast.get_source_segment(source, arg.annotation) if arg.annotation is not None else ""
    written = ast.get_source_segment(source, default) if default is not None else ""
    imports, top_level = [], []
    for name in sorted(_names_read([n for n in (arg.annotation, default) if n is not None])):
        if name in info.imports:
            imports.append((name, *info.imports[name]))
        elif name in info.definitions:
            top_level.append(name)
        elif name not in _BUILTINS:
            return None
    equals = " = " if annotation else "="  # PEP 8: `db: Session = Depends(get_db)`, `db=Depends(get_db)`
    code = arg.arg + (f": {annotation}" if annotation else "") + (f"{equals}{written}" if written else "")
    return LookupParam(arg.arg, code, annotation or "", written or "", tuple(imports), tuple(top_level))


def _status_in_tests(index: ProjectIndex, target: Footprint) -> int | None:
    """The status the target's own tests expect of its get route for a key naming no row, where
    the route does not say it (a service raising inside): a request of one of its rows by a
    number as written (`client.get('/collections/999')`), then `assert response.status_code ==
    404`. The one most of them expect; None where none does."""
    plurals = "|".join(re.escape(n) for n in {target.names.plural_kebab, target.names.plural_snake})
    url = re.compile(rf"/(?:{plurals})/\d+/?$")
    found: list[int] = []
    for path in dict.fromkeys(p for p in (*target.files, *(u.path for u in target.units)) if is_test_path(p)):
        info = index.get(path)
        for test in ast.walk(info.tree) if info is not None else ():
            if isinstance(test, (ast.FunctionDef, ast.AsyncFunctionDef)) and test.name.startswith("test"):
                found += _statuses_of_missing(test.body, url)
    return Counter(found).most_common(1)[0][0] if found else None


def _statuses_of_missing(body: list[ast.stmt], url: re.Pattern[str]) -> list[int]:
    """The statuses `body` asserts of the answers to a GET of `url` (a literal)."""
    out: list[int] = []
    sent: str | None = None  # the name the last such answer is bound to
    for stmt in body:
        target, value = _assigned(stmt)
        call = value.value if isinstance(value, ast.Await) else value
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "get":
            first = call.args[0] if call.args else None
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str) and url.search(first.value)
            sent = target if literal else None
            continue
        test = stmt.test if isinstance(stmt, ast.Assert) else None
        if sent is not None and isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
            left, right = test.left, test.comparators[0]
            if (isinstance(left, ast.Attribute) and left.attr == "status_code" and isinstance(left.value, ast.Name)
                    and left.value.id == sent and isinstance(right, ast.Constant) and isinstance(right.value, int)
                    and 400 <= right.value < 500):
                out.append(right.value)
                sent = None
    return out


def _status(answer: list[ast.stmt]) -> int | None:
    """The status code of `raise HTTPException(404, ...)` (or `status_code=`, or
    `status.HTTP_404_NOT_FOUND`); None where the answer says none."""
    raised = answer[0].exc if answer and isinstance(answer[0], ast.Raise) else None
    if not isinstance(raised, ast.Call):
        return None
    given = next((k.value for k in raised.keywords if k.arg == "status_code"), raised.args[0] if raised.args else None)
    if isinstance(given, ast.Constant) and isinstance(given.value, int):
        return given.value
    if isinstance(given, ast.Attribute):
        found = _STATUS_NAME.match(given.attr)
        return int(found.group(1)) if found else None
    return None


__all__ = ["LookupParam", "RowLookup", "row_lookup"]
