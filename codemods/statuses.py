"""HTTP status codes as code spells them: `404`, `status.HTTP_404_NOT_FOUND`, `HTTPStatus.NOT_FOUND`."""

from __future__ import annotations

import ast
import http
import re

_BY_NAME = {s.name: s.value for s in http.HTTPStatus}


def status_code(node: ast.AST) -> int | None:
    """The status an expression spells, or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    text = ast.unparse(node)
    found = re.search(r"HTTP_(\d{3})_", text)
    if found:
        return int(found.group(1))
    if isinstance(node, ast.Attribute) and node.attr in _BY_NAME:
        return _BY_NAME[node.attr]
    return None


def raised_statuses(node: ast.AST) -> set[int]:
    """The statuses of the `HTTPException`s a function raises in its own body."""
    out = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call) and (getattr(call.func, "id", None) or getattr(call.func, "attr", None)) == "HTTPException":
            for arg in [*call.args[:1], *(k.value for k in call.keywords if k.arg == "status_code")]:
                code = status_code(arg)
                if code is not None:
                    out.add(code)
    return out


def asserted_statuses(node: ast.AST) -> set[int]:
    """The statuses a test compares a response's `status_code` with (`assert r.status_code == 403`)."""
    out = set()
    for compare in ast.walk(node):
        if isinstance(compare, ast.Compare) and len(compare.comparators) == 1:
            sides = (compare.left, compare.comparators[0])
            if any(isinstance(s, ast.Attribute) and s.attr == "status_code" for s in sides):
                for side in sides:
                    code = status_code(side)
                    if code is not None:
                        out.add(code)
    return out
