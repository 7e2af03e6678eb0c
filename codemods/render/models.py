"""The ORM model: mapped_column, Column or SQLModel style, with the project's own key and timestamps.

Resource-agnostic columns (primary key, timestamps, owner) are copied from a sibling model, so
the new model keys and stamps rows exactly as its neighbours do.
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods.context import ResourceContext, Target
from codemods.edits import Edit, ExportName, ImportLine, Statements
from codemods.imports import Import
from codemods.render.code import Code, column_type, default_literal, enum_class, python_type
from codemods.spec import FieldSpec
from detectors._models import column_calls, is_primary_key


def _with_index(text: str) -> str:
    """Add `index=True` to a copied column statement's call, unless it already indexes."""
    if "index=" in text:
        return text
    stmt = cst.parse_statement(text)
    small = stmt.body[0]
    call = small.value if isinstance(small, (cst.Assign, cst.AnnAssign)) else None
    if not isinstance(call, cst.Call):
        return text
    arg = cst.Arg(
        keyword=cst.Name("index"),
        value=cst.Name("True"),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )
    args = list(call.args)
    if args:
        args[-1] = args[-1].with_changes(
            comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        )
    return cst.Module(
        body=[
            stmt.with_changes(body=[small.with_changes(value=call.with_changes(args=[*args, arg]))])
        ]
    ).code.strip()


def sibling_statements(
    ctx: ResourceContext, code: Code, wanted: set[str], index: set[str] = frozenset()
) -> list[str]:
    """Source of the sibling model's statements defining `wanted` attributes, imports recorded.

    Attributes in `index` get `index=True`: list endpoints filter on them (the owner column).
    """
    sib = ctx.sibling
    if sib is None:
        return []
    out = []
    for stmt in sib.model_node.body:
        name = None
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            name = stmt.target.id
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            name = stmt.targets[0].id
        if name not in wanted:
            continue
        text = ast.get_source_segment(sib.model_module.source, stmt)
        out.append(_with_index(text) if name in index else text)
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and node.id in sib.model_module.imports:
                module, attr = sib.model_module.imports[node.id]
                code.use(module, attr, None if attr is None or attr == node.id else node.id)
    return out


def _pk_and_stamp_names(ctx: ResourceContext) -> tuple[set[str], str | None]:
    """Names of the sibling's primary key, timestamp and owner attributes."""
    sib = ctx.sibling
    if sib is None:
        return set(), None
    names: set[str] = set()
    for m_name, _, call in column_calls(_model(sib)):
        if is_primary_key(call) or m_name in ctx.conv.orm.timestamps:
            names.add(m_name)
    owner = ctx.owner_field if ctx.owned and ctx.owner_field in _attrs(sib) else None
    if owner:
        names.add(owner)
    return names, owner


def _model(sib):  # a ModelClass-shaped view for column_calls
    from detectors._models import ModelClass

    return ModelClass(sib.model_module, sib.model_node, "sqlalchemy")


def _attrs(sib) -> set[str]:
    return {n for n, _, _ in column_calls(_model(sib))}


def enum_definitions(ctx: ResourceContext, code: Code) -> str:
    """`class OrderStatus(str, enum.Enum)` for each enum field."""
    parts = []
    for field in ctx.spec.enum_fields():
        enum_mod = code.use("enum")
        members = "\n".join(f"    {v} = {v!r}" for v in field.enum_values)
        parts.append(f"class {enum_class(ctx, field)}(str, {enum_mod}.Enum):\n{members}\n")
    return "\n\n".join(parts)


def _sa_type(ctx: ResourceContext, code: Code, field: FieldSpec) -> str | None:
    """The column type expression (`String(200)`, `Enum(OrderStatus, ...)`); None for fk columns."""
    if field.type == "fk":
        return None  # typed by its ForeignKey
    if field.type == "enum":
        enum = code.use("sqlalchemy", "Enum")
        return f'{enum}({enum_class(ctx, field)}, name="{ctx.names.snake}_{field.name}")'
    name, args = column_type(ctx, field)
    used = code.use("sqlalchemy", name)
    return used if args is None else f"{used}({args})"


def _fk(ctx: ResourceContext, code: Code, field: FieldSpec) -> str:
    return f'{code.use("sqlalchemy", "ForeignKey")}("{ctx.fk_table(field.fk_target)}.id")'


def _column_kwargs(
    ctx: ResourceContext, code: Code, field: FieldSpec, with_nullable: bool
) -> list[str]:
    kwargs = []
    default = default_literal(code, field, ctx.model_target)
    if default is not None:
        kwargs.append(f"default={default}")
    elif field.type == "list" and not field.optional:
        kwargs.append("default=list")  # a callable: each row its own empty list
    if field.unique:
        kwargs.append("unique=True")
    if field.type in ("fk", "enum") or field.unique:
        kwargs.append("index=True")  # list endpoints and joins filter on these
    if with_nullable:
        kwargs.append(f"nullable={field.optional}")
    return kwargs


def _tablename(ctx: ResourceContext) -> list[str]:
    return [f'__tablename__ = "{ctx.table}"', ""] if ctx.declares_tablename else []


def render_mapped_column_model(ctx: ResourceContext, code: Code) -> str:
    mapped = code.use("sqlalchemy.orm", "Mapped")
    mcol = code.use("sqlalchemy.orm", "mapped_column")
    base = code.use_project(_base_target(ctx), ctx.conv.orm.base or "Base")
    copied_names, owner = _pk_and_stamp_names(ctx)
    copied = sibling_statements(ctx, code, copied_names, {owner} if owner else set())
    pk = [s for s in copied if "primary_key" in s] or [
        f"id: {mapped}[int] = {mcol}(primary_key=True)"
    ]
    rest = [s for s in copied if "primary_key" not in s]
    lines = [*_tablename(ctx), *pk]
    for field in ctx.spec.fields:
        annotation = python_type(code, field, ctx.model_target)
        if field.optional:
            annotation = code.optional(annotation)
        args = [a for a in (_sa_type(ctx, code, field),) if a]
        if field.type == "fk":
            args.insert(0, _fk(ctx, code, field))
        args += _column_kwargs(ctx, code, field, with_nullable=False)
        lines.append(f"{field.column_name}: {mapped}[{annotation}] = {mcol}({', '.join(args)})")
    lines += rest
    body = "\n".join(f"    {line}" if line else "" for line in lines)
    return f"class {ctx.model}({base}):\n{body}\n"


def render_column_model(ctx: ResourceContext, code: Code) -> str:
    column = code.use("sqlalchemy", "Column")
    base = code.use_project(_base_target(ctx), ctx.conv.orm.base or "Base")
    copied_names, owner = _pk_and_stamp_names(ctx)
    copied = sibling_statements(ctx, code, copied_names, {owner} if owner else set())
    pk = [s for s in copied if "primary_key" in s] or [
        f"id = {column}({code.use('sqlalchemy', 'Integer')}, primary_key=True, index=True)"
    ]
    rest = [s for s in copied if "primary_key" not in s]
    lines = [*_tablename(ctx), *pk]
    for field in ctx.spec.fields:
        args = [a for a in (_sa_type(ctx, code, field),) if a]
        if field.type == "fk":
            args = [code.use("sqlalchemy", "Integer"), _fk(ctx, code, field)]
        args += _column_kwargs(ctx, code, field, with_nullable=True)
        lines.append(f"{field.column_name} = {column}({', '.join(args)})")
    lines += rest
    body = "\n".join(f"    {line}" if line else "" for line in lines)
    return f"class {ctx.model}({base}):\n{body}\n"


def _base_target(ctx: ResourceContext) -> Target:
    module = ctx.conv.orm.base_module or ctx.model_target.module
    path = ctx.index.path_of(module) or ctx.model_target.path
    return Target(path, module)


def render_models(ctx: ResourceContext) -> list[Edit]:
    """The model (and its enums) where the project keeps models; SQLModel projects get
    their schema classes here too, because they live beside the table class."""
    if ctx.conv.orm.style == "sqlmodel":
        from codemods.render.sqlmodel import render_sqlmodel

        return render_sqlmodel(ctx)
    code = Code(ctx, ctx.model_target)
    enums = enum_definitions(ctx, code)
    if ctx.conv.orm.style == "column":
        model = render_column_model(ctx, code)
    else:
        model = render_mapped_column_model(ctx, code)
    text = "\n\n".join(p for p in (enums, model) if p)
    edits: list[Edit] = [
        Statements(
            ctx.model_target.path,
            text,
            tuple(code.imports),
            after=last_model_anchor(ctx, ctx.model_target),
            why=f"model {ctx.model}",
        )
    ]
    if ctx.index.get(ctx.model_target.path) is None:  # a module of its own: registered as the others
        edits += [_registered(ctx, path, line) for path, line in ctx.conv.orm.model_imports]
    registry = ctx.conv.orm.registry_file
    if registry and ctx.conv.orm.models_location == "package":
        source = ctx.export_source(registry, ctx.model_target)
        edits.append(
            ExportName(
                registry,
                ctx.model,
                (Import(source, ctx.model),),
                why=f"register {ctx.model} with the models package",
            )
        )
    return edits


def _registered(ctx: ResourceContext, path: str, line: str) -> ImportLine:
    """The new model's import line, written like `line` (a module or a name import), with its
    `noqa` comment, or one of ours: the import is there for its side effect, which linters
    cannot see (a comment of the line's own, `# if exists`, is no part of it)."""
    code, _, comment = line.partition("#")
    comment = f"  #{comment.rstrip()}" if "noqa" in comment else "  # noqa: F401"
    module = ctx.model_target.module
    text = f"from {module} import {ctx.model}" if code.lstrip().startswith("from ") else f"import {module}"
    return ImportLine(path, line, text + comment, why=f"register {ctx.model} as the other models are")


def last_model_anchor(ctx: ResourceContext, target: Target) -> str | None:
    """In a shared module, insert after the last model class; a module of our own: at the end."""
    info = ctx.index.get(target.path)
    if info is None:
        return None
    from detectors._models import model_classes

    names = [m.name for m in model_classes(ctx.index) if m.module is info]
    if not names or target.path != ctx.conv.app.file:
        return None
    return max(names, key=lambda n: info.definitions[n].lineno)
