"""The service function behind an action without a change (`--action archive`), for the developer to fill in.

The action's route is a copy of the read route (codemods/action_route.py): it finds the row and
returns it. The service goes where the route's lookup lives, so the developer fills it in beside
the code it resembles:
- a method of the data-access class the route is given (`repo.get(...)`): a method `archive`;
- a function of a data-access module (`order_crud.get_order(db, order_id)`): a function
  `archive_order(db, order)` after it, taking the same session;
- anything else (`session.get(Order, order_id)` inline): a function in the router module.
The route then returns what the service returns.

Before (the route):
    order = await order_crud.get_order(db, order_id)
    ...
    return order
After:
    order = await order_crud.get_order(db, order_id)
    ...
    return await order_crud.archive_order(db, order)
and in the data-access module, after get_order:
    async def archive_order(db: AsyncSession, order: Order) -> Order:
        # TODO(add-crud): archive the order; it is returned unchanged now
        return order
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import libcst as cst

from codemods.plan import FileEdit
from detectors.project import module_name


@dataclass(frozen=True)
class Service:
    """Where the service goes and how the route calls it."""

    path: str  # the module the service is defined in
    owner: str | None  # the class it is a method of, or None for a module-level function
    after: str | None  # the function or method it follows; None: before the route (router module)
    definition: str  # the code of the service
    call: str  # the route's new return value


def plan_service(
    route: ast.FunctionDef | ast.AsyncFunctionDef,
    router: FileEdit,
    edits: tuple[FileEdit, ...] | list[FileEdit],
    action: str,
    snake: str,
    todo: str,
) -> Service | None:
    """The service for `action` behind `route` (the action's route, read from the router's
    planned code); None when the route does not end by returning a row it looked up."""
    row, lookup = _row_and_lookup(route)
    if row is None or lookup is None:
        return None
    awaited = isinstance(lookup, ast.Await)
    call = lookup.value if isinstance(lookup, ast.Await) else lookup
    if not isinstance(call, ast.Call):
        return None
    params = {a.arg: a for a in [*route.args.posonlyargs, *route.args.args, *route.args.kwonlyargs]}
    by_path = {e.path: e for e in edits if e.path.endswith(".py")}
    target = _method_target(call, params, router, by_path) or _function_target(call, router, by_path)
    if target is not None:
        path, owner, callee, spelled = target
        # what the lookup is given besides the row's key: the session or repository
        sessions = [a.id for a in call.args if isinstance(a, ast.Name) and a.id in params and a.id not in _path_params(route)]
        name = action if owner is not None else f"{action}_{snake}"
        first = ["self"] if owner is not None else []
        args = [_param_text(callee, i + len(first)) for i in range(len(sessions))]
        returns = _row_type(callee)
        row_param = f"{row}: {returns}" if returns else row
        arrow = f" -> {returns}" if returns else ""
        prefix = "async def" if isinstance(callee, ast.AsyncFunctionDef) else "def"
        definition = (
            f"{prefix} {name}({', '.join([*first, *args, row_param])}){arrow}:\n"
            f"    {todo}\n"
            f"    return {row}\n"
        )
        wait = "await " if isinstance(callee, ast.AsyncFunctionDef) and awaited else ""
        return Service(path, owner, callee.name, definition, f"{wait}{spelled}{name}({', '.join([*sessions, row])})")
    # beside the route, so named apart from it: the route is `archive_order`; typed as the
    # router's own functions are, with the model class when the router has it in scope
    typed = route.returns is not None or any(a.annotation is not None for a in params.values())
    model = "".join(part.title() for part in snake.split("_"))
    bound = {a.asname or a.name for n in _imports(router) for a in n.names}
    row_param, arrow = (f"{row}: {model}", f" -> {model}") if typed and model in bound else (row, "")
    definition = f"def _{action}_{snake}({row_param}){arrow}:\n    {todo}\n    return {row}\n"
    return Service(router.path, None, None, definition, f"_{action}_{snake}({row})")


def _path_params(route) -> set[str]:
    """The names in the route's path (`/{order_id}/archive`): the row's key, not a session."""
    out: set[str] = set()
    for decorator in route.decorator_list:
        for node in ast.walk(decorator):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out |= {part.split("}")[0].split(":")[0] for part in node.value.split("{")[1:]}
    return out


def _row_and_lookup(route) -> tuple[str | None, ast.expr | None]:
    """`order` and its lookup when the route ends with `return order` after `order = lookup`."""
    last = route.body[-1] if route.body else None
    if not (isinstance(last, ast.Return) and isinstance(last.value, ast.Name)):
        return None, None
    row = last.value.id
    for stmt in route.body:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == row
        ):
            return row, stmt.value
    return row, None


def _method_target(call: ast.Call, params, router: FileEdit, by_path):
    """`repo.get(...)` with `repo: OrderRepository` a route parameter of a class the plan defines."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in params):
        return None
    annotation = params[func.value.id].annotation
    cls = annotation.id if isinstance(annotation, ast.Name) else None
    if cls is None:
        return None
    for path in _defining(_imported_from(router, cls, by_path) + [router.path], cls, by_path):
        for node in ast.parse(by_path[path].new).body:
            if isinstance(node, ast.ClassDef) and node.name == cls:
                method = next(
                    (f for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == func.attr),
                    None,
                )
                if method is not None:
                    return path, cls, method, f"{func.value.id}."
    return None


def _function_target(call: ast.Call, router: FileEdit, by_path):
    """`order_crud.get_order(...)` or `get_order(...)`: a module-level function of a module the plan writes."""
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        paths, name, spelled = _module_paths(router, func.value.id, by_path), func.attr, f"{func.value.id}."
    elif isinstance(func, ast.Name):
        paths, name, spelled = _imported_from(router, func.id, by_path), func.id, ""
    else:
        return None
    if spelled == "" and len(paths) > 0:
        return None  # imported by name, the service would take the route's own name
    for path in paths if spelled else ():
        if path == router.path:
            continue  # a helper of the router module: the service goes beside the route instead
        for node in ast.parse(by_path[path].new).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                return path, None, node, spelled
    return None


def _defining(paths: list[str], name: str, by_path, depth: int = 2) -> list[str]:
    """Of `paths`, the modules defining `name`, following re-exports (`from .order import name`)."""
    out = []
    for path in paths:
        edit = by_path[path]
        tree = ast.parse(edit.new)
        if any(isinstance(n, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name for n in tree.body):
            out.append(path)
        elif depth:
            out += _defining(_imported_from(edit, name, by_path), name, by_path, depth - 1)
    return out


def _imports(router: FileEdit) -> list[ast.ImportFrom | ast.Import]:
    return [n for n in ast.parse(router.new).body if isinstance(n, (ast.Import, ast.ImportFrom))]


def _absolute(router: FileEdit, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module_name(router.path).split(".")
    package = package[: len(package) - node.level] if not router.path.endswith("__init__.py") else package[: len(package) - node.level + 1]
    return ".".join([*package, *([node.module] if node.module else [])])


def _paths_of(module: str, by_path) -> list[str]:
    base = module.replace(".", "/")
    return [p for p in (f"{base}.py", f"{base}/__init__.py") if p in by_path]


def _imported_from(router: FileEdit, name: str, by_path) -> list[str]:
    """The planned modules `name` is imported from in the router (`from app.crud.order import name`)."""
    out = []
    for node in _imports(router):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    out += _paths_of(_absolute(router, node), by_path)
    return out


def _module_paths(router: FileEdit, bound: str, by_path) -> list[str]:
    """The planned module a name bound by an import is (`from app.crud import order as order_crud`)."""
    out = []
    for node in _imports(router):
        for alias in node.names:
            if (alias.asname or alias.name.split(".")[0]) != bound:
                continue
            if isinstance(node, ast.ImportFrom):
                out += _paths_of(f"{_absolute(router, node)}.{alias.name}", by_path)
            elif alias.asname:
                out += _paths_of(alias.name, by_path)
    return out


def _param_text(callee, index: int) -> str:
    """The callee's parameter at `index` as written (`db: AsyncSession`), or a plain name past its end."""
    args = [*callee.args.posonlyargs, *callee.args.args]
    if index >= len(args):
        return f"arg{index}"
    arg = args[index]
    return f"{arg.arg}: {ast.unparse(arg.annotation)}" if arg.annotation is not None else arg.arg


def _row_type(callee) -> str | None:
    """What the lookup returns, without its None: `Order` from `Order | None` or `Optional[Order]`."""
    returns = callee.returns
    if returns is None:
        return None
    if isinstance(returns, ast.BinOp) and isinstance(returns.op, ast.BitOr):
        sides = [s for s in (returns.left, returns.right) if not (isinstance(s, ast.Constant) and s.value is None)]
        return ast.unparse(sides[0]) if len(sides) == 1 else None
    if isinstance(returns, ast.Subscript) and ast.unparse(returns.value).split(".")[-1] == "Optional":
        return ast.unparse(returns.slice)
    if isinstance(returns, ast.Constant) and returns.value is None:
        return None
    return ast.unparse(returns)


class AddService(cst.CSTTransformer):
    """Put `service.definition` in its module: after the function (or method) it follows, or
    before `before` (the action's route) in the router module."""

    def __init__(self, service: Service, before: str | None = None):
        super().__init__()
        self.service, self.before = service, before
        self.added = False

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        if self.service.owner is not None:
            return updated
        definition = cst.parse_statement(self.service.definition, config=updated.config_for_parsing)
        body = list(updated.body)
        for i, stmt in enumerate(body):
            name = stmt.name.value if isinstance(stmt, cst.FunctionDef) else None
            if self.service.after is not None and name == self.service.after:
                body.insert(i + 1, definition.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]))
                self.added = True
                break
            if self.service.after is None and name == self.before:
                body.insert(i, definition.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]))
                self.added = True
                break
        return updated.with_changes(body=body)

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if self.service.owner != updated.name.value or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        method = cst.parse_statement(self.service.definition)  # a block indents what it holds
        body = list(updated.body.body)
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == self.service.after:
                body.insert(i + 1, method.with_changes(leading_lines=[cst.EmptyLine()]))
                self.added = True
                break
        return updated.with_changes(body=updated.body.with_changes(body=body))


class ReturnService(cst.CSTTransformer):
    """In the route `function`, `return order` becomes `return <call>`."""

    def __init__(self, function: str, call: str):
        super().__init__()
        self.function, self.call = function, call

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if original.name.value != self.function:
            return updated
        block = updated.body
        if not isinstance(block, cst.IndentedBlock):
            return updated
        last = block.body[-1]
        if isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[0], cst.Return):
            returned = last.body[0].with_changes(value=cst.parse_expression(self.call))
            block = block.with_changes(body=[*block.body[:-1], last.with_changes(body=[returned])])
        return updated.with_changes(body=block)
