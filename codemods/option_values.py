"""What each option asks for, parsed from its text before the project is read.

The command line and the config check these values first, so a mistyped option is refused in
one line without reading anything. This module imports no libcst: the command starts fast (a
run answered from the result cache never loads the transformers at all).
"""

from __future__ import annotations

import json
import keyword
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from codemods.errors import SpecError

if TYPE_CHECKING:
    from codemods.spec import FieldSpec, ResourceSpec

# --methods
OPS = ("list", "get", "create", "update", "delete")
PRESETS = {"crud": OPS, "read-only": ("list", "get")}


def parse_methods(text: str) -> tuple[str, ...]:
    """The operations named by `text`, in OPS order; SpecError names what is wrong."""
    text = text.strip()
    if text in PRESETS:
        return PRESETS[text]
    asked = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [op for op in asked if op not in OPS]
    if unknown or not asked:
        known = ", ".join((*PRESETS, *OPS))
        raise SpecError(f"--methods {text!r}: {unknown[0] if unknown else 'nothing'} is not one of {known}")
    if "get" not in asked and any(op in asked for op in ("update", "delete")):
        # the clients of update and delete find the row first; the generated tests do too
        raise SpecError(f"--methods {text!r}: update and delete need get")
    return tuple(op for op in OPS if op in asked)


# --auth
AUTH_KINDS = ("existing", "jwt", "api-key", "none")


@dataclass(frozen=True)
class AuthChoice:
    """What `--auth` asked for."""

    kind: str


def parse_auth(text: str) -> AuthChoice:
    """`jwt` -> AuthChoice("jwt"); SpecError names what is wrong."""
    return AuthChoice(_one_of("--auth", text, AUTH_KINDS))


# --rbac
RBAC_KINDS = ("none", "role", "ownership")
_RBAC_USAGE = "none, role:ROLE[,ROLE...] or ownership"


@dataclass(frozen=True)
class RbacChoice:
    """What `--rbac` asked for: the kind, and for `role` the roles allowed."""

    kind: str
    roles: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"role:{','.join(self.roles)}" if self.kind == "role" else self.kind


def parse_rbac(text: str) -> RbacChoice:
    """`role:admin,editor` -> RbacChoice("role", ("admin", "editor")); SpecError names what is wrong."""
    kind, colon, rest = text.strip().partition(":")
    if kind not in RBAC_KINDS:
        raise SpecError(f"--rbac {text!r}: {kind!r} is not one of {_RBAC_USAGE}")
    if kind != "role":
        if colon:
            raise SpecError(f"--rbac {text!r}: {kind} takes no value")
        return RbacChoice(kind)
    roles = tuple(r.strip() for r in rest.split(",")) if colon else ()
    if not roles or not all(roles):
        raise SpecError(
            f"--rbac {text!r}: name the roles allowed, e.g. role:admin or role:admin,editor"
        )
    for role in roles:
        if not role.isidentifier() or keyword.iskeyword(role):
            raise SpecError(f"--rbac {text!r}: {role!r} is not a role name (letters, digits, _)")
    return RbacChoice("role", tuple(dict.fromkeys(roles)))


# --pagination
PAGINATION_STYLES = ("cursor", "offset", "page", "none")


@dataclass(frozen=True)
class PaginationChoice:
    """What `--pagination` asked for."""

    style: str


def parse_pagination(text: str) -> PaginationChoice:
    """`cursor` -> PaginationChoice("cursor"); SpecError names what is wrong."""
    return PaginationChoice(_one_of("--pagination", text, PAGINATION_STYLES))


# --cache
CACHE_KINDS = ("none", "headers", "memory", "redis")
DEFAULT_SECONDS = 60
MAX_SECONDS = 366 * 24 * 3600  # a year: longer is a mistake, not a cache
_CACHE_USAGE = "none, headers[:max_age], memory[:ttl] or redis[:ttl]"


@dataclass(frozen=True)
class CacheChoice:
    """What `--cache` asked for: the kind and its seconds (max-age, or the time to live)."""

    kind: str
    seconds: int = DEFAULT_SECONDS


def parse_cache(text: str) -> CacheChoice:
    """`headers:120` -> CacheChoice("headers", 120); SpecError names what is wrong."""
    kind, colon, seconds = text.strip().partition(":")
    if kind not in CACHE_KINDS:
        raise SpecError(f"--cache {text!r}: {kind!r} is not one of {_CACHE_USAGE}")
    if not colon:
        return CacheChoice(kind)
    if kind == "none":
        raise SpecError(f"--cache {text!r}: none takes no seconds")
    if not (seconds.isascii() and seconds.isdigit()) or not 1 <= int(seconds) <= MAX_SECONDS:
        raise SpecError(f"--cache {text!r}: {seconds!r} is not a whole number of seconds from 1 to {MAX_SECONDS}")
    return CacheChoice(kind, int(seconds))


def _one_of(option: str, text: str, values: tuple[str, ...]) -> str:
    """`text` stripped, when it is one of `values`."""
    value = text.strip()
    if value not in values:
        raise SpecError(f"{option} {text!r}: not one of {', '.join(values)}")
    return value


# --action: checked against the resource's fields, which a spec file gives with them
_ACTION_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SETTABLE = ("str", "text", "int", "float", "decimal", "bool", "enum", "date", "datetime", "uuid")


@dataclass(frozen=True)
class Action:
    name: str  # cancel
    field: str | None = None  # status; None: a stub for the developer
    value: str | None = None  # cancelled, as typed

    def literal(self, kind: str) -> str:
        """The value as Python code: for the update schema (pydantic coerces the strings of
        enums, dates and decimals) and for the tests comparing the API's answer."""
        if kind == "bool":
            return "True" if self.value == "true" else "False"
        if kind in ("int", "float"):
            return str(self.value)
        return json.dumps(self.value)  # double quotes, as formatters write strings


def parse_action(text: str, spec: ResourceSpec) -> Action:
    """`name` or `name:field=value`, checked against the spec's fields; SpecError says why not."""
    name, colon, change = text.strip().partition(":")
    if not _ACTION_NAME.match(name) or name in OPS:
        raise SpecError(f"--action {text!r}: the name must be a lowercase identifier other than {', '.join(OPS)}")
    if not colon:
        return Action(name)
    field_name, eq, value = change.partition("=")
    field = next((f for f in spec.fields if field_name in (f.name, f.column_name)), None)
    if not eq or field is None:
        known = ", ".join(f.column_name for f in spec.fields)
        raise SpecError(f"--action {text!r}: expected {name}:FIELD=VALUE with FIELD one of {known}")
    if field.type not in _SETTABLE:
        raise SpecError(f"--action {text!r}: a {field.type} field cannot be set to a fixed value")
    valid = {
        "enum": lambda v: v in field.enum_values,
        "bool": lambda v: v in ("true", "false"),
        "int": lambda v: re.fullmatch(r"-?\d+", v) is not None,
        "float": lambda v: re.fullmatch(r"-?\d+(\.\d+)?", v) is not None,
        "decimal": lambda v: re.fullmatch(r"-?\d+(\.\d+)?", v) is not None,
    }.get(field.type, lambda v: True)
    if not valid(value):
        allowed = f" (one of {', '.join(field.enum_values)})" if field.type == "enum" else ""
        raise SpecError(f"--action {text!r}: {value!r} is not a valid {field.type}{allowed}")
    return Action(name, field.column_name, value)


# --filter: checked against the resource's fields too
RANGED = ("int", "float", "decimal", "date", "datetime")  # compared by size: `__gte`/`__lte` too
_FILTERABLE = (*RANGED, "str", "text", "bool", "enum", "uuid", "fk")


def parse_filters(text: str, spec: ResourceSpec) -> tuple[FieldSpec, ...]:
    """The fields of `--filter a,b`; SpecError (one line) for a name that is not a field."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    known = {f.column_name: f for f in spec.fields} | {f.name: f for f in spec.fields}
    out: list[FieldSpec] = []
    for name in names or [""]:
        field = known.get(name)
        if field is None:
            listed = ", ".join(f.column_name for f in spec.fields)
            raise SpecError(
                f"--filter {text!r}: {name or 'nothing'} is not a field of {spec.names.pascal} ({listed})"
            )
        if field.type not in _FILTERABLE:
            raise SpecError(f"--filter {text!r}: a {field.type} field cannot be matched exactly")
        if field not in out:
            out.append(field)
    return tuple(out)
