"""A generic `CRUDBase[Model, Create, Update]` subclass and its `crud.order` object."""

from __future__ import annotations

import ast

from codemods.context import ResourceContext
from codemods.edits import Edit, ExportName, Statements
from codemods.imports import Import
from codemods.render.code import Code
from codemods.render.data_ops import DataOps, GenericOps
from codemods.render.pagination import Pagination


def _sibling_crud_object(ctx: ResourceContext):
    """(module, instance assignment, class def, base expression) of the sibling's CRUD object."""
    sib = ctx.sibling
    directory = ctx.conv.data_access.path
    for info in ctx.index.relevant:
        if not info.path.startswith(directory + "/"):
            continue
        for stmt in info.tree.body:
            if not (
                isinstance(stmt, ast.Assign)
                and isinstance(stmt.value, ast.Call)
                and stmt.value.args
            ):
                continue
            if getattr(stmt.value.args[0], "id", None) != sib.model:
                continue
            cls = info.definitions.get(getattr(stmt.value.func, "id", ""))
            if isinstance(cls, ast.ClassDef) and cls.bases:
                return info, stmt, cls, cls.bases[0]
    return None


def _base_methods(ctx: ResourceContext, info, base: ast.expr) -> dict[str, list[str]]:
    """Method name -> parameter names (after self) of the generic base class."""
    name = ast.unparse(base.value if isinstance(base, ast.Subscript) else base)
    found = ctx.index.resolve(info, name)
    if found is None or not isinstance(found[1], ast.ClassDef):
        return {}
    return {
        s.name: [a.arg for a in s.args.args[1:] + s.args.kwonlyargs]
        for s in found[1].body
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
    }


def render_generic_class(ctx: ResourceContext, pag: Pagination) -> tuple[list[Edit], DataOps]:
    """`class CRUDOrder(CRUDBase[Order, OrderCreate, OrderUpdate])` and `order = CRUDOrder(Order)`,
    with the sibling's owner-scoped methods copied when rows are per owner."""
    from codemods.errors import ConventionError

    found = _sibling_crud_object(ctx) if ctx.sibling else None
    if found is None:
        raise ConventionError(
            "generic CRUD class: cannot find the sibling's `x = CRUDX(Model)` object"
        )
    info, instance, cls, base = found
    if pag.style not in ("offset", "none") or ctx.conv.response.list_shape not in (
        "list",
        "unknown",
    ):
        raise ConventionError(
            "generic CRUD class: only offset pagination with bare-list responses is supported"
        )
    methods = _base_methods(ctx, info, base)
    roles = {
        "get": "get",
        "list": "get_multi",
        "create": "create",
        "update": "update",
        "delete": "remove",
    }
    for role, name in list(roles.items()):
        if name not in methods:
            alt = {"delete": "delete", "list": "get_all"}.get(role)
            if alt in methods:
                roles[role] = alt
            else:
                raise ConventionError(f"generic CRUD class: its base class has no {name}() method")
    target = ctx.data_target
    code = Code(ctx, target)
    base_name = ast.unparse(base.value if isinstance(base, ast.Subscript) else base)
    head = base_name.split(".")[0]
    if head in info.imports:
        module, attr = info.imports[head]
        code.use(module, attr)
    model = code.use_model(ctx.model)
    create_t = code.use_project(ctx.schema_target, ctx.create_schema)
    update_t = code.use_project(ctx.schema_target, ctx.update_schema)
    cls_name = ctx.rename_from_sibling(cls.name)
    body = []
    call_names = dict(roles)
    if ctx.owned:
        # Owner-scoped variants (create_with_owner, get_multi_by_owner) are resource-agnostic: copy them.
        for stmt in cls.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and "owner" in stmt.name:
                body.append(ctx.rename_from_sibling(ast.get_source_segment(info.source, stmt)))
                for sub in ast.walk(stmt):
                    renamed = (
                        isinstance(sub, ast.Name) and ctx.rename_from_sibling(sub.id) != sub.id
                    )
                    if isinstance(sub, ast.Name) and sub.id in info.imports and not renamed:
                        code.use(*info.imports[sub.id])
                role = (
                    "create"
                    if stmt.name.startswith("create")
                    else "list"
                    if "multi" in stmt.name
                    else None
                )
                if role:
                    call_names[role] = stmt.name
        if call_names["list"] == roles["list"] or call_names["create"] == roles["create"]:
            raise ConventionError(
                "generic CRUD class: rows are per owner but the sibling has no owner-scoped methods"
            )
    class_body = "\n\n".join(indent_block(b) for b in body) if body else "    pass"
    text = (
        f"class {cls_name}({base_name}[{model}, {create_t}, {update_t}]):\n{class_body}\n\n\n"
        f"{ctx.rename_from_sibling(ast.unparse(instance.targets[0]))} = {cls_name}({model})\n"
    )
    edits: list[Edit] = [
        Statements(target.path, text, tuple(code.imports), why=f"CRUD object {cls_name}")
    ]
    instance_name = ctx.rename_from_sibling(ast.unparse(instance.targets[0]))
    package_init = f"{ctx.conv.data_access.path}/__init__.py"
    init = ctx.index.get(package_init)
    if init is not None and any(
        attr == ast.unparse(instance.targets[0]) for _, attr in init.imports.values()
    ):
        source = ctx.export_source(package_init, target)
        edits.append(
            ExportName(
                package_init,
                instance_name,
                (Import(source, instance_name),),
                why=f"export {instance_name} from the crud package",
            )
        )
    params = dict(methods)
    for stmt in cls.body:  # the copied owner-scoped methods keep their own parameter names
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params[stmt.name] = [a.arg for a in stmt.args.args[1:] + stmt.args.kwonlyargs]
    package = _package_binding(ctx) or "crud"
    ops = GenericOps(
        "generic_crud_class",
        ctx,
        prefix=f"{package}.{instance_name}.",
        methods=call_names,
        kwonly=True,
        binding=Import(*_package_import(ctx)),
        params=params,
    )
    return edits, ops


def indent_block(code: str) -> str:
    """Indent copied method source one level, into the new class body."""
    return "\n".join(("    " + line) if line else "" for line in code.splitlines())


def _package_binding(ctx: ResourceContext) -> str | None:
    """The local name sibling routers bind the crud package to (`from app import crud` -> crud)."""
    pkg = ctx.conv.data_access.path.replace("/", ".")
    for e in ctx.index.endpoints():
        for local, (module, attr) in e.module.imports.items():
            if attr and f"{module}.{attr}" in (pkg, f"src.{pkg}"):
                return local
    return None


def _package_import(ctx: ResourceContext) -> tuple[str, str, str | None]:
    pkg = ctx.conv.data_access.path.replace("/", ".")
    for e in ctx.index.endpoints():
        for local, (module, attr) in e.module.imports.items():
            if attr and f"{module}.{attr}" == pkg:
                return module, attr, (local if local != attr else None)
    package, _, name = pkg.rpartition(".")
    return package, name, None
