"""The router: list, get, create, partial update and delete, in the project's own dependencies,
status codes, response shapes and pagination."""

from __future__ import annotations

import ast

from codemods.context import ResourceContext
from codemods.edits import Edit, Statements
from codemods.render.code import Code, use_known
from codemods.render.data_ops import DataOps
from codemods.render.pagination import Pagination
from codemods.render.queries import QueryWriter
from detectors._routers import router_defs


class _Endpoint:
    """Collects one endpoint's parameters, keeping those without defaults first."""

    def __init__(self) -> None:
        self.required: list[str] = []
        self.defaulted: list[str] = []

    def add(self, param: str) -> None:
        (self.defaulted if "=" in param else self.required).append(param)

    def signature(self) -> str:
        return ", ".join(self.required + self.defaulted)


class RouterWriter:
    def __init__(self, ctx: ResourceContext, pag: Pagination, ops: DataOps):
        self.ctx, self.pag, self.ops = ctx, pag, ops
        self.code = Code(ctx, ctx.router_target)
        self.aw = "await " if ctx.is_async else ""
        self.adef = "async def" if ctx.is_async else "def"
        single = ctx.conv.router_layout.kind == "single_file"
        self.router = (
            (ctx.conv.app.variable or "app")
            if single
            else (ctx.conv.router_layout.router_variable or "router")
        )
        slash = "/" if ctx.conv.router_registration.trailing_slash else ""
        # With the prefix on the router or its include, the collection route is "" (or "/").
        base = ctx.router_prefix if single or ctx.conv.router_registration.prefix_on is None else ""
        self.collection = base + slash
        self.item = f"{base}/{{{ctx.id_param}}}"
        self.inline = (
            QueryWriter(ctx, self.code, ctx.conv.session.param or "db")
            if ops.kind == "inline"
            else None
        )
        self.user = ctx.conv.auth.param if ctx.conv.auth.applied == "endpoint" else None

    # -- parameters ---------------------------------------------------------------------

    def depends(self, target: str) -> str:
        return f"{self.code.use('fastapi', 'Depends')}({target})"

    def data_param(self) -> str:
        session = self.ctx.conv.session
        if self.ops.object_class and self.ops.provider:
            target = self.ctx.provider_target
            cls_name = self._use_class(self.ops.object_class)
            provider = self.ops.provider
            prov = (
                self.code.use(self.ctx.import_of(target, self.ctx.router_target), provider)
                if target
                else provider
            )
            return f"{self.ops.param}: {cls_name} = {self.depends(prov)}"
        if session.pattern == "annotated_alias" and session.alias:
            return f"{session.param}: {use_known(self.ctx, self.code, session.alias, session.alias_module)}"
        session_t = (
            use_known(self.ctx, self.code, session.session_type or "Session")
            if session.typed
            else None
        )
        dep = use_known(
            self.ctx, self.code, session.dependency or "get_db", session.dependency_module
        )
        return self.dependency_param(session.param or "db", session_t, dep, session.annotated)

    def dependency_param(self, name: str, type_text: str | None, dep: str, annotated: bool) -> str:
        """`name: T = Depends(dep)`, or `name: Annotated[T, Depends(dep)]` where the project writes that."""
        if annotated and type_text:
            return (
                f"{name}: {self.code.use('typing', 'Annotated')}[{type_text}, {self.depends(dep)}]"
            )
        return f"{name}{': ' + type_text if type_text else ''} = {self.depends(dep)}"

    def _use_class(self, cls: str) -> str:
        target = self.ctx.data_target
        registry = f"{target.path.rsplit('/', 1)[0]}/__init__.py" if "/" in target.path else None
        info = self.ctx.index.get(registry) if registry else None
        if info is not None and any(n.endswith(("Repository", "Service")) for n in info.imports):
            return self.code.use(registry[: -len("/__init__.py")].replace("/", "."), cls)
        return self.code.use_project(target, cls)

    def auth_param(self) -> str | None:
        auth = self.ctx.conv.auth
        if auth.applied != "endpoint" or not auth.param:
            return None
        if auth.alias:
            return f"{auth.param}: {use_known(self.ctx, self.code, auth.alias, auth.alias_module)}"
        user_t = (
            use_known(self.ctx, self.code, auth.user_model)
            if auth.user_model and auth.typed
            else None
        )
        dep = use_known(self.ctx, self.code, auth.dependency, auth.dependency_module)
        return self.dependency_param(auth.param, user_t, dep, auth.annotated)

    def pagination_params(self) -> list[str]:
        p = self.ctx.conv.pagination
        if self.pag.style == "none":
            return []
        if self.pag.dependency_param:
            dep = use_known(self.ctx, self.code, p.dependency, p.dependency_module)
            return [f"{self.pag.dependency_param}: {dep} = {self.code.use('fastapi', 'Depends')}()"]
        out = []
        defaults = dict(p.params)
        for i, name in enumerate(self.pag.names):
            default = defaults.get(name) or "None"
            if self.pag.style == "cursor" and i == 0:
                out.append(f"{name}: {self.code.optional(self.code.pk_type())} = None")
            elif name == self.pag.names[-1]:
                bound = p.max_limit or max(100, int(default) if default.isdigit() else 100)
                query = self.code.use("fastapi", "Query")
                out.append(f"{name}: int = {query}({default}, ge=1, le={bound})")
            else:
                query = self.code.use("fastapi", "Query")
                out.append(
                    f"{name}: int = {query}({default}, ge={1 if self.pag.style == 'page' else 0})"
                )
        return out

    # -- responses ----------------------------------------------------------------------

    @property
    def envelope(self) -> bool:
        return self.ctx.conv.response.wrapper == "envelope"

    def read_t(self) -> str:
        return self.code.use_project(self.ctx.schema_target, self.ctx.read_schema)

    def model_t(self) -> str:
        return self.code.use_model(self.ctx.model)

    def item_response(self) -> tuple[str, str]:
        """(response_model, return annotation)."""
        read = self.read_t()
        if self.envelope:
            env = use_known(
                self.ctx,
                self.code,
                self.ctx.conv.response.model,
                self.ctx.conv.response.model_module,
            )
            return f"{env}[{read}]", f" -> {env}[{read}]"
        return read, self.returns(self.model_t)

    def validate(self, expr: str) -> str:
        """`Read.model_validate(row)`, or pydantic v1's `Read.from_orm(row)`."""
        method = "from_orm" if self.ctx.conv.schemas.pydantic_version == 1 else "model_validate"
        return f"{self.read_t()}.{method}({expr})"

    def wrap_item(self, expr: str) -> str:
        if self.envelope:
            return f"{self.ctx.conv.response.model}(data={self.validate(expr)})"
        return expr

    def list_response(self) -> tuple[str, str]:
        read = self.read_t()
        shape = self.ctx.conv.response.list_shape
        if self.envelope:
            env = use_known(
                self.ctx,
                self.code,
                self.ctx.conv.response.model,
                self.ctx.conv.response.model_module,
            )
            return f"{env}[{self.code.list_of(read)}]", f" -> {env}[{self.code.list_of(read)}]"
        if shape == "object" and self.ctx.list_schema:
            lst = self.code.use_project(self.ctx.schema_target, self.ctx.list_schema)
            return lst, self.returns(lambda: lst)
        return self.code.list_of(read), self.returns(lambda: self.code.list_of(self.model_t()))

    def returns(self, model_annotation) -> str:
        """The return annotation as siblings write it: the model, `Any`, or none."""
        habit = self.ctx.habits.returns
        if habit == "model":
            return f" -> {model_annotation()}"
        return f" -> {self.code.use('typing', 'Any')}" if habit == "any" else ""

    def build_list(self, items: str, extra: str | None) -> str:
        shape = self.ctx.conv.response.list_shape
        if self.envelope:
            env = self.ctx.conv.response.model
            data = f"[{self.validate('item')} for item in {items}]"
            meta = self._meta(extra)
            return f"{env}(data={data}{', meta=' + meta if meta else ''})"
        if shape == "object" and self.ctx.list_schema:
            keys = self.ctx.conv.response.list_keys or ("data",)
            args = []
            for key in keys:
                if key == keys[0]:
                    args.append(f"{key}={items}")
                elif key in ("next_cursor", "cursor", "next") and extra:
                    args.append(f"{key}={extra}")
                elif key == "has_more" and extra:
                    args.append(f"{key}={extra} is not None")
                elif key in ("count", "total") and extra:
                    args.append(f"{key}={extra}")
                elif key in self.pag.names:
                    args.append(f"{key}={self.pag.expr(key)}")
            return f"{self.ctx.list_schema}({', '.join(args)})"
        return items

    def _meta(self, total: str | None) -> str | None:
        meta = self.ctx.conv.response.meta_model
        if not meta or total is None:
            return None
        fields = _class_fields(self.ctx, meta)
        roles = dict(zip(("page", "size"), self.pag.names)) if self.pag.style == "page" else {}
        args = []
        for f in fields:
            if f in ("total", "count"):
                args.append(f"{f}={total}")
            elif f in roles or f in self.pag.names:
                args.append(f"{f}={self.pag.expr(roles.get(f, f))}")
        meta_t = use_known(self.ctx, self.code, meta, self.ctx.conv.response.model_module)
        return f"{meta_t}({', '.join(args)})"

    # -- endpoints ----------------------------------------------------------------------

    def http_error(self, code: int, name: str, detail: str) -> str:
        exc = self.code.use("fastapi", "HTTPException")
        return f'raise {exc}(status_code={self.code.status(code, name)}, detail="{detail}")'

    def owner(self) -> str | None:
        return f"{self.user}.id" if self.ctx.owned and self.user else None

    def fetch(self, var: str) -> list[str]:
        """Load the row by id or answer 404 (rows of other owners are not found either)."""
        ctx = self.ctx
        if self.inline is not None:
            lines = [f"{var} = {self.inline.get(ctx.id_param)}"]
            cond = f"{var} is None" + (
                f" or {var}.{ctx.owner_field} != {self.owner()}" if self.owner() else ""
            )
        else:
            lines = [f"{var} = {self.aw}{self.ops.get(ctx.id_param, self.owner())}"]
            cond = f"{var} is None"
            if self.owner() and not self.ops.filters_owner:
                cond += f" or {var}.{ctx.owner_field} != {self.owner()}"
        return lines + [f"if {cond}:", f"    {self.http_error(404, 'NOT_FOUND', ctx.not_found)}"]

    def guarded(self, lines: list[str]) -> list[str]:
        """Wrap a write in a 409 on unique-constraint conflicts, when the resource has unique fields."""
        if not any(f.unique for f in self.ctx.spec.fields):
            return lines
        integrity = self.code.use("sqlalchemy.exc", "IntegrityError")
        detail = f"{self.ctx.names.title} already exists"
        return [
            "try:",
            *("    " + line for line in lines),
            f"except {integrity} as exc:",
            f"    {self.http_error(409, 'CONFLICT', detail)} from exc",
        ]

    def route(
        self, method: str, path: str, model: str | None, returns: str, extra: str = ""
    ) -> tuple[str, str]:
        """(decorator call, return annotation): the response model on the decorator, or as the
        return annotation where the project declares responses that way."""
        if model and self.ctx.habits.response_model == "annotation":
            return f'{method}("{path}"{extra})', f" -> {model}"
        shown = f", response_model={model}" if model else ""
        return f'{method}("{path}"{shown}{extra})', returns

    def endpoint(
        self, op: str, decorator: str, params: list[str], returns: str, body: list[str]
    ) -> str:
        sig = _Endpoint()
        for p in params:
            if p:
                sig.add(p)
        doc = []
        if self.ctx.habits.docstrings:
            doc = [
                f'"""{_DOCS[op].format(title=self.ctx.names.title.lower(), plural=self.ctx.names.plural_snake.replace("_", " "))}"""'
            ]
        lines = "\n".join("    " + line for line in doc + body)
        return f"@{self.router}.{decorator}\n{self.adef} {self.ctx.endpoint_name(op)}({sig.signature()}){returns}:\n{lines}\n"

    def render(self) -> str:
        ctx, code = self.ctx, self.code
        data, auth = self.data_param(), self.auth_param()
        id_param = f"{ctx.id_param}: {code.pk_type()}"
        create_t = code.use_project(ctx.schema_target, ctx.create_schema)
        update_t = code.use_project(ctx.schema_target, ctx.update_schema)
        item_model, item_ret = self.item_response()
        list_model, list_ret = self.list_response()
        obj, items = ctx.object_var, ctx.names.plural_snake
        out = []

        # list
        extra = (
            "total"
            if self.pag.style in ("offset", "page")
            else "next_cursor"
            if self.pag.style == "cursor"
            else None
        )
        if not self.ops.returns_totals:
            extra = None
        if self.inline is not None:
            owner_filter = (
                f"{self.model_t()}.{ctx.owner_field} == {self.owner()}" if self.owner() else None
            )
            body, _, _ = self.inline.list_body(self.pag, owner_filter)
        else:
            target = f"{items}, {extra}" if extra else items
            body = [f"{target} = {self.aw}{self.ops.list(self.pag, self.owner())}"]
        body.append(f"return {self.build_list(items, extra)}")
        deco, ret = self.route("get", self.collection, list_model, list_ret)
        out.append(self.endpoint("list", deco, [*self.pagination_params(), data, auth], ret, body))

        # get
        body = self.fetch(obj) + [f"return {self.wrap_item(obj)}"]
        deco, ret = self.route("get", self.item, item_model, item_ret)
        out.append(self.endpoint("get", deco, [id_param, data, auth], ret, body))

        # create
        payload = ctx.body_param
        if self.inline is not None:
            write = self.inline.create_body(payload, self.owner())
            write = [
                line.replace("return ", f"{obj} = ", 1) if line.startswith("return ") else line
                for line in write
            ]
            write = [line for line in write if line != f"{obj} = {obj}"]
        else:
            write = [f"{obj} = {self.aw}{self.ops.create(payload, self.owner())}"]
        body = self.guarded(write) + [f"return {self.wrap_item(obj)}"]
        status = f", status_code={code.status(201, 'CREATED')}"
        deco, ret = self.route("post", self.collection, item_model, item_ret, status)
        out.append(self.endpoint("create", deco, [f"{payload}: {create_t}", data, auth], ret, body))

        # update
        if self.inline is not None:
            write = [
                line
                for line in self.inline.update_body(obj, payload)
                if not line.startswith("return ")
            ]
        else:
            write = [f"{obj} = {self.aw}{self.ops.update(obj, payload)}"]
        body = self.fetch(obj) + self.guarded(write) + [f"return {self.wrap_item(obj)}"]
        deco, ret = self.route(ctx.habits.update_method, self.item, item_model, item_ret)
        out.append(
            self.endpoint(
                "update", deco, [id_param, f"{payload}: {update_t}", data, auth], ret, body
            )
        )

        # delete
        delete = (
            self.inline.delete_body(obj)
            if self.inline is not None
            else [f"{self.aw}{self.ops.delete(obj)}"]
        )
        body = self.fetch(obj) + delete
        status_code = ctx.conv.response.delete_status or 204
        if status_code == 204:
            deco = f'delete("{self.item}", status_code={code.status(204, "NO_CONTENT")})'
            ret = " -> None" if ctx.habits.returns != "none" else ""
        else:
            message = ctx.conv.response.delete_returns
            fields = _message_fields(ctx, message) if message else ()
            if fields:  # a message model such as Message(message=...)
                msg_t = use_known(ctx, code, message)
                body.append(f'return {msg_t}({fields[0]}="{ctx.names.title} deleted successfully")')
                deco, ret = self.route(
                    "delete",
                    self.item,
                    msg_t,
                    item_ret.replace(item_ret.split("-> ")[-1], msg_t)
                    if item_ret and "Any" not in item_ret
                    else item_ret,
                )
            elif message:  # the deleted row itself, read into the schema before it is gone
                body = self.fetch(obj) + [f"deleted = {self.validate(obj)}"] + delete
                body.append(
                    f"return {ctx.conv.response.model}(data=deleted)"
                    if self.envelope
                    else "return deleted"
                )
                deco, ret = self.route("delete", self.item, item_model, item_ret)
            else:
                deco = f'delete("{self.item}")'
                ret = " -> None" if ctx.habits.returns != "none" else ""
        out.append(self.endpoint("delete", deco, [id_param, data, auth], ret, body))
        return "\n\n".join(out)


_DOCS = {
    "list": "Retrieve {plural}.",
    "get": "Get {title} by ID.",
    "create": "Create new {title}.",
    "update": "Update {title}.",
    "delete": "Delete {title}.",
}


def _message_fields(ctx: ResourceContext, name: str) -> tuple[str, ...]:
    """The single str field of a message model (`class Message(BaseModel): message: str`), else ()."""
    for info in ctx.index.relevant:
        node = info.definitions.get(name)
        if isinstance(node, ast.ClassDef):
            own_bases = [
                b
                for b in node.bases
                if getattr(b, "id", getattr(b, "attr", "")) not in ("BaseModel", "SQLModel")
            ]
            fields = [
                s
                for s in node.body
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
            ]
            if not own_bases and len(fields) == 1 and ast.unparse(fields[0].annotation) == "str":
                return (fields[0].target.id,)
            return ()
    return ()


def _class_fields(ctx: ResourceContext, name: str) -> tuple[str, ...]:
    for info in ctx.index.relevant:
        node = info.definitions.get(name)
        if isinstance(node, ast.ClassDef):
            return tuple(
                s.target.id
                for s in node.body
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
            )
    return ()


def router_declaration(ctx: ResourceContext, code: Code) -> str | None:
    """`router = APIRouter(...)` for a new router module, cloned from the sibling's declaration."""
    if ctx.conv.router_layout.kind == "single_file":
        return None
    var = ctx.conv.router_layout.router_variable or "router"
    sib = ctx.sibling
    for r in router_defs(ctx.index):
        if (
            r.endpoint_count
            and sib is not None
            and (sib.names.plural_snake in r.module.path or sib.names.snake in r.module.path)
        ):
            text = ctx.rename_from_sibling(
                ast.get_source_segment(r.module.source, _statement_of(r))
            )
            for sub in ast.walk(r.call):
                if isinstance(sub, ast.Name) and sub.id in r.module.imports:
                    module, attr = r.module.imports[sub.id]
                    if module.startswith(".") or attr is None:
                        continue
                    code.use(module, attr)
            code.use("fastapi", "APIRouter")
            return text + "\n"
    api_router = code.use("fastapi", "APIRouter")
    if ctx.conv.router_registration.prefix_on == "router":
        return f'{var} = {api_router}(prefix="{ctx.router_prefix}", tags=["{ctx.names.plural_snake}"])\n'
    return f"{var} = {api_router}()\n"


def _statement_of(router_def) -> ast.stmt:
    return next(
        s for s in router_def.module.tree.body if getattr(s, "value", None) is router_def.call
    )


def render_router(ctx: ResourceContext, pag: Pagination, ops: DataOps) -> list[Edit]:
    writer = RouterWriter(ctx, pag, ops)
    endpoints = writer.render()
    for imp in (ops.binding, *ops.imports):
        if imp is not None:
            writer.code.use(imp.module, imp.name, imp.alias)
    decl = router_declaration(ctx, writer.code)
    text = "\n\n".join(p for p in (decl, endpoints) if p)
    edits: list[Edit] = []
    if ctx.domain_dir and _siblings_have_init(ctx):
        edits.append(
            Statements(f"{ctx.domain_dir}/__init__.py", "", (), why=f"package {ctx.domain_dir}")
        )
    edits.append(
        Statements(
            ctx.router_target.path,
            text,
            tuple(writer.code.imports),
            why=f"router for /{ctx.url_segment}",
        )
    )
    return edits


def _siblings_have_init(ctx: ResourceContext) -> bool:
    dirs = {m.rsplit("/", 1)[0] for m in ctx.conv.router_layout.modules if "/" in m}
    return any(f"{d}/__init__.py" in ctx.index.files for d in dirs)


def route_summary(ctx: ResourceContext) -> tuple[str, ...]:
    base = f"/{ctx.url_segment}"
    item = f"{base}/{{{ctx.id_param}}}"
    update = ctx.habits.update_method.upper()
    return (f"GET {base}", f"POST {base}", f"GET {item}", f"{update} {item}", f"DELETE {item}")
