"""The resource spec: a name plus fields in a small grammar, normalised once.

Field grammar:  NAME:TYPE[?][!][=DEFAULT]
  TYPE     str | text | int | float | bool | decimal | date | datetime | uuid | json
           | enum[a,b,c] | fk[Model]
  ?        optional (nullable, not required on create)
  !        unique
  =VALUE   default (a literal of the type; for enum one of its values)
Example: `total:decimal status:enum[pending,paid]=pending note:text? code:str!`
"""

from __future__ import annotations

import ast
import datetime as _dt
import decimal
import keyword
import re
import uuid as _uuid
from dataclasses import dataclass

from codemods.errors import SpecError
from codemods.names import ResourceNames

SCALAR_TYPES = (
    "str",
    "text",
    "int",
    "float",
    "bool",
    "decimal",
    "date",
    "datetime",
    "uuid",
    "json",
)
RESERVED_FIELDS = ("id", "created_at", "updated_at", "owner_id", "metadata", "registry")
_FIELD = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*):(?P<type>[a-z]+)(?:\[(?P<arg>[^\]]*)\])?"
    r"(?P<flags>[?!]*)(?:=(?P<default>.*))?$"
)
_ENUM_VALUE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class FieldSpec:
    """One column of the resource, as the user asked for it."""

    name: str
    type: str  # one of SCALAR_TYPES, "enum" or "fk"
    optional: bool = False
    unique: bool = False
    default: str | None = None  # the literal as typed, validated for the type
    enum_values: tuple[str, ...] = ()
    fk_target: str | None = None  # model name for fk fields

    @property
    def required_on_create(self) -> bool:
        return not self.optional and self.default is None

    @property
    def column_name(self) -> str:
        return (
            f"{self.name}_id" if self.type == "fk" and not self.name.endswith("_id") else self.name
        )


@dataclass(frozen=True)
class ResourceSpec:
    names: ResourceNames
    fields: tuple[FieldSpec, ...]

    def enum_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.type == "enum")


def parse_field(text: str) -> FieldSpec:
    """Parse one `name:type[?][!][=default]` token; SpecError names what is wrong."""
    match = _FIELD.match(text.strip())
    if not match:
        raise SpecError(
            f"field {text!r} does not parse; expected name:type[?][!][=default], e.g. total:decimal"
        )
    name, ftype, arg, flags, default = match.group("name", "type", "arg", "flags", "default")
    if keyword.iskeyword(name) or name in RESERVED_FIELDS:
        raise SpecError(f"field name {name!r} is reserved")
    if name.startswith("_"):
        # pydantic treats `_name` as a private attribute, so the schemas would silently drop it
        raise SpecError(f"field name {name!r} cannot start with an underscore")
    shadowed = _shadows(name)
    if shadowed:
        raise SpecError(f"field name {name!r} {shadowed}; pick another (e.g. {name}_value)")
    if ftype not in (*SCALAR_TYPES, "enum", "fk"):
        known = ", ".join((*SCALAR_TYPES, "enum[...]", "fk[Model]"))
        raise SpecError(f"field {name!r} has unknown type {ftype!r}; known types: {known}")
    enum_values: tuple[str, ...] = ()
    fk_target = None
    if ftype == "enum":
        enum_values = tuple(v.strip() for v in (arg or "").split(",") if v.strip())
        if not enum_values or not all(_ENUM_VALUE.match(v) for v in enum_values):
            raise SpecError(f"field {name!r}: enum needs identifiers, e.g. enum[pending,paid]")
        bad = [v for v in enum_values if keyword.iskeyword(v)]
        if bad:  # each value becomes a class attribute: `None = "None"` does not compile
            raise SpecError(f"field {name!r}: enum value {bad[0]!r} is a Python keyword")
        if len(set(enum_values)) != len(enum_values):
            raise SpecError(f"field {name!r}: enum values repeat")
    elif ftype == "fk":
        if not arg or not re.match(r"^[A-Z][A-Za-z0-9]*$", arg):
            raise SpecError(f"field {name!r}: fk needs a model name, e.g. fk[Customer]")
        fk_target = arg
    elif arg is not None:
        raise SpecError(f"field {name!r}: type {ftype} takes no [...] argument")
    if default is not None:
        _check_default(name, ftype, default, enum_values)
    if ftype == "json" and "!" in flags:
        raise SpecError(f"field {name!r}: json fields cannot be unique")
    return FieldSpec(
        name=name,
        type=ftype,
        optional="?" in flags,
        unique="!" in flags,
        default=default,
        enum_values=enum_values,
        fk_target=fk_target,
    )


def _check_default(name: str, ftype: str, value: str, enum_values: tuple[str, ...]) -> None:
    checks = {
        # int and float defaults are written into the code as they are typed, so they must be
        # Python literals (`007`, `nan` and `inf` convert with int()/float() but do not compile)
        "int": lambda v: _number_literal(v, (int,)),
        "float": lambda v: _number_literal(v, (int, float)),
        "decimal": lambda v: decimal.Decimal(v),
        "bool": lambda v: {"true": True, "false": False}[v.lower()],
        "date": lambda v: _dt.date.fromisoformat(v),
        "datetime": lambda v: _dt.datetime.fromisoformat(v),
        "uuid": lambda v: _uuid.UUID(v),
    }
    if ftype == "enum" and value not in enum_values:
        raise SpecError(f"field {name!r}: default {value!r} is not one of {', '.join(enum_values)}")
    if ftype in ("json", "fk"):
        raise SpecError(f"field {name!r}: {ftype} fields take no default")
    if ftype in checks:
        try:
            checks[ftype](value)
        except (
            ValueError,
            KeyError,
            SyntaxError,
            TypeError,
            RecursionError,
            decimal.InvalidOperation,
        ):
            raise SpecError(f"field {name!r}: default {value!r} is not a valid {ftype}") from None


def _number_literal(text: str, types: tuple[type, ...]) -> None:
    if (
        type(ast.literal_eval(text.strip())) not in types
    ):  # `True` is an int, but not a valid int default
        raise ValueError(text)


# What generated classes and modules name in their annotations and bodies: a field or a resource
# spelled like one of these would shadow it there.
_TYPE_MODULES = frozenset(
    {"date", "datetime", "decimal", "uuid", "enum", "json", "typing", "sa", "Decimal", "Optional", "Union"}
    | {"str", "int", "float", "bool", "dict", "list", "set", "tuple", "bytes", "object"}
)


def _shadows(name: str) -> str | None:
    """Why a field name would break the class it lands in, or None."""
    if name in ("self", "cls"):
        return "would shadow the method argument"
    if name.startswith("model_"):
        return "is in pydantic's protected model_ namespace"
    if name in _TYPE_MODULES:
        return f"would shadow the {name!r} that field annotations use"
    return None


def parse_resource(name: str, field_texts: list[str] | tuple[str, ...]) -> ResourceSpec:
    """The whole spec; with no fields the resource gets `name:str`."""
    names = ResourceNames.parse(name)
    for spelling in (names.pascal, names.snake, names.plural_snake):
        if keyword.iskeyword(spelling) or spelling in _TYPE_MODULES:
            raise SpecError(f"resource name {name!r}: {spelling!r} would shadow Python's own; pick another")
    fields = tuple(parse_field(t) for t in field_texts) or (FieldSpec(name="name", type="str"),)
    seen: set[str] = set()
    for f in fields:
        if f.column_name in seen:
            raise SpecError(f"field {f.name!r} is given twice")
        seen.add(f.column_name)
    return ResourceSpec(names=names, fields=fields)
