"""The data-access layer the project uses, and how endpoints call it.

functions:  get_order(db, order_id) ... in a crud module (one per resource, or one shared)
repository: class OrderRepository(session) with a provider get_order_repository() in the deps module
service:    class OrderService(session) with a provider, the same shape under another name
inline:     no layer; the endpoints query the session themselves
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from codemods.context import ResourceContext, Target
from codemods.edits import Edit, ExportName, Statements
from codemods.imports import Import
from codemods.render.code import Code
from codemods.rename import rename_text
from detectors._ast import annotation_names
from detectors._models import model_classes


@dataclass(frozen=True)
class Pagination:
    """The list operation's paging inputs, by role (cursor/offset/page/none)."""

    style: str
    names: tuple[
        str, ...
    ]  # parameter names in order: (cursor, limit) / (skip, limit) / (page, size)
    dependency_param: str | None = None  # `pagination: PageParams = Depends()`: its parameter name
    cursor_is_str: bool = False  # next_cursor is sent as a string

    def expr(self, name: str) -> str:
        return f"{self.dependency_param}.{name}" if self.dependency_param else name


def pagination_of(ctx: ResourceContext) -> Pagination:
    p = ctx.conv.pagination
    names = tuple(n for n, _ in p.params)
    if p.style == "none" or not names:
        return Pagination("none", ())
    dep_param = None
    if p.dependency:
        dep_param = _dependency_param_name(ctx, p.dependency) or "pagination"
    return Pagination(p.style, names, dep_param, _next_cursor_is_str(ctx))


def _dependency_param_name(ctx: ResourceContext, dependency: str) -> str | None:
    for e in ctx.index.endpoints():
        for arg in e.func.args.args + e.func.args.kwonlyargs:
            if arg.annotation is not None and dependency in set(annotation_names(arg.annotation)):
                return arg.arg
    return None


def _next_cursor_is_str(ctx: ResourceContext) -> bool:
    for info in ctx.index.relevant:
        for node in info.nodes(ast.AnnAssign):
            if isinstance(node.target, ast.Name) and node.target.id in (
                "next_cursor",
                "cursor",
                "next",
            ):
                return "str" in set(annotation_names(node.annotation))
    return False


def _class_pattern(ctx: ResourceContext, example: str | None, default: str) -> str:
    """`UserRepository` -> `{name}Repository`, from the detected example and the model names."""
    if example:
        for m in sorted((m.name for m in model_classes(ctx.index)), key=len, reverse=True):
            if m in example:
                return example.replace(m, "{name}")
    return default


def _provider_pattern(ctx: ResourceContext, example: str | None, kind: str) -> str:
    if example:
        for m in sorted((m.name for m in model_classes(ctx.index)), key=len, reverse=True):
            s = re.sub(r"(?<!^)(?=[A-Z])", "_", m).lower()
            if s in example:
                return example.replace(s, "{snake}")
    return f"get_{{snake}}_{kind}"


@dataclass(frozen=True)
class DataOps:
    """How endpoint bodies call the data layer: one expression per operation (await added by the caller)."""

    kind: str
    ctx: ResourceContext
    prefix: str  # "" for direct function names, "order_crud." / "repo." for module or object calls
    methods: dict
    kwonly: bool
    binding: Import | None = None  # how the router imports the crud module (functions kind)
    object_class: str | None = None  # repository/service: OrderRepository
    provider: str | None = None  # repository/service: get_order_repository
    param: str | None = None  # repository/service: the endpoint parameter (repo, service)

    def _call(self, op: str, *args: str, **kwargs: str) -> str:
        session = self.ctx.conv.session.param or "db"
        parts: list[str] = []
        if self.kind == "functions":
            parts.append(f"{session}={session}" if self.kwonly else session)
        parts += list(args)
        parts += [f"{k}={v}" for k, v in kwargs.items()]
        return f"{self.prefix}{self.methods[op]}({', '.join(parts)})"

    filters_owner = True  # get() answers None for rows of other owners
    returns_totals = True  # list() answers (rows, total or next cursor)

    def get(self, id_expr: str, owner: str | None) -> str:
        if self.kwonly:
            kw = {self.ctx.id_param if self.ctx.id_param != "id" else "id": id_expr}
            if owner:
                kw[self.ctx.owner_field] = owner
            return self._call("get", **kw)
        return self._call("get", id_expr, *([owner] if owner else []))

    def list(self, pag: Pagination, owner: str | None) -> str:
        kw = {n: pag.expr(n) for n in pag.names}
        if owner:
            kw = {self.ctx.owner_field: owner, **kw}
        return self._call("list", **kw)

    def create(self, payload: str, owner: str | None) -> str:
        if self.kwonly:
            kw = {self.ctx.body_param: payload}
            if owner:
                kw[self.ctx.owner_field] = owner
            return self._call("create", **kw)
        return self._call("create", payload, **({self.ctx.owner_field: owner} if owner else {}))

    def update(self, obj: str, payload: str) -> str:
        if self.kwonly:
            return self._call(
                "update", **{f"db_{self.ctx.names.snake}": obj, self.ctx.body_param: payload}
            )
        return self._call("update", obj, payload)

    def delete(self, obj: str) -> str:
        if self.kwonly:
            return self._call("delete", **{f"db_{self.ctx.names.snake}": obj})
        return self._call("delete", obj)


@dataclass(frozen=True)
class GenericOps(DataOps):
    """Calls on a generic CRUD object (`crud.order.get(db=db, id=id)`), keyword for keyword as its
    base class names its parameters."""

    params: dict | None = None  # method name -> parameter names after self

    filters_owner = False  # the base get() knows nothing of owners: the endpoint checks
    returns_totals = False  # get_multi() answers the rows only

    def _kw(self, op: str, values: list[str], **named: str) -> str:
        names = (self.params or {}).get(self.methods[op], [])
        session = self.ctx.conv.session.param or "db"
        parts = [f"{names[0]}={session}"] if names else [session]
        positional = [n for n in names[1:] if n not in named]
        parts += [f"{n}={v}" for n, v in zip(positional, values)]
        parts += [f"{k}={v}" for k, v in named.items()]
        return f"{self.prefix}{self.methods[op]}({', '.join(parts)})"

    def get(self, id_expr: str, owner: str | None) -> str:
        return self._kw("get", [id_expr])

    def list(self, pag: Pagination, owner: str | None) -> str:
        named = {n: pag.expr(n) for n in pag.names}
        if owner:
            named = {self.ctx.owner_field: owner, **named}
        return self._kw("list", [], **named)

    def create(self, payload: str, owner: str | None) -> str:
        return self._kw("create", [payload], **({self.ctx.owner_field: owner} if owner else {}))

    def update(self, obj: str, payload: str) -> str:
        return self._kw("update", [obj, payload])

    def delete(self, obj: str) -> str:
        return self._kw("delete", [f"{obj}.id"])


class QueryWriter:
    """Shared body text for crud functions and repository/service methods."""

    def __init__(self, ctx: ResourceContext, code: Code, receiver: str):
        self.ctx, self.code, self.db = ctx, code, receiver
        self.aw = "await " if ctx.is_async else ""
        self.sqlmodel = ctx.conv.orm.kind == "sqlmodel"
        self.select = code.use("sqlmodel" if self.sqlmodel else "sqlalchemy", "select")
        self.model = code.use_model(
            ctx.model
        )  # `Order`, or `models.Order` where the project qualifies

    def rows(self, stmt: str) -> str:
        if self.sqlmodel and not self.ctx.is_async:
            return f"list({self.db}.exec({stmt}).all())"
        return f"list({self.aw}{self.db}.scalars({stmt}))"

    def scalar(self, stmt: str) -> str:
        if self.sqlmodel and not self.ctx.is_async:
            return f"{self.db}.exec({stmt}).one()"
        return f"{self.aw}{self.db}.scalar({stmt})"

    def dump(self, obj: str, partial: bool) -> str:
        method = "model_dump" if self.ctx.conv.schemas.pydantic_version != 1 else "dict"
        return f"{obj}.{method}({'exclude_unset=True' if partial else ''})"

    def commit_refresh(self, obj: str, guarded: bool) -> list[str]:
        lines = []
        if guarded:
            integrity = self.code.use("sqlalchemy.exc", "IntegrityError")
            lines += [
                "try:",
                f"    {self.aw}{self.db}.commit()",
                f"except {integrity}:",
                f"    {self.aw}{self.db}.rollback()",
                "    raise",
            ]
        else:
            lines.append(f"{self.aw}{self.db}.commit()")
        lines.append(f"{self.aw}{self.db}.refresh({obj})")
        return lines

    def list_body(
        self, pag: Pagination, owner_filter: str | None
    ) -> tuple[list[str], tuple[str, ...], str]:
        """(lines binding the page, the names bound, the annotation of returning them)."""
        model, var = self.model, self.ctx.names.plural_snake
        where = f".where({owner_filter})" if owner_filter else ""
        rows_t = self.code.list_of(model)
        ordered = f"{self.select}({model}){where}.order_by({model}.id)"
        if pag.style == "cursor":
            cursor, limit = pag.names[0], pag.names[-1]
            last = f"str({var}[{limit} - 1].id)" if pag.cursor_is_str else f"{var}[{limit} - 1].id"
            cursor_t = self.code.optional("str" if pag.cursor_is_str else self.code.pk_type())
            return (
                [
                    f"stmt = {ordered}",
                    f"if {cursor} is not None:",
                    f"    stmt = stmt.where({model}.id > {cursor})",
                    f"{var} = {self.rows(f'stmt.limit({limit} + 1)')}",
                    f"next_cursor = {last} if len({var}) > {limit} else None",
                    f"{var} = {var}[:{limit}]",
                ],
                (var, "next_cursor"),
                self.code.tuple_of(rows_t, cursor_t),
            )
        if pag.style == "none":
            return [f"{var} = {self.rows(ordered)}"], (var,), rows_t
        func = self.code.use("sqlmodel" if self.sqlmodel else "sqlalchemy", "func")
        count = f"{self.select}({func}.count()).select_from({model}){where}"
        if pag.style == "offset":
            window = f".offset({pag.names[0]}).limit({pag.names[-1]})"
        else:
            page, size = pag.names[0], pag.names[-1]
            window = f".offset(({page} - 1) * {size}).limit({size})"
        return (
            [
                f"total = {self.scalar(count)} or 0",
                f"{var} = {self.rows(ordered + window)}",
            ],
            (var, "total"),
            self.code.tuple_of(rows_t, "int"),
        )

    def create_body(self, payload: str, owner: str | None) -> list[str]:
        obj = self.ctx.object_var
        if self.sqlmodel:
            update = f', update={{"{self.ctx.owner_field}": {owner}}}' if owner else ""
            build = f"{obj} = {self.model}.model_validate({payload}{update})"
        else:
            extra = f", {self.ctx.owner_field}={owner}" if owner else ""
            build = f"{obj} = {self.model}(**{self.dump(payload, False)}{extra})"
        return [
            build,
            f"{self.db}.add({obj})",
            *self.commit_refresh(obj, self.guarded),
            f"return {obj}",
        ]

    def update_body(self, obj: str, payload: str) -> list[str]:
        return [
            f"for field, value in {self.dump(payload, True)}.items():",
            f"    setattr({obj}, field, value)",
            f"{self.db}.add({obj})",
            *self.commit_refresh(obj, self.guarded),
            f"return {obj}",
        ]

    def delete_body(self, obj: str) -> list[str]:
        return [f"{self.aw}{self.db}.delete({obj})", f"{self.aw}{self.db}.commit()"]

    @property
    def guarded(self) -> bool:
        return any(f.unique for f in self.ctx.spec.fields)


def _block(lines: list[str], indent: str = "    ") -> str:
    return "\n".join(indent + line for line in lines)


def _session_annotation(ctx: ResourceContext, code: Code) -> str:
    session_type = ctx.conv.session.session_type or ("AsyncSession" if ctx.is_async else "Session")
    return use_known(ctx, code, session_type)


def use_known(
    ctx: ResourceContext, code: Code, name: str, fallback_module: str | None = None
) -> str:
    """Import `name` the way the project already imports it (sibling modules first)."""
    from collections import Counter

    qualified = ctx.qualified_binding(code.target, name)
    if qualified is not None:
        code.use(qualified.module, qualified.name, qualified.alias)
        return f"{qualified.bound}.{name}"

    seen: Counter[tuple[str, str]] = Counter()
    for info in ctx.index.relevant:
        if name in info.imports and not info.is_test:
            module, attr = info.imports[name]
            if attr == name:
                seen[(module, attr)] += 1
    if seen:
        module, attr = seen.most_common(1)[0][0]
        if module.startswith(".") or module == code.target.module:
            return name
        return code.use(module, attr)
    defaults = {"AsyncSession": "sqlalchemy.ext.asyncio", "Session": "sqlalchemy.orm"}
    module = fallback_module or defaults.get(name)
    if module is None:
        for info in ctx.index.relevant:
            if name in info.definitions:
                module = info.name
                break
    if module is None or module == code.target.module:
        return name
    return code.use(module, name)


def _owned_owner_type(code: Code) -> str:
    return code.pk_type()


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
    session_t = _session_annotation(ctx, code)
    adef = "async def" if ctx.is_async else "def"
    s, p = ctx.names.snake, ctx.names.plural_snake
    owner = ctx.owner_field if ctx.owned else None
    owner_t = _owned_owner_type(code)
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
    pag_args = "".join(f", {n}: {_pag_type(ctx, code, pag, n)}" for n in pag.names)
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
    fetch = f"{'await ' if ctx.is_async else ''}{session}.get({model}, {id_name})"
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
        f"{adef} {names['get']}({star}{session}: {session_t}, {id_name}: {code.pk_type()}{owner_arg}) -> {code.optional(model)}:\n{_block(get_lines)}\n",
        f"{adef} {names['list']}({list_sig}) -> {list_ret}:\n{_block(list_lines)}\n",
        f"{adef} {names['create']}({star}{session}: {session_t}, {payload}: {create_t}{owner_arg}) -> {model}:\n{_block(layer.create_body(payload, owner))}\n",
        f"{adef} {names['update']}({star}{session}: {session_t}, {obj}: {model}, {payload}: {update_t}) -> {model}:\n{_block(layer.update_body(obj, payload))}\n",
        f"{adef} {names['delete']}({star}{session}: {session_t}, {obj}: {model}) -> None:\n{_block(layer.delete_body(obj))}\n",
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
    return edits, DataOps(
        "functions", ctx, prefix=prefix, methods=names, kwonly=kwonly, binding=binding
    )


def _pag_type(ctx: ResourceContext, code: Code, pag: Pagination, name: str) -> str:
    if pag.style == "cursor" and name == pag.names[0]:
        return code.optional(code.pk_type())
    return "int"


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


def _crud_binding(ctx: ResourceContext, target: Target):
    """How the router imports the crud module: returns (Import or None, call prefix)."""
    sib = ctx.sibling
    router_info = None
    if sib is not None:
        for e in ctx.index.endpoints():
            if e.func.name.endswith(sib.names.snake) or e.func.name.endswith(
                sib.names.plural_snake
            ):
                router_info = e.module
                break
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


def render_class_layer(
    ctx: ResourceContext, pag: Pagination, kind: str
) -> tuple[list[Edit], DataOps]:
    """A repository or service class holding the session, plus its provider dependency."""
    target = ctx.data_target
    code = Code(ctx, target)
    layer = QueryWriter(ctx, code, "self.session")
    conv = ctx.conv.session
    cls = _class_pattern(ctx, conv.object_class, "{name}" + kind.capitalize()).format(
        name=ctx.model
    )
    model = code.use_model(ctx.model)
    create_t = code.use_project(ctx.schema_target, ctx.create_schema)
    update_t = code.use_project(ctx.schema_target, ctx.update_schema)
    session_t = _session_annotation(ctx, code)
    adef = "async def" if ctx.is_async else "def"
    s = ctx.names.snake
    owner = ctx.owner_field if ctx.owned else None
    owner_t = code.pk_type()
    methods = _method_names(ctx, kind)
    owner_arg = f", {owner}: {owner_t}" if owner else ""
    get_stmt = f"{layer.select}({model}).where({model}.id == id{', ' + model + '.' + owner + ' == ' + owner if owner else ''})"
    get_lines = (
        [f"return {layer.aw}self.session.scalar({get_stmt})"]
        if not layer.sqlmodel or ctx.is_async
        else [f"return self.session.exec({get_stmt}).first()"]
    )
    list_lines, bound, list_ret = layer.list_body(
        pag, f"{model}.{owner} == {owner}" if owner else None
    )
    list_lines.append(f"return {', '.join(bound)}")
    pag_args = "".join(f", {n}: {_pag_type(ctx, code, pag, n)}" for n in pag.names)
    star = ", *" if pag.names else ""
    body = [
        f"def __init__(self, session: {session_t}) -> None:\n        self.session = session\n",
        f"{adef} {methods['get']}(self, id: {code.pk_type()}{owner_arg}) -> {code.optional(model)}:\n{_block(get_lines, '        ')}\n",
        f"{adef} {methods['list']}(self{owner_arg}{star}{pag_args}) -> {list_ret}:\n{_block(list_lines, '        ')}\n",
        f"{adef} {methods['create']}(self, data: {create_t}{owner_arg}) -> {model}:\n{_block(layer.create_body('data', owner), '        ')}\n",
        f"{adef} {methods['update']}(self, {s}: {model}, data: {update_t}) -> {model}:\n{_block(layer.update_body(s, 'data'), '        ')}\n",
        f"{adef} {methods['delete']}(self, {s}: {model}) -> None:\n{_block(layer.delete_body(s), '        ')}\n",
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
    cls_name = _class_pattern(ctx, ctx.conv.session.object_class, "").format(name=sib.model)
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
    name = _provider_pattern(ctx, conv.provider, kind).format(snake=ctx.names.snake)
    target = ctx.provider_target
    if target is None:
        return [], name
    code = Code(ctx, target)
    sib_text = None
    sib = ctx.sibling
    if sib is not None and conv.provider_module:
        sib_name = _provider_pattern(ctx, conv.provider, kind).format(snake=sib.names.snake)
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
        session_t = _session_annotation(ctx, code)
        dep = use_known(ctx, code, conv.dependency or "get_db", ctx.conv.session.dependency_module)
        depends = code.use("fastapi", "Depends")
        sib_text = f"def {name}({conv.param or 'session'}: {session_t} = {depends}({dep})) -> {cls}:\n    return {cls}({conv.param or 'session'})\n"
    if via_registry:
        code.use(via_registry[: -len("/__init__.py")].replace("/", "."), cls)
    else:
        code.use_project(cls_target, cls)
    return [Statements(target.path, sib_text, tuple(code.imports), why=f"provider {name}")], name


def render_data_access(ctx: ResourceContext, pag: Pagination) -> tuple[list[Edit], DataOps]:
    kind = ctx.conv.data_access.kind
    if kind == "functions" and ctx.data_target is not None:
        return render_functions(ctx, pag)
    if kind in ("repository", "service") and ctx.data_target is not None:
        return render_class_layer(ctx, pag, kind)
    if kind == "generic_crud_class" and ctx.data_target is not None:
        return render_generic_class(ctx, pag)
    return [], DataOps("inline", ctx, prefix="", methods={}, kwonly=False)


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
    class_body = "\n\n".join(textwrap_indent(b) for b in body) if body else "    pass"
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


def textwrap_indent(code: str) -> str:
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
