"""How endpoint bodies call the data layer: one expression per operation."""

from __future__ import annotations

from dataclasses import dataclass

from codemods.context import ResourceContext
from codemods.imports import Import
from codemods.render.pagination import Pagination


@dataclass(frozen=True)
class DataOps:
    """How endpoint bodies call the data layer: one expression per operation (await added by the caller)."""

    kind: str
    ctx: ResourceContext
    prefix: str  # "" for direct function names, "order_crud." / "repo." for module or object calls
    methods: dict
    kwonly: bool
    binding: Import | None = None  # how the router imports the crud module (functions kind)
    imports: tuple[Import, ...] = ()  # or the crud functions themselves, imported by name
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
