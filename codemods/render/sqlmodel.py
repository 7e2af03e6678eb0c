"""SQLModel projects keep table and API classes together: XBase, XCreate, XUpdate, X, XPublic, XsPublic."""

from __future__ import annotations

import ast

from codemods.computed import property_code, require_pydantic_2
from codemods.context import ResourceContext, Target
from codemods.edits import Edit, Statements
from codemods.errors import ConventionError
from codemods.render.code import Code, default_literal, python_type
from codemods.render.models import enum_definitions, sibling_statements
from codemods.spec import FieldSpec
from detectors._models import model_classes


def _field(ctx: ResourceContext, code: Code, field: FieldSpec, partial: bool) -> str:
    if field.type in ("object", "union"):
        # the table class would hold the sub-model itself, which its JSON column cannot store
        raise ConventionError(
            f"field {field.name!r}: {field.type} fields are not written from templates for SQLModel yet; "
            f"use {field.name}:json"
        )
    annotation = python_type(code, field, ctx.model_target)
    options = []
    if field.type == "str":
        options.append(f"max_length={ctx.habits.string_length}")  # replaced by a user maximum
    if field.type == "decimal":
        options += ["max_digits=12", "decimal_places=2"]
    if field.type == "fk":
        options.append(f'foreign_key="{ctx.fk_table(field.fk_target)}.id"')
    if field.stored_as_json:
        options.append(f"sa_type={code.use('sqlalchemy', 'JSON')}")
    if field.type == "list" and not (partial or field.optional):
        options.append("default_factory=list")  # a fresh list per row
    bounds = dict(field.constraints(code.use("decimal", "Decimal") if field.type == "decimal" else "Decimal"))
    options = [o for o in options if o.split("=")[0] not in bounds] + [f"{k}={v}" for k, v in bounds.items()]
    if not partial and field.unique:
        options += ["unique=True", "index=True"]
    if partial or field.optional:
        annotation = code.optional(annotation)
        default = "None"
    else:
        default = default_literal(code, field, ctx.model_target)
    fld = code.use("sqlmodel", "Field")
    if options:
        if default is not None:
            options.insert(0, f"default={default}")
        value = f"{fld}({', '.join(options)})"
    elif default is not None:
        value = default
    else:
        value = None
    ignore = "  # type: ignore" if partial and not field.optional else ""
    return f"{field.column_name}: {annotation}" + (f" = {value}" if value else "") + ignore


def render_sqlmodel(ctx: ResourceContext) -> list[Edit]:
    code = Code(ctx, ctx.model_target)
    sqlmodel = code.use("sqlmodel", "SQLModel")
    base = f"{ctx.model}Base"
    fields = "\n".join(f"    {_field(ctx, code, f, partial=False)}" for f in ctx.spec.fields)
    partial = "\n".join(f"    {_field(ctx, code, f, partial=True)}" for f in ctx.spec.fields)
    wanted = {"id"} | ({ctx.owner_field} if ctx.owned else set())
    copied = sibling_statements(ctx, code, wanted, {ctx.owner_field} if ctx.owned else set()) or [
        f"id: {code.optional('int')} = {code.use('sqlmodel', 'Field')}(default=None, primary_key=True)"
    ]
    table = "\n".join(f"    {s}" for s in copied)
    public_fields = [f"    id: {code.pk_type()}"]
    if ctx.owned:
        public_fields.append(f"    {ctx.owner_field}: {code.pk_type()}")
    list_cls = ctx.list_schema
    list_keys = ctx.conv.response.list_keys or ("data", "count")
    items_key = list_keys[0]
    list_body = [f"    {items_key}: {code.list_of(ctx.read_schema)}"]
    if "count" in list_keys:
        list_body.append("    count: int")
    table_kw = ", table=True"
    parts = [
        enum_definitions(ctx, code),
        f"class {base}({sqlmodel}):\n{fields}\n",
        f"class {ctx.create_schema}({base}):\n    pass\n",
        f"class {ctx.update_schema}({base}):\n{partial}\n",
        f"class {ctx.model}({base}{table_kw}):\n{table}\n",
        f"class {ctx.read_schema}({base}):\n" + "\n".join(public_fields) + "\n" + _computed(ctx, code),
    ]
    if list_cls:
        parts.append(f"class {list_cls}({sqlmodel}):\n" + "\n".join(list_body) + "\n")
    text = "\n\n".join(p for p in parts if p)
    return [
        Statements(
            ctx.model_target.path,
            text,
            tuple(code.imports),
            after=resource_group_anchor(ctx, ctx.model_target),
            why=f"SQLModel classes for {ctx.model}",
        )
    ]


def _computed(ctx: ResourceContext, code: Code) -> str:
    """The read class's `@computed_field` properties (pydantic 2 only)."""
    require_pydantic_2(ctx.spec.computed, ctx.conv.schemas.pydantic_version)
    if not ctx.spec.computed:
        return ""
    code.use("pydantic", "computed_field")
    kinds = {t for c in ctx.spec.computed for t in (c.type, *(t for _, t in c.reads))}
    decimal_name = code.use("decimal", "Decimal") if "decimal" in kinds else "Decimal"
    return "".join("\n" + property_code(c, decimal_name) for c in ctx.spec.computed)


def resource_group_anchor(ctx: ResourceContext, target: Target) -> str | None:
    """The last top-level class of an existing resource group (names starting with a model name)."""
    info = ctx.index.get(target.path)
    if info is None:
        return None
    models = [m.name for m in model_classes(ctx.index)]
    classes = [
        s
        for s in info.tree.body
        if isinstance(s, ast.ClassDef)
        and any(s.name.startswith(m) or s.name.startswith(m + "s") for m in models)
    ]
    return classes[-1].name if classes else None
