"""Computed fields on the clone: a `@computed_field` property on the new resource's read schema.

The read schema is the resource's class that reads rows (`from_attributes=True`, or pydantic 1's
`orm_mode`), so the value is in responses and in no input schema.

Before (`@total_cents=qty*100`):
    class OrderResponse(BaseModel):
        model_config = ConfigDict(from_attributes=True)

        id: int
        qty: int
After:
    class OrderResponse(BaseModel):
        ...
        qty: int

        @computed_field
        @property
        def total_cents(self) -> int:
            return self.qty * 100
"""

from __future__ import annotations

import libcst as cst

from codemods.computed import ComputedField, property_code
from codemods.imports import Import
from codemods.names import ResourceNames

_READS_ROWS = ("from_attributes", "orm_mode")
_READ_SUFFIXES = ("Public", "Read", "Response", "Out")


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def reads_rows(cls: cst.ClassDef) -> bool:
    """Whether the class is configured to read rows (`from_attributes`, pydantic 1's `orm_mode`)."""
    return any(word in _code(cls.body) for word in _READS_ROWS)


def read_schemas(
    module: cst.Module, names: ResourceNames, existing: frozenset[str] = frozenset()
) -> list[cst.ClassDef]:
    """The resource's row-reading classes, leaving out one that inherits another of them, and the
    classes in `existing` (the module's before the clone: `OrderItemResponse` is not Order's)."""
    found = [
        s
        for s in module.body
        if isinstance(s, cst.ClassDef)
        and names.pascal in s.name.value
        and s.name.value not in existing
        and reads_rows(s)
    ]
    if not found:  # SQLModel reads rows without from_attributes: its response class by name
        wanted = {names.pascal + suffix for suffix in _READ_SUFFIXES}
        found = [
            s
            for s in module.body
            if isinstance(s, cst.ClassDef)
            and s.name.value in wanted
            and s.name.value not in existing
        ]
    own = {c.name.value for c in found}
    return [c for c in found if not any(_code(b.value) in own for b in c.bases)]


def add_computed(
    module: cst.Module,
    computed: tuple[ComputedField, ...],
    names: ResourceNames,
    existing: frozenset[str] = frozenset(),
) -> tuple[cst.Module, list[Import], bool]:
    """`module` with the properties added to its read schemas (each once), the imports they need,
    and whether it has a read schema at all."""
    classes = read_schemas(module, names, existing)
    imports: list[Import] = []
    body = list(module.body)
    for cls in classes:
        have = {s.name.value for s in cls.body.body if isinstance(s, cst.FunctionDef)}
        wanted = [c for c in computed if c.name not in have]
        if not wanted:
            continue
        imports.append(Import("pydantic", "computed_field"))
        if any(t == "decimal" for c in wanted for t in (c.type, *(k for _, k in c.reads))):
            imports.append(Import("decimal", "Decimal"))
        text = "class _(object):\n" + "\n".join(property_code(c) for c in wanted)
        added = [
            s.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
            for s in cst.parse_statement(text, config=module.config_for_parsing).body.body
        ]
        new = cls.with_changes(body=cls.body.with_changes(body=[*cls.body.body, *added]))
        body[body.index(cls)] = new
    return module.with_changes(body=body), imports, bool(classes)
