"""Where the new resource's list is served and queried, read from the planned code: the list
route, the function building its query (a data-access function or method, or the route itself),
the model class with its columns, and how the list pages."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codemods.errors import ConventionError
from codemods.imports import imports_binding
from codemods.inherited_override import InheritedReads
from codemods.plan import FileEdit
from codemods.spec import ResourceSpec
from detectors.conventions import PaginationFinding
from detectors.pagination import LIMIT_NAMES, STYLES
from detectors.project import ModuleInfo, ProjectIndex, is_test_path
from detectors.resources import op_of_route, own_path


@dataclass(frozen=True)
class ListSite:
    """Where the list is served and queried: the route, and the function building its query."""

    router: int  # index of the router's edit
    route: ast.FunctionDef | ast.AsyncFunctionDef
    data: int  # index of the edit defining the query function (the router when inline)
    function: str
    model: str  # how the query function spells the model: `Order`, `models.Order`
    callee: str | None  # the name the route calls the query function by; None: inline
    query: ast.FunctionDef | ast.AsyncFunctionDef  # the query function (the route when inline)


def ordering_of(func) -> str:
    """The query's `order_by(...)` columns, as written."""
    for call in ast.walk(func):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "order_by"
        ):
            return ", ".join(ast.unparse(a) for a in call.args)
    return "its key"


def body_names(func) -> set[str]:
    """The names a function's body uses (a new parameter must not hide one)."""
    return {n.id for stmt in func.body for n in ast.walk(stmt) if isinstance(n, ast.Name)}


def find_list_site(
    edits: list[FileEdit], spec: ResourceSpec, inherited: InheritedReads | None = None
) -> ListSite | None:
    """The new list route and the function its query is built in (see ListSite); None: no new list
    route. With `inherited`, a query the route reads through a method the clone's class inherits
    from a base of the project is overridden in that class (`edits` changed) and found there."""
    defined = {}  # name -> (edit index, function) of each function or method the plan adds
    classes: dict[int, str] = {}  # id of a method the plan adds -> its class
    for i, edit in enumerate(edits):
        if edit.path.endswith(".py") and not is_test_path(edit.path):
            before = function_names(edit.old) if edit.old else set()
            tree = ast.parse(edit.new)
            for node in ast.walk(tree):
                if (
                    isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and node.name not in before
                ):
                    defined.setdefault(node.name, []).append((i, node))
            classes.update({id(n): c.name for c in ast.walk(tree) if isinstance(c, ast.ClassDef) for n in c.body})
    for found in defined.values():
        for i, node in found:
            route = _route(node)
            # under a parent row (`/authors/{author_id}/reviews/`) the list's own path has no key
            if route is None or op_of_route(route[0], own_path(route[1], spec.names)) != "list":
                continue
            model = _model_in(node, spec.names.pascal)
            if model is not None:
                return ListSite(i, node, i, node.name, model, None, node)
            calls = [c for c in ast.walk(node) if isinstance(c, ast.Call) and _last(c.func) in defined]
            # a call on a receiver typed with the method's own class first: in a nested list,
            # `project_repo.get_for_owner(...)` (the parent's lookup, a ProjectRepository) comes
            # before `repo.list_for_owner(...)`, and the clone's class has a get_for_owner too
            typed = [
                (c, t) for c in calls for _, t in defined[_last(c.func)]
                if (owner := _receiver_class(node, c)) is not None and classes.get(id(t)) == owner
            ]
            for call, target in [*typed, *((c, t) for c in calls for _, t in defined[_last(c.func)])]:
                callee = _last(call.func)
                j = next(k for k, n in defined[callee] if n is target)
                model = _model_in(target, spec.names.pascal) if target is not node else None
                if model is None and target is not node:
                    model = _generic_model(edits[j].new, target, spec.names.pascal)
                if model is None and target is not node and inherited is not None:
                    model = inherited.model_in(edits[j], target, spec.names.pascal)
                if model is not None:
                    return ListSite(i, node, j, target.name, model, callee, target)
            owned = inherited.own(edits, i, node.name, spec.names.pascal) if inherited else None
            if owned is not None:
                name = owned.method.name
                return ListSite(i, node, owned.at, name, owned.model, name, owned.method)
            called = next(
                (
                    ast.unparse(c.func)
                    for s in node.body
                    for c in ast.walk(s)
                    if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                ),
                "code outside the plan",
            )
            raise ConventionError(
                f"--filter/--sort: {node.name} gets its rows from {called}, which is not the new "
                f"resource's own code (shared with other resources?); a filter there would change them too"
            )
    return None


def _receiver_class(route, call: ast.Call) -> str | None:
    """The class the route's parameter the call is a method of is annotated with
    (`project_repo: ProjectRepository`, or inside `Annotated[...]`); None where it is not one."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    arg = next((a for a in [*route.args.args, *route.args.kwonlyargs] if a.arg == func.value.id), None)
    annotation = arg.annotation if arg is not None else None
    if isinstance(annotation, ast.Subscript) and _last(annotation.value) == "Annotated":
        inner = annotation.slice
        annotation = inner.elts[0] if isinstance(inner, ast.Tuple) and inner.elts else inner
    return _last(annotation) if isinstance(annotation, (ast.Name, ast.Attribute)) else None


def _route(node) -> tuple[str, str] | None:
    for dec in node.decorator_list:
        if isinstance(dec, ast.Call) and isinstance(dec.func, ast.Attribute):
            path = dec.args[0].value if dec.args and isinstance(dec.args[0], ast.Constant) else ""
            return dec.func.attr, str(path)
    return None


def _model_in(func, model: str) -> str | None:
    """How `func` spells the model its query starts from: the one argument of its first call
    taking the model class (`select(Order)`, `db.query(models.Order)`)."""
    for call in ast.walk(func):
        if isinstance(call, ast.Call) and len(call.args) == 1 and not call.keywords:
            arg = call.args[0]
            if _last(arg) == model:
                return ast.unparse(arg)
    return None


def _generic_model(code: str, method, model: str) -> str | None:
    """`self.model` where `method` queries it in a generic class the module makes for `model`
    (`class CRUDOrder(CRUDBase[...])` ... `order = CRUDOrder(Order)`)."""
    tree = ast.parse(code)
    owner = next((c for c in ast.walk(tree) if isinstance(c, ast.ClassDef) and any(
        isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == method.name and n.lineno == method.lineno
        for n in c.body)), None)
    made = owner is not None and any(
        isinstance(n, ast.Call) and _last(n.func) == owner.name and [_last(a) for a in n.args] == [model]
        for n in ast.walk(tree)
    )
    queried = any(
        isinstance(c, ast.Call) and len(c.args) == 1 and ast.unparse(c.args[0]) == "self.model" for c in ast.walk(method)
    )
    return "self.model" if made and queried else None


def _last(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def function_names(code: str) -> set[str]:
    """The functions and methods a module defines."""
    return {
        n.name
        for n in ast.walk(ast.parse(code))
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    }


@dataclass(frozen=True)
class PlannedModel:
    """The planned model: its edit, table, columns, the classes declaring them and the call
    its columns are made with (`mapped_column`, `Column`, `Field`)."""

    at: int
    table: str
    columns: tuple[str, ...]
    classes: tuple[str, ...]
    column_call: str | None
    statements: tuple[tuple[str, str], ...] = ()  # (column, its statement's code)

    def statement(self, column: str) -> str:
        """The code declaring the column ("" where the class declares no such column)."""
        return dict(self.statements).get(column, "")


def planned_model(edits: list[FileEdit], spec: ResourceSpec) -> PlannedModel:
    """The planned model class of the resource, with the bases the module declares its fields in."""
    for i, edit in enumerate(edits):
        if not edit.path.endswith(".py") or is_test_path(edit.path):
            continue
        body = ast.parse(edit.new).body
        classes = {n.name: n for n in body if isinstance(n, ast.ClassDef)}
        node = classes.get(spec.names.pascal)
        if node is None or not _is_table(node):
            continue
        chain = [
            node,
            *(classes[b.id] for b in node.bases if isinstance(b, ast.Name) and b.id in classes),
        ]
        columns: list[str] = []
        calls: list[str] = []
        statements: list[tuple[str, str]] = []
        for cls in reversed(chain):  # a base's fields come first, as the table has them
            for stmt in cls.body:
                targets = (
                    [stmt.target]
                    if isinstance(stmt, ast.AnnAssign)
                    else getattr(stmt, "targets", [])
                )
                value = getattr(stmt, "value", None)
                func = ast.unparse(value.func) if isinstance(value, ast.Call) else None
                if func is not None and func.split(".")[-1] in ("relationship", "Relationship"):
                    continue  # the other side of a relation, not a column
                for t in targets:
                    if (
                        isinstance(t, ast.Name)
                        and not t.id.startswith("_")
                        and (func or isinstance(stmt, ast.AnnAssign))
                    ):
                        columns.append(t.id)
                        statements.append((t.id, ast.unparse(stmt)))
                        calls += [func] if func else []
        table = next(
            (
                s.value.value
                for s in node.body
                if isinstance(s, ast.Assign)
                and isinstance(s.value, ast.Constant)
                and any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in s.targets)
            ),
            spec.names.pascal.lower(),  # SQLModel's default
        )
        call = max(set(calls), key=calls.count) if calls else None
        return PlannedModel(
            i, str(table), tuple(dict.fromkeys(columns)), tuple(c.name for c in chain), call, tuple(statements)
        )
    raise ConventionError(f"--filter/--sort: the plan has no {spec.names.pascal} model to index")


def _is_table(node: ast.ClassDef) -> bool:
    """A mapped class: `__tablename__`, or SQLModel's `table=True`."""
    named = any(
        isinstance(t, ast.Name) and t.id == "__tablename__"
        for s in node.body
        for t in getattr(s, "targets", [])
    )
    # or columns on a base deriving the table's name (`Column(...)` under a `declared_attr`)
    columns = any(
        isinstance(s, (ast.Assign, ast.AnnAssign))
        and isinstance(s.value, ast.Call)
        and ast.unparse(s.value.func).split(".")[-1] in ("Column", "mapped_column")
        for s in node.body
    )
    return named or columns or any(k.arg == "table" for k in node.keywords)


def paging_of(route, pagination: PaginationFinding) -> tuple[str, str, str | None, int] | None:
    """(style, the page parameter, the size parameter, the first page) of the list route: its
    own parameters, or those of the project's pagination dependency when the route takes it."""
    names = [a.arg for a in [*route.args.args, *route.args.kwonlyargs]]
    shown = dict(pagination.params)
    used = {
        n.id if isinstance(n, ast.Name) else n.attr
        for n in ast.walk(route.args)
        if isinstance(n, (ast.Name, ast.Attribute))
    }
    if pagination.dependency is not None and pagination.dependency in used:
        names = [name for name, _ in pagination.params]
    for style, keys in STYLES.items():
        page = next((n for n in names if n in keys), None)
        if page is not None:
            size = next((n for n in names if n in LIMIT_NAMES), None)
            first = 0 if shown.get(page) == "0" else 1
            return style, page, size, first
    return None


def cursor_key_of(edits, index: ProjectIndex | None = None, site: ListSite | None = None) -> str | None:
    """The field of the planned list response carrying the next cursor: the optional one that
    is neither the rows nor a flag. Where the list answers with a class of the project instead
    (`ListEnvelope[OrderView]` beside the rows' `meta: CursorMeta`), that field of the class one
    of its fields holds, dotted (`meta.next_cursor`)."""
    for edit in edits:
        if not edit.path.endswith(".py") or is_test_path(edit.path):
            continue
        for node in ast.parse(edit.new).body:
            if not isinstance(node, ast.ClassDef) or _is_table(node):
                continue  # a model's optional key beside its relationship list is no cursor
            if any(a.lower().startswith("list[") for a in _fields(node).values()):
                found = _cursor_field(node)
                if found is not None:
                    return found
    if index is None or site is None:
        return None
    router = edits[site.router]
    answer = next(
        (k.value for d in site.route.decorator_list if isinstance(d, ast.Call) for k in d.keywords if k.arg == "response_model"),
        site.route.returns,
    )
    head = answer.value if isinstance(answer, ast.Subscript) else answer
    outer = _project_class(index, ast.parse(router.new), router.path, head.id) if isinstance(head, ast.Name) else None
    if outer is None or not any(a.lower().startswith("list[") for a in _fields(outer[1]).values()):
        return None
    info, envelope = outer
    for name, annotation in _fields(envelope).items():
        inner = _project_class(index, info.tree, info.path, annotation) if annotation.isidentifier() else None
        found = _cursor_field(inner[1]) if inner else None
        if found is not None:
            return f"{name}.{found}"
    return None


def _fields(node: ast.ClassDef) -> dict[str, str]:
    """The class's annotated fields and their annotations, as written."""
    return {
        s.target.id: ast.unparse(s.annotation)
        for s in node.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
    }


def _cursor_field(node: ast.ClassDef) -> str | None:
    """The class's optional field that is neither a list nor a flag."""
    for name, annotation in _fields(node).items():
        optional = "None" in annotation or "Optional" in annotation
        if optional and "bool" not in annotation and "list" not in annotation.lower():
            return name
    return None


def _project_class(index: ProjectIndex, tree: ast.Module, path: str, name: str) -> tuple[ModuleInfo, ast.ClassDef] | None:
    """The project's class `name` as the module (`tree` at `path`) sees it: its own, or imported
    from the project."""
    own = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name), None)
    info = index.get(path)
    if own is not None:
        return (info, own) if info is not None else None
    imported = imports_binding(tree, path, {name})
    info = index.module(imported[0].module) if imported and imported[0].name else None
    found = index.resolve(info, imported[0].name or "") if info is not None else None
    return (found[0], found[1]) if found is not None and isinstance(found[1], ast.ClassDef) else None
