"""Query and write statements shared by crud functions, repository methods and inline endpoints."""

from __future__ import annotations

from codemods.context import ResourceContext
from codemods.render.code import Code, use_known
from codemods.render.pagination import Pagination


class QueryWriter:
    """Shared body text for crud functions and repository/service methods."""

    def __init__(self, ctx: ResourceContext, code: Code, receiver: str):
        self.ctx, self.code, self.db = ctx, code, receiver
        self.aw = "await " if ctx.is_async else ""
        self.sqlmodel = ctx.conv.orm.kind == "sqlmodel"
        # `db.query(Model)` where the project reads rows that way (SQLAlchemy before 1.4 has
        # no `select(Model)`, `Session.get` or `Session.scalars`).
        self.legacy = ctx.conv.orm.query_api == "query" and not self.sqlmodel and not ctx.is_async
        self.select = (
            None
            if self.legacy
            else code.use("sqlmodel" if self.sqlmodel else "sqlalchemy", "select")
        )
        self.model = code.use_model(
            ctx.model
        )  # `Order`, or `models.Order` where the project qualifies

    def rows(self, stmt: str) -> str:
        if self.legacy:
            return f"{stmt}.all()"
        if self.sqlmodel and not self.ctx.is_async:
            return f"list({self.db}.exec({stmt}).all())"
        return f"list({self.aw}{self.db}.scalars({stmt}))"

    def scalar(self, stmt: str) -> str:
        if self.sqlmodel and not self.ctx.is_async:
            return f"{self.db}.exec({stmt}).one()"
        return f"{self.aw}{self.db}.scalar({stmt})"

    def rows_of(self, where: str | None) -> str:
        """The statement (or legacy query) for the model's rows, filtered by `where`."""
        if self.legacy:
            return f"{self.db}.query({self.model})" + (f".filter({where})" if where else "")
        return f"{self.select}({self.model})" + (f".where({where})" if where else "")

    def get(self, id_expr: str) -> str:
        """The row with this primary key, or None."""
        if self.legacy:
            return f"{self.db}.query({self.model}).get({id_expr})"
        return f"{self.aw}{self.db}.get({self.model}, {id_expr})"

    def first(self, where: str) -> str:
        """The first row matching `where`, or None."""
        if self.legacy:
            return f"{self.rows_of(where)}.first()"
        if self.sqlmodel and not self.ctx.is_async:
            return f"{self.db}.exec({self.rows_of(where)}).first()"
        return f"{self.aw}{self.db}.scalar({self.rows_of(where)})"

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
        rows_t = self.code.list_of(model)
        ordered = f"{self.rows_of(owner_filter)}.order_by({model}.id)"
        narrow = "filter" if self.legacy else "where"
        if pag.style == "cursor":
            cursor, limit = pag.names[0], pag.names[-1]
            last = f"str({var}[{limit} - 1].id)" if pag.cursor_is_str else f"{var}[{limit} - 1].id"
            cursor_t = self.code.optional("str" if pag.cursor_is_str else self.code.pk_type())
            return (
                [
                    f"stmt = {ordered}",
                    f"if {cursor} is not None:",
                    f"    stmt = stmt.{narrow}({model}.id > {cursor})",
                    f"{var} = {self.rows(f'stmt.limit({limit} + 1)')}",
                    f"next_cursor = {last} if len({var}) > {limit} else None",
                    f"{var} = {var}[:{limit}]",
                ],
                (var, "next_cursor"),
                self.code.tuple_of(rows_t, cursor_t),
            )
        if pag.style == "none":
            return [f"{var} = {self.rows(ordered)}"], (var,), rows_t
        if self.legacy:
            total = f"{self.rows_of(owner_filter)}.count()"
        else:
            func = self.code.use("sqlmodel" if self.sqlmodel else "sqlalchemy", "func")
            where = f".where({owner_filter})" if owner_filter else ""
            count = f"{self.select}({func}.count()).select_from({model}){where}"
            total = f"{self.scalar(count)} or 0"
        if pag.style == "offset":
            window = f".offset({pag.names[0]}).limit({pag.names[-1]})"
        else:
            page, size = pag.names[0], pag.names[-1]
            window = f".offset(({page} - 1) * {size}).limit({size})"
        return (
            [
                f"total = {total}",
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


def indent_lines(lines: list[str], indent: str = "    ") -> str:
    return "\n".join(indent + line for line in lines)


def page_param_type(ctx: ResourceContext, code: Code, pag: Pagination, name: str) -> str:
    if pag.style == "cursor" and name == pag.names[0]:
        return code.optional(code.pk_type())
    return "int"


def session_annotation(ctx: ResourceContext, code: Code) -> str:
    session_type = ctx.conv.session.session_type or ("AsyncSession" if ctx.is_async else "Session")
    return use_known(ctx, code, session_type)
