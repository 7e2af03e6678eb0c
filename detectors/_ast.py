"""Small read-only helpers over `ast` nodes, shared by every detector."""

from __future__ import annotations

import ast
from collections.abc import Iterator

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options")


def dotted(node: ast.AST | None) -> str | None:
    """`a.b.c` for a Name/Attribute chain, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def last_name(node: ast.AST | None) -> str | None:
    """The final identifier of a Name/Attribute (`deps.get_db` -> `get_db`)."""
    name = dotted(node)
    return name.rsplit(".", 1)[-1] if name else None


def call_name(node: ast.AST) -> str | None:
    """The dotted name a Call calls, or None."""
    return dotted(node.func) if isinstance(node, ast.Call) else None


def kwarg(call: ast.Call, name: str) -> ast.expr | None:
    """The value of keyword argument `name` in `call`, if given."""
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def const_str(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def const_int(node: ast.AST | None) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def annotation_names(node: ast.AST | None) -> Iterator[str]:
    """Every identifier inside an annotation, string annotations included."""
    if node is None:
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            yield sub.id
        elif isinstance(sub, ast.Attribute):
            yield sub.attr


def depends_target(node: ast.AST | None) -> ast.expr | None:
    """For `Depends(x)` / `Security(x)` (any qualification) return `x`."""
    if isinstance(node, ast.Call) and last_name(node.func) in ("Depends", "Security"):
        if node.args:
            return node.args[0]
        return kwarg(node, "dependency")
    return None


def annotated_parts(node: ast.AST | None) -> tuple[ast.expr, list[ast.expr]] | None:
    """For `Annotated[T, a, b]` return (T, [a, b])."""
    if isinstance(node, ast.Subscript) and last_name(node.value) == "Annotated":
        sl = node.slice
        if isinstance(sl, ast.Tuple) and sl.elts:
            return sl.elts[0], list(sl.elts[1:])
    return None


def source_segment(lines: list[str], node: ast.AST, limit: int = 90) -> str:
    """The first source line of `node`, stripped and shortened, for evidence."""
    text = lines[node.lineno - 1].strip() if 0 < node.lineno <= len(lines) else ""
    return text if len(text) <= limit else text[: limit - 3] + "..."
