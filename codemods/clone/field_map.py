"""Which exemplar field becomes which new field: kept, renamed, dropped, or added.

A new field pairs with an exemplar field of the same kind, optionality, uniqueness and
default-ness: the exemplar's code for it is then the new field's code, renamed. A field of the
same name and kind is kept exactly. The rest of the exemplar's fields are dropped with the code
tied to them, and the rest of the new fields are added in the way the exemplar writes fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from codemods.clone.enum_values import EnumChange
from codemods.spec import RESERVED_FIELDS, FieldSpec
from detectors.resources import FieldInfo


@dataclass(frozen=True)
class FieldMap:
    renames: tuple[tuple[str, str], ...]  # exemplar attribute -> new attribute
    kept: tuple[str, ...]
    dropped: tuple[str, ...]
    added: tuple[FieldSpec, ...]
    exemplar: tuple[FieldInfo, ...]
    new: tuple[FieldSpec, ...]

    @property
    def enum_changes(self) -> tuple[EnumChange, ...]:
        """Kept enum fields whose values the new resource changes."""
        exemplar = {e.name: e for e in self.exemplar}
        out = []
        for name in self.kept:
            f, e = self.spec_of(name), exemplar[name]
            if f is not None and f.type == "enum" and tuple(e.values) != tuple(f.enum_values):
                out.append(EnumChange(name, tuple(e.values), tuple(f.enum_values)))
        return tuple(out)

    @property
    def rename_table(self) -> dict[str, str]:
        return dict(self.renames)

    def spec_of(self, attr: str) -> FieldSpec | None:
        """The new field whose attribute is `attr` (after renames)."""
        return next((f for f in self.new if f.column_name == attr), None)

    def describe(self) -> list[str]:
        """Human lines for --plan: what happened to each field."""
        lines = [f"field {a} -> {b} (same kind)" for a, b in self.renames]
        changed = {c.field: c for c in self.enum_changes}
        lines += [
            f"field {k} kept as the exemplar writes it"
            + (f", values {', '.join(changed[k].old)} -> {', '.join(changed[k].new)}" if k in changed else "")
            for k in self.kept
        ]
        lines += [f"field {d} dropped with the code tied to it" for d in self.dropped]
        lines += [f"field {f.name} added ({f.type})" for f in self.added]
        return lines


def _same_kind(e: FieldInfo, f: FieldSpec) -> bool:
    """Same kind; an enum whose values differ is kept too, its values change (EnumValues)."""
    return e.kind == f.type and (f.type != "enum" or bool(e.values) or not f.enum_values)


def _signature(kind: str, optional: bool, unique: bool, has_default: bool) -> tuple:
    return (kind, optional, unique, has_default)


def map_fields(exemplar: tuple[FieldInfo, ...], new: tuple[FieldSpec, ...]) -> FieldMap:
    """Pair the new resource's fields with the exemplar's (see the module docstring)."""
    # Names the spec grammar reserves (owner_id, timestamps) are set by the server, never asked
    # for: the exemplar's code for them is the clone's, untouched.
    free = [e for e in exemplar if e.name not in RESERVED_FIELDS]
    kept: list[str] = []
    renames: list[tuple[str, str]] = []
    pending: list[FieldSpec] = []
    for f in new:
        same = next((e for e in free if e.name == f.column_name and _same_kind(e, f)), None)
        if same is not None:
            free.remove(same)
            kept.append(same.name)
        else:
            pending.append(f)
    added: list[FieldSpec] = []
    for f in pending:
        wanted = _signature(f.type, f.optional, f.unique, f.default is not None)
        # enum and fk fields carry values and targets of their own: written fresh, never renamed
        match = next(
            (
                e
                for e in free
                if f.type not in ("enum", "fk", "json", "list", "object", "union")
                and e.name not in {x.column_name for x in new}
                # a field its own validator checks (a URL) is no template for another of its kind
                and not e.validated
                and _signature(e.kind, e.optional, e.unique, e.has_default) == wanted
            ),
            None,
        )
        if match is not None and f.default is None:
            free.remove(match)
            renames.append((match.name, f.column_name))
        else:
            added.append(f)
    return FieldMap(
        renames=tuple(renames),
        kept=tuple(kept),
        dropped=tuple(e.name for e in free),
        added=tuple(added),
        exemplar=exemplar,
        new=new,
    )
