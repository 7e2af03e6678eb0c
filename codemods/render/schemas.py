"""Pydantic schemas: create, update (all optional), read (ORM mode) and the list response."""

from __future__ import annotations

import ast

from codemods.computed import property_code, require_pydantic_2
from codemods.context import ResourceContext, Target
from codemods.edits import Edit, ExportName, Statements
from codemods.imports import Import
from codemods.render.code import Code, default_literal, python_type
from codemods.render.sqlmodel import resource_group_anchor
from codemods.spec import DISCRIMINATOR, FieldSpec
from detectors._ast import annotation_names
from detectors.project import ModuleInfo


def _constraints(ctx: ResourceContext, code: Code, field: FieldSpec, column: bool) -> list[str]:
    """Our defaults (a non-empty string fitting its column), narrowed by the user's bounds."""
    ours = {"min_length": "1", "max_length": str(ctx.habits.string_length)} if field.type == "str" and column else {}
    # a decimal field's annotation imports Decimal already: its exact bounds use the same name
    ours.update(field.constraints(code.use("decimal", "Decimal") if field.type == "decimal" else "Decimal"))
    return [f"{k}={v}" for k, v in ours.items()]


def schema_type(ctx: ResourceContext, code: Code, field: FieldSpec) -> str:
    """A field's annotation in a schema: an object field is its sub-model (see member_models)."""
    if field.type in ("object", "union"):
        return member_model_name(ctx, field)
    return python_type(code, field, ctx.model_target)


def member_model_name(ctx: ResourceContext, field: FieldSpec) -> str:
    return ctx.model + "".join(w.capitalize() for w in field.name.split("_"))


def member_models(ctx: ResourceContext, code: Code) -> list[str]:
    """`class OrderAddress(BaseModel)` for each `object{...}` field, and for each `union[...]`
    field its variants and the alias it is typed with, before the schemas using them."""
    out = []
    for f in ctx.spec.fields:
        if f.type == "object":
            lines = "\n".join(_line(ctx, code, m, partial=False, column=False) for m in f.members)
            out.append(f"class {member_model_name(ctx, f)}({code.use('pydantic', 'BaseModel')}):\n{lines}\n")
        if f.type == "union":
            out += _union_models(ctx, code, f)
    return out


def _union_models(ctx: ResourceContext, code: Code, field: FieldSpec) -> list[str]:
    """`class OrderPaymentCard(BaseModel)` with its `type: Literal["card"]`, one per variant, then
    `OrderPayment = Annotated[Union[...], Field(discriminator="type")]`."""
    out, names = [], []
    literal = code.use("typing", "Literal")
    for v in field.variants:
        name = member_model_name(ctx, field) + "".join(w.capitalize() for w in v.name.split("_"))
        lines = [f'    {DISCRIMINATOR}: {literal}["{v.name}"]']
        lines += [_line(ctx, code, m, partial=False, column=False) for m in v.members]
        out.append(f"class {name}({code.use('pydantic', 'BaseModel')}):\n" + "\n".join(lines) + "\n")
        names.append(name)
    union = f"{code.use('typing', 'Union')}[{', '.join(names)}]"
    discriminated = f'{code.use("pydantic", "Field")}(discriminator="{DISCRIMINATOR}")'
    out.append(f"{member_model_name(ctx, field)} = {code.use('typing', 'Annotated')}[{union}, {discriminated}]\n")
    return out


def _line(ctx: ResourceContext, code: Code, field: FieldSpec, partial: bool, column: bool = True) -> str:
    annotation = schema_type(ctx, code, field)
    constraints = _constraints(ctx, code, field, column)
    if partial or field.optional:
        annotation = code.optional(annotation)
        default = "None"
    else:
        default = default_literal(code, field, ctx.model_target)
    if field.type == "list" and not (partial or field.optional):
        # a fresh list per instance: left out on create, the list is empty
        return f"    {field.column_name}: {annotation} = {code.use('pydantic', 'Field')}(default_factory=list)"
    if constraints:
        args = ([f"default={default}"] if default is not None else []) + constraints
        value = f"{code.use('pydantic', 'Field')}({', '.join(args)})"
    else:
        value = default
    return f"    {field.column_name}: {annotation}" + (f" = {value}" if value is not None else "")


def find_sibling_class(ctx: ResourceContext, name: str) -> tuple[ModuleInfo, ast.ClassDef] | None:
    for info in ctx.index.relevant:
        node = info.definitions.get(name)
        if isinstance(node, ast.ClassDef):
            return info, node
    return None


def copy_class_fields(
    code: Code, info: ModuleInfo, node: ast.ClassDef, wanted: set[str]
) -> list[str]:
    """Annotated fields of a sibling class named in `wanted`, with the imports they use."""
    out = []
    for stmt in node.body:
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and stmt.target.id in wanted
        ):
            out.append("    " + ast.get_source_segment(info.source, stmt))
            for name in annotation_names(stmt.annotation):
                if name in info.imports:
                    module, attr = info.imports[name]
                    code.use(module, attr)
    return out


def _read_extras(ctx: ResourceContext, code: Code) -> tuple[list[str], list[str]]:
    """(id line, trailing lines) the sibling's read schema exposes beyond the user's fields."""
    sib = ctx.sibling
    suffix = ctx.conv.schemas.read_suffix or ""
    found = find_sibling_class(ctx, f"{sib.model}{suffix}") if sib else None
    id_line = [f"    id: {code.pk_type()}"]
    if found is None:
        return id_line, []
    info, node = found
    wanted = set(ctx.conv.orm.timestamps) | ({ctx.owner_field} if ctx.owned else set())
    copied_id = copy_class_fields(code, info, node, {"id"}) if ctx.sibling_key_type == ctx.key_type else []
    return copied_id or id_line, copy_class_fields(code, info, node, wanted)


def render_read_schema(ctx: ResourceContext, code: Code) -> str:
    if ctx.conv.schemas.orm_mode == "orm_mode":
        config = "    class Config:\n        orm_mode = True\n"
    else:
        config = f"    model_config = {code.use('pydantic', 'ConfigDict')}(from_attributes=True)\n"
    id_line, extras = _read_extras(ctx, code)
    fields = []
    for f in ctx.spec.fields:
        annotation = schema_type(ctx, code, f)
        fields.append(
            f"    {f.column_name}: {code.optional(annotation) if f.optional else annotation}"
        )
    body = "\n".join([*id_line, *fields, *extras])
    base = code.use("pydantic", "BaseModel")
    return f"class {ctx.read_schema}({base}):\n{config}\n{body}\n" + _computed(ctx, code)


def _computed(ctx: ResourceContext, code: Code) -> str:
    """The `@computed_field` properties of `@name=expr` fields: responses only, never input."""
    computed = ctx.spec.computed
    require_pydantic_2(computed, ctx.conv.schemas.pydantic_version)
    if not computed:
        return ""
    code.use("pydantic", "computed_field")
    kinds = {t for c in computed for t in (c.type, *(t for _, t in c.reads))}
    decimal_name = code.use("decimal", "Decimal") if "decimal" in kinds else "Decimal"
    return "".join("\n" + property_code(c, decimal_name) for c in computed)


def render_list_schema(ctx: ResourceContext, code: Code) -> str | None:
    if not ctx.list_schema:
        return None
    sib = ctx.sibling
    if sib is not None and ctx.conv.schemas.list_pattern:
        name = ctx.conv.schemas.list_pattern.format(name=sib.model, plural=sib.names.plural_pascal)
        found = find_sibling_class(ctx, name)
        if found is not None:
            info, node = found
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and sub.id in info.imports:
                    module, attr = info.imports[sub.id]
                    code.use(module, attr)
            return ctx.rename_from_sibling(ast.get_source_segment(info.source, node)) + "\n"
    base = code.use("pydantic", "BaseModel")
    keys = ctx.conv.response.list_keys or ("data", "count")
    lines = [f"    {keys[0]}: {code.list_of(ctx.read_schema)}"]
    for key in keys[1:]:
        lines.append(
            f"    {key}: "
            + {"has_more": "bool", "next_cursor": code.optional("str")}.get(key, "int")
        )
    return f"class {ctx.list_schema}({base}):\n" + "\n".join(lines) + "\n"


def render_schemas(ctx: ResourceContext) -> list[Edit]:
    if ctx.conv.orm.style == "sqlmodel" and ctx.schema_target.path == ctx.model_target.path:
        return []  # written with the table class by the SQLModel renderer
    target: Target = ctx.schema_target
    code = Code(ctx, target)
    base = code.use("pydantic", "BaseModel")
    create = "\n".join(_line(ctx, code, f, partial=False) for f in ctx.spec.fields)
    update = "\n".join(_line(ctx, code, f, partial=True) for f in ctx.spec.fields)
    parts = [
        *member_models(ctx, code),
        f"class {ctx.create_schema}({base}):\n{create}\n",
        f"class {ctx.update_schema}({base}):\n{update}\n",
        render_read_schema(ctx, code),
        render_list_schema(ctx, code),
    ]
    text = "\n\n".join(p for p in parts if p)
    after = resource_group_anchor(ctx, target) if ctx.index.get(target.path) else None
    why = f"schemas {ctx.create_schema}, {ctx.update_schema}, {ctx.read_schema}"
    edits: list[Edit] = [Statements(target.path, text, tuple(code.imports), after=after, why=why)]
    if ctx.reexports(target):  # the package re-exports each module's schemas: so does ours
        package = ctx.package_of(target)
        source = ctx.export_source(package.path, target)
        names = [
            n for n in (ctx.create_schema, ctx.update_schema, ctx.read_schema, ctx.list_schema) if n
        ]
        edits += [
            ExportName(package.path, n, (Import(source, n),), why=f"re-export {n}") for n in names
        ]
    return edits
