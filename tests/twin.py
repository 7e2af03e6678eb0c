"""The add_crud arguments for a twin of an existing resource: the same fields under a new name.

Fidelity is measured on twins (`../shared/tools/fidelity.py`): with nothing to substitute, every
line the cloner writes should be the exemplar's own line, renamed.
"""

from __future__ import annotations

from pathlib import Path

from codemods.spec import RESERVED_FIELDS
from detectors import ProjectIndex
from detectors.resources import find_footprints


def twin_fields(project: Path, exemplar: str) -> list[str]:
    """Field arguments (`name:kind?!`) for the exemplar's client-writable fields."""
    index = ProjectIndex(project)
    footprint = next(f for f in find_footprints(index) if f.model == exemplar)
    out = []
    for f in footprint.fields:
        if f.name in RESERVED_FIELDS:
            continue  # set by the server (owner, timestamps), never by the client
        kind = f.kind
        if kind == "enum":
            kind = f"enum[{','.join(f.values)}]"
        elif kind == "fk":
            kind = f"fk[{dict(footprint.references).get(f.name, 'X')}]"
        elif kind == "other":
            kind = "str"
        out.append(f"{f.name}:{kind}{'?' if f.optional else ''}{'!' if f.unique else ''}")
    return out
