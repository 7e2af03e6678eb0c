"""crud functions (`get_order(db, order_id)`...) in a module per resource or one shared module."""

from __future__ import annotations

import ast

from codemods.context import ResourceContext, Target
from codemods.edits import Edit, Statements
from codemods.imports import Import
from codemods.rename import rename_text
from codemods.render.code import Code
from codemods.render.data_ops import DataOps
from codemods.render.pagination import Pagination
from codemods.render.queries import QueryWriter, indent_lines, page_param_type, session_annotation


def render_functions(ctx: ResourceContext, pag: Pagination) -> tuple[list[Edit], DataOps]:
    """crud functions, positional `(db, ...)` or keyword-only `(*, session, ...)` as siblings are."""
    target = ctx.data_target
    code = Code(ctx, target)
    kwonly = _crud_is_kwonly(ctx, target)
    session = ctx.conv.session.param or "db"
    layer = QueryWriter(ctx, code, session)
    model = code.use_model(ctx.model)
    create_t = code.use_project(ctx.schema_target, ctx.create_schema)
    update_t = code.use_project(ctx.schema_target, ctx.update_schema)
    session_t = session_annotation(ctx, code)
    adef = "async def" if ctx.is_async else "def"
    s, p = ctx.names.snake, ctx.names.plural_snake
    owner = ctx.owner_field if ctx.owned else None
    owner_t = code.pk_type()
    star = "*, " if kwonly else ""
    id_name = ctx.id_param if not kwonly or ctx.id_param != "id" else "id"
    names = {
        "get": f"get_{s}",
        "list": f"list_{p}",
        "create": f"create_{s}",
        "update": f"update_{s}",
        "delete": f"delete_{s}",
    }
    obj = f"db_{s}" if kwonly else s
    payload = ctx.body_param if kwonly else "data"
    owner_arg = f", {owner}: {owner_t}" if owner else ""
    get_filter = f" and {s}.{owner} == {owner}" if owner else ""
    pag_args = "".join(f", {n}: {page_param_type(ctx, code, pag, n)}" for n in pag.names)
    list_lines, bound, list_ret = layer.list_body(
        pag, f"{model}.{owner} == {owner}" if owner else None
    )
    list_lines.append(f"return {', '.join(bound)}")
    owner_list_arg = f", {owner}: {owner_t}" if owner else ""
    list_sig = (
        f"{session}: {session_t}, *{owner_list_arg}{pag_args}"
        if (pag.names or owner)
        else f"{session}: {session_t}"
    )
    if kwonly:
        list_sig = f"*, {session}: {session_t}{owner_list_arg}{pag_args}"
    fetch = layer.get(id_name)
    if owner:
        get_lines = [
            f"{s} = {fetch}",
            f"if {s} is None{get_filter.replace(' and ', ' or ').replace('==', '!=')}:",
            "    return None",
            f"return {s}",
        ]
    else:
        get_lines = [f"return {fetch}"]
    funcs = [
        f"{adef} {names['get']}({star}{session}: {session_t}, {id_name}: {code.pk_type()}{owner_arg}) -> {code.optional(model)}:\n{indent_lines(get_lines)}\n",
        f"{adef} {names['list']}({list_sig}) -> {list_ret}:\n{indent_lines(list_lines)}\n",
        f"{adef} {names['create']}({star}{session}: {session_t}, {payload}: {create_t}{owner_arg}) -> {model}:\n{indent_lines(layer.create_body(payload, owner))}\n",
        f"{adef} {names['update']}({star}{session}: {session_t}, {obj}: {model}, {payload}: {update_t}) -> {model}:\n{indent_lines(layer.update_body(obj, payload))}\n",
        f"{adef} {names['delete']}({star}{session}: {session_t}, {obj}: {model}) -> None:\n{indent_lines(layer.delete_body(obj))}\n",
    ]
    edits: list[Edit] = [
        Statements(
            target.path,
            "\n\n".join(funcs),
            tuple(code.imports),
            why=f"crud functions for {ctx.model}",
        )
    ]
    binding, prefix = _crud_binding(ctx, target)
    imports: tuple[Import, ...] = ()
    endpoints = {ctx.endpoint_name(op) for op in names}
    if binding is None and target.path != ctx.router_target.path and endpoints & set(names.values()):
        # an endpoint named like the function it calls (`create_tag`): imported by name, one
        # would shadow the other, so the router calls through the module object instead
        package, _, leaf = ctx.import_of(target, ctx.router_target).rpartition(".")
        if package:
            binding, prefix = Import(package, leaf), f"{leaf}."
    if binding is None and target.path != ctx.router_target.path:
        # No module object to call through: import the functions by name, from where the
        # sibling router imports its own (or the data module itself).
        module = _function_source(ctx, target) or ctx.import_of(target, ctx.router_target)
        imports = tuple(Import(module, name) for name in names.values())
    return edits, DataOps(
        "functions",
        ctx,
        prefix=prefix,
        methods=names,
        kwonly=kwonly,
        binding=binding,
        imports=imports,
    )


def _crud_is_kwonly(ctx: ResourceContext, target: Target) -> bool:
    info = ctx.index.get(target.path) or _sibling_data_module(ctx)
    if info is None:
        return False
    funcs = [s for s in info.tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return (
        sum(bool(f.args.kwonlyargs) and not f.args.args for f in funcs) * 2 > len(funcs)
        if funcs
        else False
    )


def _sibling_data_module(ctx: ResourceContext):
    path = ctx.conv.data_access.path
    if not path or ctx.sibling is None:
        return None
    for stem in (ctx.sibling.names.snake, ctx.sibling.names.plural_snake):
        info = ctx.index.get(f"{path}/{stem}.py")
        if info is not None:
            return info
    return None


def _sibling_router(ctx: ResourceContext):
    """The sibling's router module, where its endpoints are written."""
    sib = ctx.sibling
    if sib is None:
        return None
    if ctx.habits.router_module:
        info = ctx.index.get(ctx.habits.router_module)
        if info is not None:
            return info
    for e in ctx.index.endpoints():
        if e.func.name.endswith(sib.names.snake) or e.func.name.endswith(sib.names.plural_snake):
            return e.module
    return None


def _function_source(ctx: ResourceContext, target: Target) -> str | None:
    """The module the sibling router imports crud functions from by name (`from app.db.crud
    import get_users`), when that is the data module."""
    info = _sibling_router(ctx)
    for module, attr in info.imports.values() if info is not None else ():
        if attr and ctx.index.path_of(module) == target.path:
            return module
    return None


def _crud_binding(ctx: ResourceContext, target: Target):
    """How the router imports the crud module: returns (Import or None, call prefix)."""
    sib = ctx.sibling
    router_info = _sibling_router(ctx)
    if router_info is not None:
        for local, (module, attr) in router_info.imports.items():
            full = f"{module}.{attr}" if attr else module
            data_mod = ctx.index.path_of(full)
            if (
                data_mod
                and ctx.conv.data_access.path
                and data_mod.startswith(ctx.conv.data_access.path)
            ):
                if data_mod.endswith("/__init__.py") or data_mod == ctx.conv.data_access.path:
                    return Import(
                        module, attr
                    ), f"{local}."  # `from app import crud` -> crud.create_x
                new_attr = rename_text(attr or "", sib.names, ctx.names) if attr else None
                new_local = rename_text(local, sib.names, ctx.names)
                if full.endswith(target.module.rsplit(".", 1)[-1]) or attr:
                    return Import(
                        module, new_attr, new_local if new_local != new_attr else None
                    ), f"{new_local}."
    return None, ""
