"""`--from-model Order`: the resource's fields read from a model that exists, never re-declared.

Each column a client may write becomes a token of the field grammar (`tier:enum[gold,silver]=silver`,
`category_id:fk[Category]?`), so the rest of the run is the run for typed fields, with the model
already in place (the cloner completes a resource whose model exists and leaves that file alone).
Columns the server fills (the key, server defaults, computed defaults) are not fields.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codemods.clone.plan import ExistingModel
from codemods.errors import ConventionError
from codemods.spec import RESERVED_FIELDS, ResourceSpec, parse_resource
from detectors.model_columns import ColumnInfo, find_model, model_columns
from detectors.project import ProjectIndex
from detectors.resources import Footprint, logic_uses

_LITERAL_KINDS = ("str", "text", "int", "float", "decimal", "bool", "date", "datetime", "uuid")


@dataclass(frozen=True)
class ModelFields:
    """What the model gives the spec."""

    fields: tuple[str, ...]  # tokens of the field grammar
    columns: frozenset[str]  # every column, server-set ones included
    enum_classes: tuple[tuple[str, str], ...]  # (field, the model's enum class)
    notes: tuple[str, ...]


def fields_from_model(model: str, columns: tuple[ColumnInfo, ...]) -> ModelFields:
    """The model's client-writable columns as field tokens; ConventionError for a required column
    whose type the grammar cannot express (its endpoints could never create a row)."""
    tokens, enums, notes = [], [], []
    for c in columns:
        if c.server_set:
            continue
        if c.name in RESERVED_FIELDS:
            notes.append(f"{c.name}: left to the server, as the resources that have it do")
            continue
        if c.kind == "other" or (c.kind == "fk" and c.fk_model is None) or (c.kind == "enum" and not c.enum_values):
            if c.nullable or c.default is not None:
                notes.append(f"{c.name}: its type ({c.annotation or 'unknown'}) has no field kind; left out of the schemas")
                continue
            raise ConventionError(
                f"--from-model {model}: column {c.name} ({c.annotation or 'unknown type'}) is required and its type "
                "has no field kind here; its endpoints could not create a row"
            )
        token = f"{c.name}:{_kind(c)}" + ("?" if c.nullable else "") + ("!" if c.unique else "")
        default = _default(c)
        if default is not None and c.kind not in ("fk", "json"):
            token += f"={default}"
        tokens.append(token)
        if c.kind == "enum" and c.enum_class:
            enums.append((c.name, c.enum_class))
    if not tokens:
        raise ConventionError(f"--from-model {model}: no column a client could write")
    return ModelFields(tuple(tokens), frozenset(c.name for c in columns), tuple(enums), tuple(notes))


def _kind(c: ColumnInfo) -> str:
    if c.kind == "str" and c.length is not None:
        return f"str(..{c.length})"  # the schemas refuse what the column cannot hold
    if c.kind == "enum":
        return f"enum[{','.join(c.enum_values)}]"
    if c.kind == "fk":
        return f"fk[{c.fk_model}]"
    return c.kind


def _default(c: ColumnInfo) -> str | None:
    """The default in the grammar's spelling, or None where the column has none it can say."""
    if c.default is None:
        return None
    node = ast.parse(c.default, mode="eval").body
    if c.kind == "enum":
        member = node.attr if isinstance(node, ast.Attribute) else node.value if isinstance(node, ast.Constant) else None
        return member if member in c.enum_values else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Decimal" and node.args:
        node = node.args[0]
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return None
    if c.kind == "bool" and (isinstance(value, bool) or str(value).lower() in ("true", "false")):
        return str(value).lower()  # True, or server_default="false"
    if c.kind in _LITERAL_KINDS and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def spec_from_model(reference: str, index: ProjectIndex) -> tuple[ResourceSpec, list[str]]:
    """The spec of `--from-model Order` (or `path.py:Order`): the model's client-writable columns
    as fields; and the lines saying so."""
    path, _, name = reference.rpartition(":")
    model = find_model(index, name, path or None)
    if model is None:
        where = f" in {path}" if path else ""
        raise ConventionError(f"--from-model {reference}: no model class {name}{where}")
    found = fields_from_model(name, model_columns(index, model))
    lines = [f"fields read from {model.module.path}:{name}: {' '.join(found.fields)}", *found.notes]
    return parse_resource(name, found.fields), lines


def existing_model(index: ProjectIndex, footprint: Footprint) -> ExistingModel | None:
    """The new resource's model as it is in the project, for the clone to fit."""
    model = find_model(index, footprint.model, footprint.model_path)
    if model is None:
        return None
    columns = model_columns(index, model)
    enums = {c.name: c.enum_class for c in columns if c.enum_class}
    return ExistingModel(footprint.model_path, frozenset(c.name for c in columns), enums)


def fitting(
    index: ProjectIndex, footprints: tuple[Footprint, ...], model: ExistingModel, spec: ResourceSpec, like: str | None
) -> tuple[tuple[Footprint, ...], str | None]:
    """The resources whose code fits the existing model, and a line naming those passed over:
    none whose logic reads a server-set column the model lacks (a keyset on created_at, rows
    scoped by owner_id), since that code cannot be cut away and still run."""
    unfit: dict[str, list[str]] = {}  # resource -> the columns its logic reads that the model lacks
    # a resource keyed otherwise (a uuid where the model has an int) writes schemas, routes and
    # tests for its own key: the clone would answer 500 to every read
    own = next((f.key for f in footprints if f.model == spec.names.pascal), None)
    keyed: dict[str, tuple[str, str]] = {}
    for f in footprints:
        if f.model != spec.names.pascal:
            if own is not None and f.key != own:
                keyed[f.model] = f.key
                continue
            lacking = set(f.server_set) - set(model.columns) - {f.key[0]}
            used = logic_uses(index, f, lacking) if lacking else set()
            if used:
                unfit[f.model] = sorted(used)
    if like in keyed and own is not None:
        raise ConventionError(
            f"--like {like}: its key is {_key(keyed[like])}, {spec.names.pascal}'s ({model.path}) is "
            f"{_key(own)}; clone a resource keyed like it"
        )
    if like in unfit:
        raise ConventionError(
            f"--like {like}: its code reads {', '.join(unfit[like])}, which {spec.names.pascal} "
            f"({model.path}) lacks; add them to the model or clone another resource"
        )
    lines = []
    if unfit:
        lines.append(f"not cloned: {', '.join(unfit)} (their code reads server-set columns {spec.names.pascal} lacks)")
    if keyed and own is not None:
        lines.append(f"not cloned: {', '.join(keyed)} (keyed otherwise than {spec.names.pascal}'s {_key(own)})")
    return tuple(f for f in footprints if f.model not in unfit and f.model not in keyed), "; ".join(lines) or None


def _key(key: tuple[str, str]) -> str:
    """`id: uuid`: a footprint's key attribute and its Python type."""
    return f"{key[0]}: {key[1]}"
