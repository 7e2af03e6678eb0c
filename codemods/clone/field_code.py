"""Our defaults for writing one field, used only where neither the exemplar nor the class it
sits in has a field of that kind to copy. The per-ORM part of the cloner lives here.

Each function returns code text plus the imports it needs; a class body decides its style
(`Mapped[...] = mapped_column(...)`, `= Column(...)`, or a plain annotation as pydantic and
SQLModel write fields) from the statements it already has.
"""

from __future__ import annotations

from dataclasses import dataclass

from codemods.bounded_values import fit, fresh_length
from codemods.imports import Import
from codemods.names import ResourceNames
from codemods.spec import DISCRIMINATOR, FieldSpec

_PY = {
    "str": ("str", None),
    "text": ("str", None),
    "int": ("int", None),
    "float": ("float", None),
    "bool": ("bool", None),
    "decimal": ("Decimal", Import("decimal", "Decimal")),
    "date": ("date", Import("datetime", "date")),
    "datetime": ("datetime", Import("datetime", "datetime")),
    "uuid": ("uuid.UUID", Import("uuid")),
    "json": ("dict", None),
    "fk": ("int", None),
}
_JSON_COLUMN = "JSON"  # lists and objects are stored as JSON documents too
_STRING_LENGTH = "255"  # a str column's length where the user sets no maximum
_SA = {
    "str": f"String({_STRING_LENGTH})",
    "text": "Text",
    "int": "Integer",
    "float": "Float",
    "bool": "Boolean",
    "decimal": "Numeric(12, 2)",
    "date": "Date",
    "datetime": "DateTime(timezone=True)",
    "uuid": "Uuid",
    "json": "JSON",
    "fk": "Integer",
}
_SAMPLES = {
    "str": ('"{name} one"', '"{name} two"'),
    "text": ('"Some {name}."', '"Other {name}."'),
    "int": ("3", "4"),
    "float": ("1.5", "2.5"),
    "decimal": ('"12.50"', '"13.75"'),
    "bool": ("True", "False"),
    "date": ('"2024-01-02"', '"2024-02-03"'),
    "datetime": ('"2024-01-02T03:04:05+00:00"', '"2024-02-03T04:05:06+00:00"'),
    "uuid": ('"0b0b5f7e-6a4a-4c59-9a8e-1f1d2c3b4a50"', '"6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"'),
    "json": ('{{"key": "value"}}', '{{"key": "other"}}'),
}


# what a schema field of the type accepts: the range of the column we write for it (_SA)
_BOUNDS = {
    "int": (("ge", "-(2**31)"), ("le", "2**31 - 1")),
    "decimal": (("max_digits", "12"), ("decimal_places", "2")),
}


# How an optional decimal's digits are bounded (`optional_digits`): "field", in its `Field(...)`
# as a required one's are (pydantic 1, and 2 from 2.7 on); "constrained", by the decimal type
# inside the union, `condecimal(max_digits=12, decimal_places=2) | None` (pydantic 2 before 2.7
# refuses the digits on `Decimal | None` when the class is made; `condecimal` holds them on every
# release, 1 included); "none", not at all (the pydantic the project runs is not known).
OPTIONAL_DIGITS = ("field", "constrained", "none")


def optional_digits(pydantic_version: int | None, declared: tuple[int, ...] | None) -> str:
    """Which of OPTIONAL_DIGITS suits the project: the oldest pydantic it declares (a lock's is the
    one installed), else the major version its code is written for as detection read it. A form
    that makes the class fail to import on a release the project allows is never chosen."""
    if declared is not None and declared[0] >= 2:
        return "field" if declared >= (2, 7) else "constrained"
    if pydantic_version == 1:
        return "field"  # pydantic 1, or 2 as released since 2.7 where nothing older is declared
    if pydantic_version == 2:
        return "constrained"
    return "none"


def schema_constraints(field: FieldSpec, optional: bool, digits: str = "none") -> tuple[str, ...]:
    """`ge=1`, `max_length=80`...: the column's range, narrowed by the user's bounds (`digits`:
    where an optional decimal's go, see OPTIONAL_DIGITS; "constrained" leaves them to the type)."""
    column = dict(_BOUNDS.get(field.type, ()))
    if field.type == "decimal" and optional and digits != "field":
        column = {}
    column.update(field.constraints())
    if field.type == "str" and not field.stored_as_json:
        # the String(255) written for it (`column_type_text`), where the user set no maximum
        column.setdefault("max_length", _STRING_LENGTH)
    return tuple(f"{k}={v}" for k, v in column.items())


def column_type_text(field: FieldSpec) -> str:
    """`String(80)` for `str(..80)`, `JSON` for lists and objects, else the type's column."""
    if field.stored_as_json:
        return _JSON_COLUMN
    if field.type == "str" and field.limits is not None and field.limits.high is not None:
        return f"String({field.limits.high})"
    return _SA[field.type]


@dataclass(frozen=True)
class Written:
    """Code for one field and the imports it needs."""

    code: str
    imports: tuple[Import, ...] = ()


def enum_class_name(names: ResourceNames, field: FieldSpec) -> str:
    """`Order` + `status` -> `OrderStatus`."""
    return names.pascal + "".join(w.capitalize() for w in field.name.split("_"))


def enum_class(names: ResourceNames, field: FieldSpec, style: str = "str_enum") -> Written:
    """A string enum for an `enum[...]` field, its values its names: `(str, enum.Enum)`, or
    `enum.StrEnum` (style "strenum") where the project writes its enums so or targets 3.11+."""
    members = "\n".join(f'    {v} = "{v}"' for v in field.enum_values)
    bases = "enum.StrEnum" if style == "strenum" else "str, enum.Enum"
    code = f"class {enum_class_name(names, field)}({bases}):\n{members}\n"
    return Written(code, (Import("enum"),))


def member_class_name(names: ResourceNames, field: FieldSpec) -> str:
    """`Order` + `address` -> `OrderAddress`, the sub-model an object field is validated by."""
    return enum_class_name(names, field)


def member_class(
    names: ResourceNames, field: FieldSpec, optional_style: str = "pipe", field_module: str = "pydantic"
) -> Written:
    """The pydantic sub-model of an `object{...}` field; its members carry only the user's
    bounds (no column of their own to fit)."""
    lines, imports = [], [Import(field_module, "BaseModel")]
    for m in field.members:
        py, _ = python_type(names, m)
        args = tuple(f"{k}={v}" for k, v in m.constraints())
        if m.optional:
            py, more = optional_of(py, optional_style)
            imports += more
            args = ("default=None", *args)
        value = f" = Field({', '.join(args)})" if m.constraints() else " = None" if m.optional else ""
        if m.constraints():
            imports.append(Import(field_module, "Field"))
        lines.append(f"    {m.name}: {py}{value}\n")
    return Written(f"class {member_class_name(names, field)}(BaseModel):\n{''.join(lines)}", tuple(imports))


def variant_class_name(names: ResourceNames, field: FieldSpec, variant: FieldSpec) -> str:
    """`Order` + `payment` + `card` -> `OrderPaymentCard`."""
    return member_class_name(names, field) + "".join(w.capitalize() for w in variant.name.split("_"))


def union_classes(
    names: ResourceNames, field: FieldSpec, optional_style: str = "pipe", field_module: str = "pydantic"
) -> Written:
    """A `union[...]` field's sub-models, each with its `type` Literal, and the alias the field
    is typed with: `OrderPayment = Annotated[Union[...], Field(discriminator="type")]` (pydantic
    2, and pydantic 1 from 1.9)."""
    classes, imports = [], [Import("typing", "Literal"), Import("typing", "Annotated"), Import("typing", "Union")]
    for variant in field.variants:
        sub = member_class(names, variant, optional_style, field_module)
        imports += sub.imports
        body = sub.code.partition("\n")[2]
        tag = f'    {DISCRIMINATOR}: Literal["{variant.name}"]\n'
        # the member class is named from the variant alone: it takes the union's full name
        classes.append(f"class {variant_class_name(names, field, variant)}(BaseModel):\n{tag}{body}")
    imports += [Import(field_module, "BaseModel"), Import(field_module, "Field")]
    members = ", ".join(variant_class_name(names, field, v) for v in field.variants)
    alias = f'{member_class_name(names, field)} = Annotated[Union[{members}], Field(discriminator="{DISCRIMINATOR}")]\n'
    return Written("\n\n".join([*classes, alias]), tuple(imports))


_KEYS = {"uuid": ("uuid.UUID", Import("uuid"), "Uuid"), "str": ("str", None, "String(255)")}


def python_type(
    names: ResourceNames, field: FieldSpec, fk_key: str = "int", sequence_style: str = "builtin"
) -> tuple[str, tuple[Import, ...]]:
    """The annotation type; a foreign key's is the type of the key it points at."""
    if field.type == "enum":
        return enum_class_name(names, field), ()
    if field.type in ("object", "union"):
        return member_class_name(names, field), ()
    if field.type == "list":
        if sequence_style == "typing":  # the module writes `List[...]`: Python before 3.9
            return f"List[{field.item_type}]", (Import("typing", "List"),)
        return f"list[{field.item_type}]", ()
    if field.type == "fk" and fk_key in _KEYS:
        text, imp, _ = _KEYS[fk_key]
        return text, (imp,) if imp else ()
    text, imp = _PY[field.type]
    return text, (imp,) if imp else ()


def optional_of(text: str, style: str) -> tuple[str, tuple[Import, ...]]:
    """`X | None`, `Optional[X]` or `Union[X, None]`, as the module writes optionals."""
    if style == "optional":
        return f"Optional[{text}]", (Import("typing", "Optional"),)
    if style == "union":
        return f"Union[{text}, None]", (Import("typing", "Union"),)
    return f"{text} | None", ()


def sa_type(names: ResourceNames, field: FieldSpec, prefix: str, fk_table: str | None) -> tuple[str, list[Import]]:
    """The column type (or ForeignKey) in the module's spelling: `sa.String(255)` or `String(255)`."""
    imports: list[Import] = []

    def name(symbol: str) -> str:
        if prefix:
            return f"{prefix}.{symbol}"
        imports.append(Import("sqlalchemy", symbol))
        return symbol

    if field.type == "enum":
        return f"{name('Enum')}({enum_class_name(names, field)})", imports
    if field.type == "fk":
        return f'{name("ForeignKey")}("{fk_table or field.fk_target}.id")', imports
    text = column_type_text(field)
    head, _, rest = text.partition("(")
    return name(head) + (f"({rest}" if rest else ""), imports


def default_literal(names: ResourceNames, field: FieldSpec) -> str | None:
    if field.default is None:
        return None
    if field.type == "enum":
        return f"{enum_class_name(names, field)}.{field.default}"
    if field.type in ("str", "text"):
        return repr(field.default)
    if field.type == "bool":
        return "True" if field.default.lower() == "true" else "False"
    if field.type == "decimal":
        return f'Decimal("{field.default}")'
    if field.type in ("int", "float"):
        return field.default
    return None


def class_field(
    style: str,
    names: ResourceNames,
    field: FieldSpec,
    *,
    partial: bool,
    optional_style: str,
    sa_prefix: str,
    fk_table: str | None,
    fk_key: str = "int",
    field_module: str = "pydantic",
    sequence_style: str = "builtin",
    bounded: bool = True,
    digits: str = "none",
) -> Written:
    """One field statement of a class whose fields are written in `style`:
    `mapped` (Mapped + mapped_column), `column` (= Column(...)) or `annotated` (pydantic/SQLModel);
    `bounded`: an annotated field takes its column's range (a request schema's, not a response's);
    `digits`: how an optional decimal's are written (OPTIONAL_DIGITS)."""
    py, imports = python_type(names, field, fk_key, sequence_style)
    if field.type in ("object", "union") and style != "annotated":
        py = "dict"  # the column holds the sub-model's JSON, not the sub-model
    imports = list(imports)
    optional = field.optional or partial
    default = None if partial else default_literal(names, field)
    if style == "annotated":
        if field.type == "decimal" and optional and bounded and digits == "constrained" and field_module == "pydantic":
            py = f"condecimal({', '.join(f'{k}={v}' for k, v in _BOUNDS['decimal'])})"
            # the field names no Decimal now, unless its default is one
            imports = [i for i in imports if i.bound != "Decimal" or default is not None] + [Import("pydantic", "condecimal")]
        if optional:
            py, more = optional_of(py, optional_style)
            imports += more
        value = " = None" if optional and default is None else f" = {default}" if default else ""
        # the column's range (Integer, Numeric(12, 2)): past it the database refuses with a 500
        bounds = schema_constraints(field, optional, digits) if bounded else ()
        if field_module == "sqlmodel" and field.stored_as_json:
            # a SQLModel table has no column type for list or dict of its own
            bounds += ("sa_type=JSON",)
            imports.append(Import("sqlalchemy", "JSON"))
        elif field_module == "sqlmodel" and not partial:
            # the column as the revision makes it (a SQLModel class's fields are its table's):
            # Text rather than SQLModel's VARCHAR, the key, the unique constraint, the index
            column, more = _sqlmodel_column(field, fk_table)
            bounds += column
            imports += more
        if field.type == "list" and not optional:
            given = ("default_factory=list",)  # a fresh list per instance, never a shared one
        elif bounds:
            given = ("default=None",) if optional and default is None else (f"default={default}",) if default else ()
        else:
            given = ()
        if given + bounds:
            value = f" = Field({', '.join(given + bounds)})"
            imports.append(Import(field_module, "Field"))
        return Written(f"{field.column_name}: {py}{value}\n", tuple(imports))
    column, more = sa_type(names, field, sa_prefix, fk_table)
    if style == "column":
        imports = [i for i in imports if i.module not in ("decimal", "datetime", "uuid")]
    imports += more
    args = [column]
    if style == "column":
        args.append(f"nullable={optional}")
    if field.unique:
        args.append("unique=True")
    if field.type in ("enum", "fk"):
        args.append("index=True")
    if default is not None:
        args.append(f"default={default}")
    elif field.type == "list" and not optional:
        args.append("default=list")  # a callable: each row its own empty list
    if style == "column":
        func = f"{sa_prefix}.Column" if sa_prefix else "Column"
        if not sa_prefix:
            imports.append(Import("sqlalchemy", "Column"))
        return Written(f"{field.column_name} = {func}({', '.join(args)})\n", tuple(imports))
    if optional:
        py, more = optional_of(py, optional_style)
        imports += more
    imports.append(Import("sqlalchemy.orm", "Mapped"))
    imports.append(Import("sqlalchemy.orm", "mapped_column"))
    return Written(
        f"{field.column_name}: Mapped[{py}] = mapped_column({', '.join(args)})\n", tuple(imports)
    )


def _sqlmodel_column(field: FieldSpec, fk_table: str | None) -> tuple[tuple[str, ...], list[Import]]:
    """The `Field(...)` arguments giving a SQLModel table's column what `migration_column` and
    the revision's indexes give it."""
    args: list[str] = []
    imports: list[Import] = []
    if field.type == "text":
        args.append("sa_type=Text")
        imports.append(Import("sqlalchemy", "Text"))
    if field.type == "fk":
        args.append(f'foreign_key="{fk_table or field.fk_target}.id"')
    if field.unique:
        args.append("unique=True")
    if field.type in ("enum", "fk"):
        args.append("index=True")
    return tuple(args), imports


def migration_column(
    names: ResourceNames, field: FieldSpec, sa_prefix: str, fk_table: str | None, fk_key: str = "int"
) -> str:
    """`sa.Column("total", sa.Numeric(12, 2), nullable=False)` for an Alembic create_table."""
    p = f"{sa_prefix}." if sa_prefix else ""
    if field.type == "enum":
        values = ", ".join(f'"{v}"' for v in field.enum_values)
        column = f'{p}Enum({values}, name="{enum_class_name(names, field).lower()}")'
    elif field.type == "fk":
        key = _KEYS[fk_key][2] if fk_key in _KEYS else "Integer"
        head, _, rest = key.partition("(")
        column = f'{p}{head}({rest or ")"}, {p}ForeignKey("{fk_table or field.fk_target}.id")'
    else:
        head, _, rest = column_type_text(field).partition("(")
        column = f"{p}{head}({rest or ')'}"
    return f'{p}Column("{field.column_name}", {column}, nullable={field.optional})'


def migration_unique(field: FieldSpec, sa_prefix: str) -> str | None:
    """`sa.UniqueConstraint("code")` for an Alembic create_table, where the model makes the
    column unique without an index (an indexed one is a unique index, see RevisionOps); unnamed,
    the project's naming convention names it as it names the model's."""
    if not field.unique or field.type in ("enum", "fk"):
        return None
    p = f"{sa_prefix}." if sa_prefix else ""
    return f'{p}UniqueConstraint("{field.column_name}")'


def uuid4_import(uuid4: str) -> Import:
    """The import a fresh value calling `uuid4` as spelled (`fresh_sample`) needs."""
    return Import("uuid") if uuid4 != "uuid4" else Import("uuid", "uuid4")


def fresh_sample(field: FieldSpec, uuid4: str = "uuid4") -> str | None:
    """A value for a unique field that differs on every evaluation (tests post many rows to one
    database), as code calling `uuid4` (spelled `uuid.uuid4` where the module imports `uuid`
    whole): `f"name one {uuid4().hex[:8]}"`, `uuid4().hex[:8]` for a bounded length; None for a
    field whose values cannot be made distinct so (a bounded number, a length under 8, a bool)."""
    text = sample(field)
    if text is None:
        return None
    if field.type in ("str", "text") and field.limits is not None:  # a length: the random part alone
        size = fresh_length(field)
        return f"{uuid4}().hex[:{size}]" if size is not None else None
    if field.limits is not None:  # a bounded number: too few values to draw distinct ones from
        return None
    if field.type in ("str", "text"):  # a literal `"name one"`, quotes included
        return f'f"{text[1:-1]} {{{uuid4}().hex[:8]}}"'
    return {"int": f"{uuid4}().int % 2**31", "uuid": f"str({uuid4}())"}.get(field.type)


def sample(field: FieldSpec, second: bool = False) -> str | None:
    """A payload value for tests: valid for the field, different between the two variants."""
    if field.type == "fk":
        return None
    if field.type == "enum":
        values = field.enum_values
        return f'"{values[-1] if second and len(values) > 1 else (field.default or values[0])}"'
    if field.type == "list":
        item = FieldSpec(field.name, field.item_type or "str")
        return f"[{sample(item, second)}]"
    if field.type == "object":
        pairs = ", ".join(f'"{m.name}": {sample(m, second)}' for m in field.members)
        return f"{{{pairs}}}"
    if field.type == "union":  # the first variant, or the second for the second sample
        variant = field.variants[1 if second else 0]
        pairs = "".join(f', "{m.name}": {sample(m, second)}' for m in variant.members)
        return f'{{"{DISCRIMINATOR}": "{variant.name}"{pairs}}}'
    text = _SAMPLES[field.type][1 if second else 0].format(name=field.name.replace("_", " "))
    return fit(field, text, second)
