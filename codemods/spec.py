"""The resource spec: a name plus fields in a small grammar, normalised once.

Field grammar:  NAME:TYPE[(MIN..MAX)][?][!][=DEFAULT]
  TYPE     str | text | int | float | bool | decimal | date | datetime | uuid | json
           | enum[a,b,c] | fk[Model] | list[ITEM] | object{NAME:ITEM,...}
           | union[TAG{NAME:ITEM,...},TAG{...},...]  (one sub-model per TAG, told apart by `type`)
  ITEM     str | int | float | bool (what a JSON column stores as it is)
  (MIN..MAX)  a length for str and text, a value range for int, float and decimal;
           either side may be left out: str(..80), int(1..)
  ?        optional (nullable, not required on create)
  !        unique
  =VALUE   default (a literal of the type; for enum one of its values)
Example: `total:decimal(0..) status:enum[pending,paid]=pending note:text? code:str(3..20)!`

Computed:  @NAME=EXPR  a read-only value of the read schema (see computed.py), e.g. @total=qty*price
"""

from __future__ import annotations

import ast
import datetime as _dt
import decimal
import keyword
import re
import uuid as _uuid
from dataclasses import dataclass

from codemods.computed import ComputedField, parse_computed
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
    r"^(?P<name>[a-z_][a-z0-9_]*):(?P<type>[a-z]+)(?:\[(?P<arg>[^\]]*)\])?(?:\{(?P<members>.*)\})?"
    r"(?:\((?P<limits>[^)]*)\))?(?P<flags>[?!]*)(?:=(?P<default>.*))?$"
)
# list items and object members: what a JSON column holds without a custom encoder
JSON_ITEM_TYPES = ("str", "int", "float", "bool")
_LENGTH_TYPES = ("str", "text")
_RANGE_TYPES = ("int", "float", "decimal")
_INT32 = (-(2**31), 2**31 - 1)  # the Integer column an int field gets
_ENUM_VALUE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_VARIANT = r"\s*([a-z][a-z0-9_]*)\s*\{([^{}]*)\}\s*"
DISCRIMINATOR = "type"  # the member each union variant is told apart by


@dataclass(frozen=True)
class Limits:
    """`(MIN..MAX)` after a type, canonical literals; a length for str/text, a range for numbers."""

    low: str | None = None
    high: str | None = None


@dataclass(frozen=True)
class FieldSpec:
    """One column of the resource, as the user asked for it."""

    name: str
    type: str  # one of SCALAR_TYPES, "enum", "fk", "list", "object" or "union"
    optional: bool = False
    unique: bool = False
    default: str | None = None  # the literal as typed, validated for the type
    enum_values: tuple[str, ...] = ()
    fk_target: str | None = None  # model name for fk fields
    limits: Limits | None = None
    item_type: str | None = None  # a list's items: one of JSON_ITEM_TYPES
    members: tuple[FieldSpec, ...] = ()  # an object's fields
    variants: tuple[FieldSpec, ...] = ()  # a union's: objects named by their `type` tag
    # a value the project's own tests send for it, as code: a field kept from an exemplar that
    # validates it (`@field_validator("url")`), which a made-up sample may not pass
    example: str | None = None

    @property
    def required_on_create(self) -> bool:
        # a list left out is an empty list
        return not self.optional and self.default is None and self.type != "list"

    @property
    def stored_as_json(self) -> bool:
        return self.type in ("json", "list", "object", "union")

    @property
    def column_name(self) -> str:
        return (
            f"{self.name}_id" if self.type == "fk" and not self.name.endswith("_id") else self.name
        )

    def constraints(self, decimal_name: str = "Decimal") -> tuple[tuple[str, str], ...]:
        """The pydantic keywords the limits become, values as code: `(("min_length", "3"),
        ("max_length", "80"))`; a fractional decimal bound stays exact, `Decimal("0.5")`."""
        if self.limits is None:
            return ()
        low, high = ("min_length", "max_length") if self.type in _LENGTH_TYPES else ("ge", "le")
        out = []
        for name, value in ((low, self.limits.low), (high, self.limits.high)):
            if value is not None and self.type == "decimal" and not value.lstrip("-").isdigit():
                value = f'{decimal_name}("{value}")'  # a float would compare inexactly
            if value is not None:
                out.append((name, value))
        return tuple(out)


@dataclass(frozen=True)
class ResourceSpec:
    names: ResourceNames
    fields: tuple[FieldSpec, ...]
    computed: tuple[ComputedField, ...] = ()  # `@name=expr`: read schema only, never stored

    def enum_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.type == "enum")


def parse_field(text: str) -> FieldSpec:
    """Parse one `name:type[(min..max)][?][!][=default]` token; SpecError names what is wrong."""
    match = _FIELD.match(text.strip())
    if not match:
        raise SpecError(
            f"field {text!r} does not parse; expected name:type[(min..max)][?][!][=default], e.g. total:decimal"
        )
    name, ftype, arg, members_text, limits_text, flags, default = match.group(
        "name", "type", "arg", "members", "limits", "flags", "default"
    )
    _check_name(name)
    if ftype not in (*SCALAR_TYPES, "enum", "fk", "list", "object", "union"):
        known = ", ".join((*SCALAR_TYPES, "enum[...]", "fk[Model]", "list[str]", "object{...}", "union[a{...},b{...}]"))
        raise SpecError(f"field {name!r} has unknown type {ftype!r}; known types: {known}")
    if members_text is not None and ftype != "object":
        raise SpecError(f"field {name!r}: type {ftype} takes no {{...}} members")
    enum_values: tuple[str, ...] = ()
    fk_target = item_type = None
    members: tuple[FieldSpec, ...] = ()
    variants: tuple[FieldSpec, ...] = ()
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
    elif ftype == "list":
        item_type = _json_item(name, "list items", (arg or "").strip())
    elif ftype == "object":
        if arg is not None or members_text is None:
            raise SpecError(f"field {name!r}: object needs members, e.g. object{{street:str,city:str}}")
        members = _members(name, members_text)
    elif ftype == "union":
        variants = _variants(name, arg or "")
    elif arg is not None:
        raise SpecError(f"field {name!r}: type {ftype} takes no [...] argument")
    limits = _limits(name, ftype, limits_text) if limits_text is not None else None
    if default is not None:
        _check_default(name, ftype, default, enum_values)
        _check_within(name, ftype, default, limits)
    if ftype in ("json", "list", "object", "union") and "!" in flags:
        raise SpecError(f"field {name!r}: {ftype} fields cannot be unique")
    if ftype == "fk" and "!" in flags:
        # one row per target (one-to-one): the tests written for it make several rows under one
        # target row, which the database refuses
        raise SpecError(f"field {name!r}: a unique fk (one row per {fk_target}) is not supported yet; drop the '!'")
    return FieldSpec(
        name=name,
        type=ftype,
        optional="?" in flags,
        unique="!" in flags,
        default=default,
        enum_values=enum_values,
        fk_target=fk_target,
        limits=limits,
        item_type=item_type,
        members=members,
        variants=variants,
    )


def _check_name(name: str, column: bool = True) -> None:
    """Refuse a name Python, pydantic or (for a column) the server-set fields already use."""
    if keyword.iskeyword(name) or (column and name in RESERVED_FIELDS):
        raise SpecError(f"field name {name!r} is reserved")
    if name.startswith("_"):
        # pydantic treats `_name` as a private attribute, so the schemas would silently drop it
        raise SpecError(f"field name {name!r} cannot start with an underscore")
    shadowed = _shadows(name)
    if shadowed:
        raise SpecError(f"field name {name!r} {shadowed}; pick another (e.g. {name}_value)")


def _json_item(name: str, what: str, item: str) -> str:
    if item not in JSON_ITEM_TYPES:
        # dates, decimals and uuids are not JSON: the column could not store them as they come
        raise SpecError(
            f"field {name!r}: {what} must be one of {', '.join(JSON_ITEM_TYPES)}, not {item or 'nothing'!r}"
        )
    return item


def _members(name: str, text: str) -> tuple[FieldSpec, ...]:
    """`street:str,city:str?` -> the sub-model's fields: JSON scalars, optional or bounded."""
    if any(c in text for c in "[]{}"):
        raise SpecError(f"field {name!r}: object members take {', '.join(JSON_ITEM_TYPES)}; nothing nested")
    parts = [p.strip() for p in text.split(",")]
    if not all(parts):
        raise SpecError(f"field {name!r}: object members are name:type, separated by commas")
    members = []
    for part in parts:
        m = re.match(r"^([a-z][a-z0-9_]*):([a-z]+)(?:\(([^)]*)\))?(\??)$", part)
        if not m:
            raise SpecError(
                f"field {name!r}: object member {part!r} must be name:type[(min..max)][?] "
                f"with a type of {', '.join(JSON_ITEM_TYPES)}"
            )
        member, mtype, limits_text, flag = m.groups()
        _check_name(member, column=False)  # `id` inside an address is the client's own
        _json_item(name, f"object member {member!r}", mtype)
        limits = _limits(f"{name}.{member}", mtype, limits_text) if limits_text is not None else None
        members.append(FieldSpec(member, mtype, optional=bool(flag), limits=limits))
    if len({m.name for m in members}) != len(members):
        raise SpecError(f"field {name!r}: object members repeat")
    return tuple(members)


def _variants(name: str, text: str) -> tuple[FieldSpec, ...]:
    """`card{last4:str},transfer{iban:str}` -> one object per tag; `cash{}` has no members."""
    if not re.fullmatch(rf"{_VARIANT}(?:,{_VARIANT})*", text):
        raise SpecError(f"field {name!r}: union needs tagged variants, e.g. union[card{{last4:str}},transfer{{iban:str}}]")
    variants = []
    for tag, members_text in re.findall(_VARIANT, text):
        if keyword.iskeyword(tag):  # the tag names a sub-model class and its Literal value
            raise SpecError(f"field {name!r}: union tag {tag!r} is a Python keyword")
        members = _members(f"{name}.{tag}", members_text) if members_text.strip() else ()
        if any(m.name == DISCRIMINATOR for m in members):
            raise SpecError(f"field {name!r}: variant {tag!r} cannot have a member named {DISCRIMINATOR!r}, the tag's own")
        variants.append(FieldSpec(tag, "object", members=members))
    tags = [v.name for v in variants]
    if len(tags) < 2:
        raise SpecError(f"field {name!r}: a union needs two variants or more; one is object{{...}}")
    if len(set(tags)) != len(tags):
        raise SpecError(f"field {name!r}: union tags repeat")
    return tuple(variants)


def unknown_tag(field: FieldSpec) -> str:
    """A `type` none of the union's variants has: tests send it and expect a 422."""
    tag = "unknown"
    while tag in {v.name for v in field.variants}:
        tag += "_kind"
    return tag


def _limits(name: str, ftype: str, text: str) -> Limits:
    """`3..80`, `..80`, `1..`: checked for the type and put in canonical form."""
    if ftype not in (*_LENGTH_TYPES, *_RANGE_TYPES):
        raise SpecError(f"field {name!r}: type {ftype} takes no (min..max) bounds")
    low_text, sep, high_text = (part.strip() for part in text.partition(".."))
    if not sep or low_text.endswith(".") or high_text.startswith("."):
        raise SpecError(f"field {name!r}: bounds are written (min..max), e.g. {ftype}(1..10) or {ftype}(..10)")
    if not low_text and not high_text:
        raise SpecError(f"field {name!r}: ({text}) gives no bound; leave it out or give min or max")
    what = "length" if ftype in _LENGTH_TYPES else ftype
    low, high = (_bound(name, ftype, what, t) if t else None for t in (low_text, high_text))
    if low is not None and high is not None and _number(ftype, low) > _number(ftype, high):
        raise SpecError(f"field {name!r}: the minimum {low} is above the maximum {high}")
    if ftype in _LENGTH_TYPES and high == "0":
        raise SpecError(f"field {name!r}: a maximum length of 0 leaves only the empty string")
    return Limits(low, high)


def _bound(name: str, ftype: str, what: str, text: str) -> str:
    try:
        if ftype in ("str", "text", "int"):
            _number_literal(text, (int,))
            value = int(ast.literal_eval(text))
            canonical = str(value)
        elif ftype == "float":
            _number_literal(text, (int, float))
            canonical = text
        else:
            if not decimal.Decimal(text).is_finite():
                raise ValueError(text)
            canonical = text
    except (ValueError, SyntaxError, TypeError, RecursionError, decimal.InvalidOperation):
        raise SpecError(f"field {name!r}: bound {text!r} is not a valid {what}") from None
    if ftype in _LENGTH_TYPES and value < 0:
        raise SpecError(f"field {name!r}: a length cannot be negative ({text})")
    if ftype == "int" and not _INT32[0] <= value <= _INT32[1]:
        raise SpecError(f"field {name!r}: bound {text} is outside the Integer column's range")
    return canonical


def _number(ftype: str, text: str) -> decimal.Decimal:
    return decimal.Decimal(str(ast.literal_eval(text))) if ftype == "float" else decimal.Decimal(text)


def _check_within(name: str, ftype: str, default: str, limits: Limits | None) -> None:
    """A default the field's own bounds refuse would fail every create that leaves it out."""
    if limits is None:
        return
    if ftype in _LENGTH_TYPES:
        value, shown = decimal.Decimal(len(default)), f"default {default!r} has length {len(default)}"
    else:
        value, shown = _number(ftype, default), f"default {default}"
    if limits.low is not None and value < _number(ftype, limits.low):
        raise SpecError(f"field {name!r}: {shown}, below the minimum {limits.low}")
    if limits.high is not None and value > _number(ftype, limits.high):
        raise SpecError(f"field {name!r}: {shown}, above the maximum {limits.high}")


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
    if ftype in ("json", "fk", "object", "union"):
        raise SpecError(f"field {name!r}: {ftype} fields take no default")
    if ftype == "list":
        raise SpecError(f"field {name!r}: list fields take no default; they start as []")
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
    stored = [t for t in field_texts if not t.strip().startswith("@")]
    fields = tuple(parse_field(t) for t in stored) or (FieldSpec(name="name", type="str"),)
    seen: set[str] = set()
    for f in fields:
        if f.column_name in seen:
            raise SpecError(f"field {f.name!r} is given twice")
        seen.add(f.column_name)
    _check_classes(fields)
    kinds = {f.column_name: f.type for f in fields}
    optional = {f.column_name for f in fields if f.optional}
    computed = tuple(parse_computed(t, kinds, optional) for t in field_texts if t.strip().startswith("@"))
    for c in computed:
        _check_name(c.name)
        if c.name in seen:
            raise SpecError(f"field {c.name!r} is given twice")
        seen.add(c.name)
    return ResourceSpec(names=names, fields=fields, computed=computed)


def _check_classes(fields: tuple[FieldSpec, ...]) -> None:
    """Refuse two fields whose generated classes would share a name (`payment:union[card{}...]`
    makes `...PaymentCard`, as `payment_card:object{...}` does)."""
    seen: dict[str, str] = {}
    for f in fields:
        if f.type not in ("enum", "object", "union"):
            continue
        stems = [f.name.split("_")] + [[*f.name.split("_"), *v.name.split("_")] for v in f.variants]
        for stem in stems:
            key = "".join(w.capitalize() for w in stem)
            if key in seen and seen[key] != f.name:
                raise SpecError(f"fields {seen[key]!r} and {f.name!r} would both define a class ...{key}; rename one")
            seen[key] = f.name
