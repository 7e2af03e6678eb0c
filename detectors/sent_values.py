"""The values a resource's own tests send for its fields.

A field the exemplar validates itself (`@field_validator("url")`) and the clone keeps accepts
what the exemplar's tests send it, where a made-up sample (`"url one"`) may not pass. Read from
the test modules of the resource (its footprint's): a literal under the field's key in a dict
(`{"url": "https://example.com/a"}`) or passed as the field's keyword (`url="https://..."`).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable

from detectors.project import ProjectIndex, is_test_path
from detectors.resources import Footprint


def values_sent(index: ProjectIndex, fp: Footprint, fields: Iterable[str]) -> dict[str, str]:
    """For each of `fields`, as code, the first literal string or number a test module of `fp`
    sends for it; a field no test sends a literal for is left out."""
    wanted = set(fields)
    found: dict[str, str] = {}
    places = sorted(dict.fromkeys(p for p in [*(u.path for u in fp.units), *fp.files] if is_test_path(p)))
    for path in places:
        module = index.get(path)
        for node in ast.walk(module.tree) if module is not None and wanted - set(found) else ():
            pairs: list[tuple[object, ast.expr]] = []
            if isinstance(node, ast.Dict):
                pairs = [(k.value, v) for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)]
            elif isinstance(node, ast.Call):
                pairs = [(k.arg, k.value) for k in node.keywords]
            for key, value in pairs:
                if key in wanted and key not in found and _literal(value) is not None:
                    found[str(key)] = _literal(value) or ""
    return found


def _literal(node: ast.expr) -> str | None:
    """A string or number literal as code (a string in double quotes), else None."""
    if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
        return None
    if isinstance(node.value, str):
        return json.dumps(node.value)
    if isinstance(node.value, (int, float)):
        return repr(node.value)
    return None
