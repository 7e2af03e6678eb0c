"""The add_crud arguments for a twin of an existing resource: the same fields under a new name.

Fidelity is measured on twins (`../shared/tools/fidelity.py`): with nothing to substitute, every
line the cloner writes should be the exemplar's own line, renamed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from codemods.spec import RESERVED_FIELDS
from detectors import ProjectIndex
from detectors._models import model_classes
from detectors.resources import find_footprints

_FK_TABLE = re.compile(r"""ForeignKey\(\s*["']([a-z_0-9]+)\.""")


def twin_fields(project: Path, exemplar: str) -> list[str]:
    """Field arguments (`name:kind?!`) for the exemplar's client-writable fields."""
    index = ProjectIndex(project)
    footprint = next(f for f in find_footprints(index) if f.model == exemplar)
    model = next(m for m in model_classes(index) if m.name == exemplar)
    tables = _tables(index)
    out = []
    for f in footprint.fields:
        if f.name in RESERVED_FIELDS:
            continue  # set by the server (owner, timestamps), never by the client
        kind = f.kind
        if kind == "enum":
            kind = f"enum[{','.join(f.values)}]"
        elif kind == "fk":
            table = _FK_TABLE.search(_attribute_source(model, f.name))
            kind = f"fk[{tables.get(table.group(1), 'X') if table else 'X'}]"
        elif kind == "other":
            kind = "str"
        out.append(f"{f.name}:{kind}{'?' if f.optional else ''}{'!' if f.unique else ''}")
    return out


def _attribute_source(model, name: str) -> str:
    for stmt in model.node.body:
        target = getattr(stmt, "target", None) or (getattr(stmt, "targets", None) or [None])[0]
        if getattr(target, "id", None) == name:
            return ast.get_source_segment(model.module.source, stmt) or ""
    return ""


def _tables(index: ProjectIndex) -> dict[str, str]:
    out = {}
    for m in model_classes(index):
        for stmt in m.node.body:
            text = m.module.lines[stmt.lineno - 1]
            found = re.search(r"""__tablename__\s*=\s*["']([a-z_0-9]+)""", text)
            if found:
                out[found.group(1)] = m.name
    return out
