"""Router registration, spelled like the sibling's include and its import."""

from __future__ import annotations

import ast

from codemods.context import ResourceContext
from codemods.edits import Edit, IncludeRouter
from codemods.errors import ConventionError
from codemods.imports import Import
from codemods.rename import rename_text
from detectors._ast import dotted
from detectors._routers import include_calls


def render_registration(ctx: ResourceContext) -> list[Edit]:
    reg = ctx.conv.router_registration
    if ctx.conv.router_layout.kind == "single_file" or not ctx.registration_path:
        return []
    info = ctx.index.get(ctx.registration_path)
    sib = ctx.sibling
    if info is None:
        return []
    if reg.style == "loop" and reg.list_name:
        stmt = info.definitions.get(reg.list_name)
        elements = (
            stmt.value.elts
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, (ast.List, ast.Tuple))
            else []
        )
        sample = next((e for e in elements if sib and _mentions(e, sib)), None)
        if sample is None:
            return _from_conventions(ctx)
        text = ast.get_source_segment(info.source, sample)
        new = ctx.rename_from_sibling(text).strip() if sib else text
        return [
            IncludeRouter(
                ctx.registration_path,
                new,
                reg.list_name,
                True,
                new,
                _renamed_import(ctx, info, sample),
                why=f"add {new} to {reg.list_name}",
            )
        ]
    calls = [c for c in include_calls(ctx.index) if c.module is info and c.loop is None]
    sample = next(
        (c for c in calls if sib and c.router_expr is not None and _mentions(c.router_expr, sib)),
        None,
    )
    if sample is None or sib is None:
        return _from_conventions(ctx)
    text = ast.get_source_segment(info.source, sample.call)
    new = ctx.rename_from_sibling(text, _shared_names(sample.call, sample.router_expr)).strip()
    router_expr = ctx.rename_from_sibling(
        ast.get_source_segment(info.source, sample.router_expr)
    ).strip()
    return [
        IncludeRouter(
            ctx.registration_path,
            new,
            sample.target,
            False,
            router_expr,
            _renamed_import(ctx, info, sample.router_expr),
            why=f"include {router_expr}",
        )
    ]


def _from_conventions(ctx: ResourceContext) -> list[Edit]:
    """No sibling include to copy: `target.include_router(module.router, ...)` from the conventions."""
    reg = ctx.conv.router_registration
    module = ctx.router_target.module
    package, _, stem = module.rpartition(".")
    if not package or not reg.target and not reg.list_name:
        raise ConventionError(f"cannot tell how to register {module} in {ctx.registration_path}")
    router_var = ctx.conv.router_layout.router_variable or "router"
    info = ctx.index.get(ctx.registration_path) if ctx.registration_path else None
    if ctx.router_target.path.endswith(("/router.py", "/routes.py")) or _imports_routers(ctx, info, router_var):
        # domain package, or a module including routers it imports (`from app.auth.views
        # import router as auth_router`): import the router, under a name of its own
        alias = f"{ctx.names.plural_snake}_{router_var}"
        imports, expr = (Import(module, router_var, alias),), alias
    elif info is not None and stem in info.imports and info.imports[stem] != (package, stem):
        # the module's name is taken there (another package's `views`): under a name of its own
        alias = f"{ctx.names.plural_snake}_{stem}"
        imports, expr = (Import(package, stem, alias),), f"{alias}.{router_var}"
    else:
        imports, expr = (Import(package, stem),), f"{stem}.{router_var}"
    if reg.style == "loop" and reg.list_name:
        return [
            IncludeRouter(
                ctx.registration_path,
                expr,
                reg.list_name,
                True,
                expr,
                imports,
                why=f"add {expr} to {reg.list_name}",
            )
        ]
    extra = (
        f', prefix="{ctx.router_prefix}", tags=["{ctx.names.plural_snake}"]'
        if reg.prefix_on == "include"
        else ""
    )
    call = f"{reg.target}.include_router({expr}{extra})"
    return [
        IncludeRouter(
            ctx.registration_path, call, reg.target, False, expr, imports, why=f"include {expr}"
        )
    ]


def _imports_routers(ctx: ResourceContext, info, router_var: str) -> bool:
    """Whether the registration module includes routers it imports by name from their modules
    (`from app.auth.views import router as auth_router`) rather than through the module."""
    if info is None:
        return False
    calls = [c for c in include_calls(ctx.index) if c.module is info and c.loop is None]
    return any(
        isinstance(c.router_expr, ast.Name) and info.imports.get(c.router_expr.id, ("", None))[1] == router_var
        for c in calls
    )


def _shared_names(call: ast.Call, router_expr: ast.expr) -> frozenset[str]:
    """Identifiers of an include call other than its router's: `Depends(get_current_active_user)`
    guards the new router too, even when the sibling is the user resource itself."""
    own = {n.id for n in ast.walk(router_expr) if isinstance(n, ast.Name)}
    return frozenset(n.id for n in ast.walk(call) if isinstance(n, ast.Name) and n.id not in own)


def _mentions(node: ast.AST, sib) -> bool:
    text = ast.unparse(node)
    return sib.names.plural_snake in text or sib.names.snake in text


def _renamed_import(ctx: ResourceContext, info, expr: ast.AST) -> tuple[Import, ...]:
    """The import binding the sibling router's head name, re-pointed at the new router module
    (which `--into` may have placed elsewhere), keeping the sibling's import shape and alias."""
    head = (dotted(expr) or "").split(".")[0]
    if head not in info.imports:
        return ()
    module, attr = info.imports[head]
    sib = ctx.sibling
    new_head = rename_text(head, sib.names, ctx.names)
    target = ctx.router_target.module
    package, _, stem = target.rpartition(".")
    if attr is None:  # `import app.routers.categories as categories`
        return (Import(target, None, new_head if new_head != target else None),)
    if ctx.index.path_of(f"{module}.{attr}"):  # `from app.routers import categories`: a module
        return (Import(package, stem, new_head if new_head != stem else None),)
    # `from x.router import router as y`; a router named after its resource (`users_router`)
    # is declared renamed in the new module, so its import is too.
    new_attr = rename_text(attr, sib.names, ctx.names)
    return (Import(target, new_attr, new_head if new_head != new_attr else None),)
