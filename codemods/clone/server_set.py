"""Fields the server sets: a spec field naming a column the project fills on the server.

A resource's create schema leaves out the columns its code fills itself (the key, timestamps, an
owner taken from the signed-in user). A new field with the name and target of such a reference
(`owner:fk[User]` where the exemplar sets `owner_id` from the current user) is that column, set
the way the exemplar sets it, never by clients; a field that would shadow any other server-set
column is refused, as is one the project sets on the server elsewhere while the exemplar would let
clients choose it (a row could be handed to another user).
"""

from __future__ import annotations

from dataclasses import replace

from codemods.errors import ConventionError, SpecError
from codemods.spec import FieldSpec, ResourceSpec
from detectors.resources import Footprint


def sets_on_server(fp: Footprint, field: FieldSpec) -> bool:
    """Whether `fp` fills this fk column itself (same column, same target)."""
    return (
        field.type == "fk"
        and field.column_name in fp.server_set
        and (field.column_name, field.fk_target) in fp.references
    )


def serves(fp: Footprint, spec: ResourceSpec, footprints: tuple[Footprint, ...]) -> bool:
    """Whether `fp` sets every spec reference the project sets on the server somewhere."""
    return all(
        sets_on_server(fp, f)
        for f in spec.fields
        if any(sets_on_server(g, f) for g in footprints)
    )


def without_server_set(
    spec: ResourceSpec, fp: Footprint, footprints: tuple[Footprint, ...]
) -> tuple[ResourceSpec, tuple[str, ...]]:
    """The spec minus the fields the exemplar sets on the server, and a note for each."""
    kept: list[FieldSpec] = []
    notes: list[str] = []
    for f in spec.fields:
        if sets_on_server(fp, f):
            notes.append(
                f"field {f.name} is {fp.model}'s {f.column_name}: set by the server, never by clients"
            )
            continue
        if f.column_name in fp.server_set:
            raise SpecError(
                f"field {f.name!r}: {fp.model}, the exemplar, sets {f.column_name} on the server; "
                "pick another name"
            )
        setter = next((g for g in footprints if g is not fp and sets_on_server(g, f)), None)
        if setter is not None:
            raise ConventionError(
                f"field {f.name!r}: {setter.model} sets {f.column_name} on the server (clients never "
                f"choose it) but {fp.model}, the exemplar, has no such column; clone {setter.model} "
                f"(--like {setter.model})"
            )
        kept.append(f)
    return replace(spec, fields=tuple(kept)), tuple(notes)
