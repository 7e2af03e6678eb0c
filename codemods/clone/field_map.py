"""Which exemplar field becomes which new field: kept, renamed, dropped, or added.

A new field pairs with an exemplar field of the same kind, optionality, uniqueness and
default-ness: the exemplar's code for it is then the new field's code, renamed. A field of the
same name and kind is kept exactly. The rest of the exemplar's fields are dropped with the code
tied to them, and the rest of the new fields are added in the way the exemplar writes fields.

A field of the same name and kind that the spec asks nullable or unique where the exemplar's is
not (or the other way round), or a field of the same name and another kind (a `body:str` where
the exemplar's body is text), is written afresh: the exemplar's is dropped under a stand-in name
(`name` renamed `name_asked_anew` first), so that dropping its code never takes the new field's,
which has the same name.
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
    # exemplar attribute -> the stand-in it is dropped under: the spec asks it anew (see above)
    stand_ins: tuple[tuple[str, str], ...] = ()

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
        """Every rename the exemplar's code goes through: the pairs, and the stand-ins."""
        return dict(self.renames + self.stand_ins)

    def as_written(self, text: str) -> str:
        """`text` (a dropped definition's name, why it was dropped) with each stand-in spelled
        as the exemplar's field it stood in for."""
        for field_name, stand_in in self.stand_ins:
            text = text.replace(stand_in, field_name)
        return text

    @property
    def dropped_in_exemplar(self) -> tuple[str, ...]:
        """The dropped fields as the exemplar names them (a stand-in as its field)."""
        back = {b: a for a, b in self.stand_ins}
        return tuple(back.get(d, d) for d in self.dropped)

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
        stand_ins = dict(self.stand_ins)
        anew = set(stand_ins)
        lines += [f"field {d} dropped with the code tied to it" for d in self.dropped if d not in stand_ins.values()]
        exemplar = {e.name: e for e in self.exemplar}
        for f in self.added:
            if f.column_name in anew and not same_kind(e := exemplar[f.column_name], f):
                lines.append(f"field {f.column_name} written afresh: the spec asks it {f.type}, the exemplar's is {e.kind}")
            elif f.column_name in anew:
                lines.append(
                    f"field {f.column_name} written afresh: the spec asks it {_constraints(f.optional, f.unique)}, "
                    f"the exemplar's is {_constraints(e.optional, e.unique)}"
                )
            else:
                lines.append(f"field {f.name} added ({f.type})")
        return lines


def _constraints(optional: bool, unique: bool) -> str:
    return f"{'nullable' if optional else 'required'} and {'unique' if unique else 'not unique'}"


def same_kind(e: FieldInfo, f: FieldSpec) -> bool:
    """Same kind; an enum whose values differ is kept too, its values change (EnumValues)."""
    return e.kind == f.type and (f.type != "enum" or bool(e.values) or not f.enum_values)


def _same_constraints(e: FieldInfo, f: FieldSpec) -> bool:
    """The exemplar's column is what the spec asks of it: as nullable and as unique."""
    return e.optional == f.optional and e.unique == f.unique


def _stand_in(name: str, taken: set[str]) -> str:
    """A name for the exemplar's field `name`, dropped while a new field of that name is added
    (no other field's name)."""
    stand_in = f"{name}_asked_anew"
    while stand_in in taken:
        stand_in += "_again"
    return stand_in


def _signature(kind: str, optional: bool, unique: bool, has_default: bool) -> tuple:
    return (kind, optional, unique, has_default)


def map_fields(exemplar: tuple[FieldInfo, ...], new: tuple[FieldSpec, ...]) -> FieldMap:
    """Pair the new resource's fields with the exemplar's (see the module docstring)."""
    # Names the spec grammar reserves (owner_id, timestamps) are set by the server, never asked
    # for: the exemplar's code for them is the clone's, untouched.
    free = [e for e in exemplar if e.name not in RESERVED_FIELDS]
    kept: list[str] = []
    renames: list[tuple[str, str]] = []
    stand_ins: list[tuple[str, str]] = []
    pending: list[FieldSpec] = []
    for f in new:
        same = next((e for e in free if e.name == f.column_name), None)
        if same is not None and same_kind(same, f) and _same_constraints(same, f):
            free.remove(same)
            kept.append(same.name)
        elif same is not None:
            taken = {e.name for e in exemplar} | {x.column_name for x in new} | {b for _, b in stand_ins}
            stand_ins.append((same.name, _stand_in(same.name, taken)))
            free.remove(same)
            pending.append(f)
        else:
            pending.append(f)
    anew = {a for a, _ in stand_ins}
    added: list[FieldSpec] = []
    for f in pending:
        if f.column_name in anew:  # written afresh, never in another field's code
            added.append(f)
            continue
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
        dropped=tuple(e.name for e in free) + tuple(b for _, b in stand_ins),
        added=tuple(added),
        exemplar=exemplar,
        new=new,
        stand_ins=tuple(stand_ins),
    )
