"""A repository or service class holding the session, and its provider dependency."""

from __future__ import annotations

import ast
import re

from codemods.context import ResourceContext, Target
from codemods.edits import Edit, ExportName, Statements
from codemods.imports import Import
from codemods.render.code import Code, use_known
from codemods.render.data_ops import DataOps
from codemods.render.pagination import Pagination
from codemods.render.queries import QueryWriter, indent_lines, page_param_type, session_annotation
from detectors._models import model_classes


def class_pattern(ctx: ResourceContext, example: str | None, default: str) -> str:
    """`UserRepository` -> `{name}Repository`, from the detected example and the model names."""
    if example:
        for m in sorted((m.name for m in model_classes(ctx.index)), key=len, reverse=True):
            if m in example:
                return example.replace(m, "{name}")
    return default


def provider_pattern(ctx: ResourceContext, example: str | None, kind: str) -> str:
    if example:
        for m in sorted((m.name for m in model_classes(ctx.index)), key=len, reverse=True):
            s = re.sub(r"(?<!^)(?=[A-Z])", "_", m).lower()
            if s in example:
                return example.replace(s, "{snake}")
    return f"get_{{snake}}_{kind}"


def render_class_layer(
    ctx: ResourceContext, pag: Pagination, kind: str
) -> tuple[list[Edit], DataOps]:
    """A repository or service class holding the session, plus its provider dependency."""
    target = ctx.data_target
    code = Code(ctx, target)
    layer = QueryWriter(ctx, code, "self.session")
    conv = ctx.conv.session
    cls = class_pattern(ctx, conv.object_class, "{name}" + kind.capitalize()).format(name=ctx.model)
    model = code.use_model(ctx.model)
    create_t = code.use_project(ctx.schema_target, ctx.create_schema)
    update_t = code.use_project(ctx.schema_target, ctx.update_schema)
    session_t = session_annotation(ctx, code)
    adef = "async def" if ctx.is_async else "def"
    s = ctx.names.snake
    owner = ctx.owner_field if ctx.owned else None
    owner_t = code.pk_type()
    methods = _method_names(ctx, kind)
    owner_arg = f", {owner}: {owner_t}" if owner else ""
    get_where = f"{model}.id == id" + (f", {model}.{owner} == {owner}" if owner else "")
    get_lines = [f"return {layer.first(get_where)}"]
    list_lines, bound, list_ret = layer.list_body(
        pag, f"{model}.{owner} == {owner}" if owner else None
    )
    list_lines.append(f"return {', '.join(bound)}")
    pag_args = "".join(f", {n}: {page_param_type(ctx, code, pag, n)}" for n in pag.names)
    star = ", *" if pag.names else ""
    body = [
        f"def __init__(self, session: {session_t}) -> None:\n        self.session = session\n",
        f"{adef} {methods['get']}(self, id: {code.pk_type()}{owner_arg}) -> {code.optional(model)}:\n{indent_lines(get_lines, '        ')}\n",
        f"{adef} {methods['list']}(self{owner_arg}{star}{pag_args}) -> {list_ret}:\n{indent_lines(list_lines, '        ')}\n",
        f"{adef} {methods['create']}(self, data: {create_t}{owner_arg}) -> {model}:\n{indent_lines(layer.create_body('data', owner), '        ')}\n",
        f"{adef} {methods['update']}(self, {s}: {model}, data: {update_t}) -> {model}:\n{indent_lines(layer.update_body(s, 'data'), '        ')}\n",
        f"{adef} {methods['delete']}(self, {s}: {model}) -> None:\n{indent_lines(layer.delete_body(s), '        ')}\n",
    ]
    class_text = f"class {cls}:\n" + "\n".join("    " + b for b in body)
    edits: list[Edit] = [
        Statements(target.path, class_text, tuple(code.imports), why=f"{kind} class {cls}")
    ]
    registry = f"{target.path.rsplit('/', 1)[0]}/__init__.py" if "/" in target.path else None
    registry_info = ctx.index.get(registry) if registry else None
    if registry_info is not None and any(
        n.endswith(kind.capitalize()) or n.endswith("Repository") for n in registry_info.imports
    ):
        edits.append(
            ExportName(
                registry,
                cls,
                (Import(ctx.export_source(registry, target), cls),),
                why=f"export {cls}",
            )
        )
    provider_edits, provider = _provider(
        ctx, kind, cls, target, registry_info is not None and registry
    )
    edits += provider_edits
    param = conv.object_param or kind
    return edits, DataOps(
        kind,
        ctx,
        prefix=f"{param}.",
        methods=methods,
        kwonly=False,
        object_class=cls,
        provider=provider,
        param=param,
    )


def _method_names(ctx: ResourceContext, kind: str) -> dict[str, str]:
    """Method names of the sibling's class by role (get/list/create/update/delete), else plain verbs."""
    names = {
        "get": "get",
        "list": "list",
        "create": "create",
        "update": "update",
        "delete": "delete",
    }
    sib = ctx.sibling
    if sib is None:
        return names
    cls_name = class_pattern(ctx, ctx.conv.session.object_class, "").format(name=sib.model)
    for info in ctx.index.relevant:
        node = info.definitions.get(cls_name)
        if isinstance(node, ast.ClassDef):
            found = [
                s.name
                for s in node.body
                if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
                and not s.name.startswith("_")
            ]
            for role, starts in (
                ("get", ("get",)),
                ("list", ("list",)),
                ("create", ("create", "add")),
                ("update", ("update",)),
                ("delete", ("delete", "remove")),
            ):
                match = next((n for n in found if n.startswith(starts) and "by" not in n), None)
                if match:
                    names[role] = match
            break
    return names


def _provider(
    ctx: ResourceContext, kind: str, cls: str, cls_target: Target, via_registry
) -> tuple[list[Edit], str]:
    """`def get_order_repository(session = Depends(get_session)) -> OrderRepository`, cloned from the sibling's."""
    conv = ctx.conv.session
    name = provider_pattern(ctx, conv.provider, kind).format(snake=ctx.names.snake)
    target = ctx.provider_target
    if target is None:
        return [], name
    code = Code(ctx, target)
    sib_text = None
    sib = ctx.sibling
    if sib is not None and conv.provider_module:
        sib_name = provider_pattern(ctx, conv.provider, kind).format(snake=sib.names.snake)
        for info in ctx.index.relevant:
            node = info.definitions.get(sib_name)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                sib_text = ctx.rename_from_sibling(ast.get_source_segment(info.source, node))
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Name) and sub.id in info.imports:
                        module, attr = info.imports[sub.id]
                        if attr and sib.model in attr:
                            continue
                        code.use(module, attr)
                break
    if sib_text is None:
        session_t = session_annotation(ctx, code)
        dep = use_known(ctx, code, conv.dependency or "get_db", ctx.conv.session.dependency_module)
        depends = code.use("fastapi", "Depends")
        sib_text = f"def {name}({conv.param or 'session'}: {session_t} = {depends}({dep})) -> {cls}:\n    return {cls}({conv.param or 'session'})\n"
    if via_registry:
        code.use(via_registry[: -len("/__init__.py")].replace("/", "."), cls)
    else:
        code.use_project(cls_target, cls)
    return [Statements(target.path, sib_text, tuple(code.imports), why=f"provider {name}")], name
