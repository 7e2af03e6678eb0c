"""A small builder that collects imports while a template renders, and field type tables."""

from __future__ import annotations

from codemods.context import ResourceContext, Target
from codemods.imports import Import
from codemods.spec import FieldSpec


class Code:
    """Collects the imports a snippet uses; `use()` returns the name to write in the code."""

    def __init__(self, ctx: ResourceContext, target: Target):
        self.ctx = ctx
        self.target = target
        self.imports: list[Import] = []

    def use(self, module: str, name: str | None = None, alias: str | None = None) -> str:
        if module == "typing" and name and alias is None:
            local = self.ctx.module_alias(self.target, module, name)
            if local is not None:  # `import typing as t` ... `t.Optional`
                return f"{self.use(module, None, local if local != module else None)}.{name}"
        imp = Import(module, name, alias)
        if imp not in self.imports:
            self.imports.append(imp)
        return imp.bound

    def use_project(self, target: Target, name: str) -> str:
        """Import `name` from another project module, unless it is defined in this one.

        Where the project imports that module as an object (`from . import schemas`) and writes
        `schemas.User`, the name is written qualified the same way.
        """
        if target.path == self.target.path:
            return name
        binding = self.ctx.module_binding(self.target, target)
        if binding is None and self.ctx.reexports(target):
            binding = self.ctx.module_binding(self.target, self.ctx.package_of(target))
        if binding is not None:
            self.use(binding.module, binding.name, binding.alias)
            return f"{binding.bound}.{name}"
        return self.use(self.ctx.import_of(target, self.target), name)

    def use_model(self, name: str) -> str:
        """Import a model class from the models package when the package re-exports models."""
        registry = self.ctx.conv.orm.registry_file
        if registry and self.target.path != self.ctx.model_target.path:
            package = Target(
                registry,
                self.ctx.model_package or registry[: -len("/__init__.py")].replace("/", "."),
            )
            return self.use_project(package, name)
        return self.use_project(self.ctx.model_target, name)

    def optional(self, type_text: str) -> str:
        style = self.ctx.conv.style.optional_style
        if style == "optional":
            return f"{self.use('typing', 'Optional')}[{type_text}]"
        if style == "union":
            return f"{self.use('typing', 'Union')}[{type_text}, None]"
        return f"{type_text} | None"

    def list_of(self, type_text: str) -> str:
        if self.ctx.conv.style.list_style == "typing":
            return f"{self.use('typing', 'List')}[{type_text}]"
        return f"list[{type_text}]"

    def dict_of(self, key: str, value: str) -> str:
        if self.ctx.conv.style.list_style == "typing":
            return f"{self.use('typing', 'Dict')}[{key}, {value}]"
        return f"dict[{key}, {value}]"

    def tuple_of(self, *types: str) -> str:
        if self.ctx.conv.style.list_style == "typing":
            return f"{self.use('typing', 'Tuple')}[{', '.join(types)}]"
        return f"tuple[{', '.join(types)}]"

    def status(self, code: int, name: str) -> str:
        """`status.HTTP_201_CREATED` or `201`, as the project writes status codes."""
        if self.ctx.habits.status_constants:
            return f"{self.use('fastapi', 'status')}.HTTP_{code}_{name}"
        return str(code)

    def pk_type(self) -> str:
        """The new model's key type, as annotations spell it."""
        if self.ctx.key_type == "uuid":
            return f"{self.use('uuid')}.UUID"
        return "str" if self.ctx.key_type == "str" else "int"


# Field type -> (SQLAlchemy type, its arguments in a model, its arguments in an Alembic revision).
COLUMN_TYPES = {
    "str": ("String", "{length}", "length={length}"),
    "text": ("Text", None, ""),
    "int": ("Integer", None, ""),
    "float": ("Float", None, ""),
    "bool": ("Boolean", None, ""),
    "decimal": ("Numeric", "12, 2", "precision=12, scale=2"),
    "date": ("Date", None, ""),
    "datetime": ("DateTime", "timezone=True", "timezone=True"),
    "uuid": ("Uuid", None, ""),
    "json": ("JSON", None, ""),
    "list": ("JSON", None, ""),
    "object": ("JSON", None, ""),
    "union": ("JSON", None, ""),
}


def column_type(
    ctx: ResourceContext, field: FieldSpec, migration: bool = False
) -> tuple[str, str | None]:
    """(SQLAlchemy type name, its arguments) for a scalar field, as a model or a revision writes it."""
    name, model_args, revision_args = COLUMN_TYPES[field.type]
    args = revision_args if migration else model_args
    length = field.limits.high if field.limits and field.limits.high else ctx.habits.string_length
    return name, args.format(length=length) if args is not None else None


def enum_class(ctx: ResourceContext, field: FieldSpec) -> str:
    return ctx.model + "".join(w.capitalize() for w in field.name.split("_"))


def python_type(code: Code, field: FieldSpec, enum_owner: Target) -> str:
    """The Python annotation for a field (without Optional)."""
    t = field.type
    if t in ("str", "text"):
        return "str"
    if t in ("int", "float", "bool"):
        return t
    if t == "decimal":
        return code.use("decimal", "Decimal")
    if t in ("date", "datetime"):
        return code.use("datetime", t)
    if t == "uuid":
        return f"{code.use('uuid')}.UUID"
    if t in ("json", "object", "union"):  # an object's column holds its sub-model as a dict
        return code.dict_of("str", code.use("typing", "Any"))
    if t == "list":
        return code.list_of(field.item_type or "str")
    if t == "enum":
        return code.use_project(enum_owner, enum_class(code.ctx, field))
    if t == "fk":
        return code.pk_type()
    raise AssertionError(t)


def default_literal(code: Code, field: FieldSpec, enum_owner: Target) -> str | None:
    """The Python expression for a field's default, or None when it has none."""
    if field.default is None:
        return None
    value = field.default
    t = field.type
    if t == "enum":
        return f"{code.use_project(enum_owner, enum_class(code.ctx, field))}.{value}"
    if t in ("str", "text"):
        return repr(value)
    if t == "bool":
        return "True" if value.lower() == "true" else "False"
    if t == "decimal":
        return f'{code.use("decimal", "Decimal")}("{value}")'
    if t in ("date", "datetime"):
        return f'{code.use("datetime", t)}.fromisoformat("{value}")'
    if t == "uuid":
        return f'{code.use("uuid")}.UUID("{value}")'
    return value


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
