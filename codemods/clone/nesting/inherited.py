"""A list the clone reads through a method its data class inherits from a base of the project (a
generic `Repository.page_after` every resource's repository shares): the clone's class gets its
own copy of the method, for ScopeQueries to scope as the clone's list; the base is left alone.

Before:
    class Repository(Generic[EntityT]):            # service/repos/base.py, the project's
        def page_after(self, cursor: Union[uuid.UUID, None], limit: int) -> List[EntityT]:
            return list(self.session.scalars(select(self.entity).limit(limit)))

    class ReviewRepo(Repository[Review]):          # the clone's
        entity = Review
After (`OwnCopies({"ReviewRepo": [<page_after>]}, {"EntityT": "Review"})`):
    class ReviewRepo(Repository[Review]):
        entity = Review

        def page_after(self, cursor: Union[uuid.UUID, None], limit: int) -> List[Review]:
            return list(self.session.scalars(select(self.entity).limit(limit)))
The base's type parameters are the clone's arguments in the copy (`EntityT` is Review);
`inherited_lists` finds, for the named routes, the call to such a method (on a parameter typed
with the clone's class) and the base method to copy, with the imports the copy needs.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

import libcst as cst

from codemods.clone.nesting.key_thread import ThreadKey
from codemods.clone.nesting.nodes import find_names
from codemods.clone.nesting.routes import _route
from codemods.formatting import FormatStyle
from codemods.imports import Import, add_imports, imports_binding
from detectors.project import ModuleInfo, ProjectIndex

_DEPTH = 4  # bases of bases followed


@dataclass
class Inherited:
    """Methods to copy into the clone's classes, and the routes' calls to them."""

    # path -> class -> methods
    copies: dict[str, dict[str, list[cst.FunctionDef]]] = field(default_factory=dict)
    # class -> type parameter -> argument
    renames: dict[str, dict[str, str]] = field(default_factory=dict)
    # path -> imports the copies need
    imports: dict[str, list[Import]] = field(default_factory=dict)
    # router path -> route -> calls
    calls: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    methods: set[str] = field(default_factory=set)  # the copied methods' names
    routes: set[str] = field(default_factory=set)  # routes reading their list through one


def inherited_lists(
    texts: dict[str, str],
    routers: list[str],
    data: list[str],
    routes: set[str],
    index: ProjectIndex,
) -> Inherited:
    """For each named route: the first call `x.method(...)` with `x` a parameter typed with a class
    of the clone's (in `data`) that inherits `method` from a class of the project."""
    classes = {
        n.name: (path, n, ast.parse(texts[path]))
        for path in data
        for n in ast.parse(texts[path]).body
        if isinstance(n, ast.ClassDef)
    }
    out = Inherited()
    for router in routers:
        for fn in ast.parse(texts[router]).body:
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) or fn.name not in routes:
                continue
            typed = {
                a.arg: a.annotation.id
                for a in (*fn.args.args, *fn.args.kwonlyargs)
                if isinstance(a.annotation, ast.Name) and a.annotation.id in classes
            }
            for call in (n for n in ast.walk(fn) if isinstance(n, ast.Call)):
                func = call.func
                if not (
                    isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name)
                    and func.value.id in typed
                ):
                    continue
                path, cls, tree = classes[typed[func.value.id]]
                if any(getattr(b, "name", None) == func.attr for b in cls.body):
                    continue  # the clone's own: ScopeQueries' already
                found = _inherited(cls, tree, path, func.attr, index, {}, 0)
                if found is None:
                    continue
                info, owner, renames = found
                copy = _method(info, owner, func.attr)
                out.copies.setdefault(path, {}).setdefault(cls.name, []).append(copy)
                out.renames[cls.name] = renames
                used = {n.value for n in find_names(copy)} - set(renames)
                out.imports.setdefault(path, []).extend(imports_binding(info.tree, info.path, used))
                out.calls.setdefault(router, {}).setdefault(fn.name, set()).add(ast.unparse(func))
                out.methods.add(func.attr)
                out.routes.add(fn.name)
                break
    return out


def _inherited(
    cls: ast.ClassDef,
    tree: ast.Module,
    path: str,
    name: str,
    index: ProjectIndex,
    env: dict[str, str],
    depth: int,
):
    """(module, class, type parameter -> argument) of the base method `cls` inherits as `name`."""
    if depth > _DEPTH:
        return None
    for base in cls.bases:
        head = base.value if isinstance(base, ast.Subscript) else base
        if not isinstance(head, ast.Name):
            continue
        args = _arguments(base)
        imported = imports_binding(tree, path, {head.id})
        info = index.module(imported[0].module) if imported else None
        found = (
            index.resolve(info, imported[0].name or "")
            if info is not None and imported[0].name
            else None
        )
        if found is None or not isinstance(found[1], ast.ClassDef):
            continue
        base_info, base_cls = found
        params = [
            p for b in base_cls.bases if _named(b, ("Generic", "Protocol")) for p in _arguments(b)
        ]
        renames = {
            p.id: env.get(ast.unparse(a), ast.unparse(a))
            for p, a in zip(params, args)
            if isinstance(p, ast.Name)
        }
        method = next(
            (
                b
                for b in base_cls.body
                if isinstance(b, (ast.FunctionDef, ast.AsyncFunctionDef)) and b.name == name
            ),
            None,
        )
        if method is not None:
            return base_info, base_cls.name, renames
        deeper = _inherited(
            base_cls, base_info.tree, base_info.path, name, index, renames, depth + 1
        )
        if deeper is not None:
            return deeper
    return None


def _arguments(base: ast.expr) -> list[ast.expr]:
    if not isinstance(base, ast.Subscript):
        return []
    inner = base.slice
    return list(inner.elts) if isinstance(inner, ast.Tuple) else [inner]


def _named(node: ast.expr, names: tuple[str, ...]) -> bool:
    head = node.value if isinstance(node, ast.Subscript) else node
    return (isinstance(head, ast.Name) and head.id in names) or (
        isinstance(head, ast.Attribute) and head.attr in names
    )


def _method(info: ModuleInfo, cls: str, name: str) -> cst.FunctionDef:
    """The base's method as written in its module (decorators, docstring and comments kept)."""
    for node in cst.parse_module(info.source).body:
        if isinstance(node, cst.ClassDef) and node.name.value == cls:
            for b in node.body.body:
                if isinstance(b, cst.FunctionDef) and b.name.value == name:
                    return b
    raise LookupError(f"{cls}.{name}")


class OwnCopies(cst.CSTTransformer):
    """Each named class gets its copies of inherited methods, type parameters given (see the
    module docstring); a class having a method of that name keeps its own."""

    def __init__(
        self, copies: dict[str, list[cst.FunctionDef]], renames: dict[str, dict[str, str]]
    ) -> None:
        super().__init__()
        self.copies, self.renames = copies, renames

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        wanted = self.copies.get(updated.name.value, [])
        have = {b.name.value for b in updated.body.body if isinstance(b, cst.FunctionDef)}
        body = list(updated.body.body)
        for method in wanted:
            if method.name.value in have:
                continue
            renamed = method.visit(_TypeArguments(self.renames.get(updated.name.value, {})))
            body.append(renamed.with_changes(leading_lines=[cst.EmptyLine(indent=False)]))
            have.add(method.name.value)
        return updated.with_changes(body=updated.body.with_changes(body=body))


class _TypeArguments(cst.CSTTransformer):
    def __init__(self, renames: dict[str, str]) -> None:
        super().__init__()
        self.renames = renames

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
        new = self.renames.get(updated.value)
        return cst.parse_expression(new) if new is not None else updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)  # `x.EntityT` names no type parameter


def own_inherited_lists(
    texts: dict[str, str],
    routers: list[str],
    data: dict[str, set[str]],
    routes: list[str],
    key: str,
    index: ProjectIndex,
    fmt: FormatStyle,
    first_party: frozenset[str],
) -> tuple[list[str], set[str]]:
    """The named list routes reading rows through an inherited method: the clone's class gets
    its copy (added to `data`, the new functions of each data module), the route passes it the
    key; returns the routes left, and the copied methods, for ScopeQueries to scope as lists."""
    lists = {
        n.name.value
        for path in routers
        for n in cst.parse_module(texts[path]).body
        if isinstance(n, cst.FunctionDef)
        and (r := _route(n)) is not None
        and r[0] == "get"
        and "{" not in r[1]
    }
    found = inherited_lists(texts, routers, list(data), set(routes) & lists, index)
    if not found.routes:
        return routes, set()
    for path, copies in found.copies.items():
        module = cst.parse_module(texts[path]).visit(OwnCopies(copies, found.renames))
        texts[path] = add_imports(module, found.imports.get(path, []), fmt, first_party).code
        data[path] = data[path] | {f.name.value for fs in copies.values() for f in fs}
    for path, calls in found.calls.items():
        texts[path] = cst.parse_module(texts[path]).visit(ThreadKey(calls, set(), key, None)).code
    return [r for r in routes if r not in found.routes], found.methods
