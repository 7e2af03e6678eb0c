"""Small read-only helpers over `ast` nodes, shared by every detector."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options")
_AST = ast.AST
# Field types of the ASDL grammar that never hold a node.
_PRIMITIVE_FIELD_TYPES = frozenset(
    {"identifier", "string", "constant", "int", "object", "bytes", "singleton"}
)
_SIGNATURE = re.compile(r"^\w+\((.*)\)$")
EXPR_CONTEXTS = (ast.Load, ast.Store, ast.Del)
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}  # fields that can hold a node
_CHILD_FIELDS_NO_CTX: dict[type, tuple[str, ...]] = {}  # the same but `ctx` (Load/Store/Del)


def _child_fields(cls: type) -> tuple[str, ...]:
    """The fields of a node class that can hold nodes, from its `Name(type field, ...)` signature.

    Skipping identifier/constant fields (`Name.id`, `Constant.value`) saves most of the
    attribute reads of a walk. Falls back to every field when the signature does not parse.
    """
    fields = no_ctx = tuple(getattr(cls, "_fields", ()))
    match = _SIGNATURE.match((cls.__doc__ or "").strip())
    if match and fields:
        typed = [part.strip().split() for part in match.group(1).split(",")]
        if all(len(t) == 2 for t in typed) and tuple(name for _, name in typed) == fields:
            fields = tuple(
                name for kind, name in typed if kind.rstrip("?*") not in _PRIMITIVE_FIELD_TYPES
            )
            no_ctx = tuple(
                name
                for kind, name in typed
                if kind.rstrip("?*") not in _PRIMITIVE_FIELD_TYPES and kind != "expr_context"
            )
    _CHILD_FIELDS[cls] = fields
    _CHILD_FIELDS_NO_CTX[cls] = no_ctx
    return fields


def child_fields(cls: type, contexts: bool = True) -> tuple[str, ...]:
    plans = _CHILD_FIELDS if contexts else _CHILD_FIELDS_NO_CTX
    fields = plans.get(cls)
    if fields is None:
        _child_fields(cls)
        fields = plans[cls]
    return fields


def walk(node: ast.AST, contexts: bool = True) -> list[ast.AST]:
    """`list(ast.walk(node))`, same breadth-first order, without a generator per node.

    `ast.walk` goes through `iter_child_nodes`/`iter_fields` generators for every node; this
    reads only the fields that can hold nodes and is about four times faster on whole modules.
    With `contexts=False` the Load/Store/Del markers (a third of all nodes, and leaves) are left
    out; the other nodes keep their order.
    """
    order = [node]
    append = order.append
    plans = _CHILD_FIELDS if contexts else _CHILD_FIELDS_NO_CTX
    for current in order:  # the list grows while it is iterated: a breadth-first queue
        cls = current.__class__
        fields = plans.get(cls)
        if fields is None:
            fields = child_fields(cls, contexts)
        for name in fields:
            value = getattr(current, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, _AST):
                        append(item)
            elif isinstance(value, _AST):
                append(value)
    return order


def iter_nodes(node: ast.AST, cls: type) -> Iterator[ast.AST]:
    """The nodes of exactly class `cls` under `node` (Load/Store/Del left out), in `walk` order,
    produced as they are met so that a search can stop early."""
    order = [node]
    append = order.append
    plans = _CHILD_FIELDS_NO_CTX
    for current in order:
        if current.__class__ is cls:
            yield current
        fields = plans.get(current.__class__)
        if fields is None:
            fields = child_fields(current.__class__, contexts=False)
        for name in fields:
            value = getattr(current, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, _AST):
                        append(item)
            elif isinstance(value, _AST):
                append(value)


def walk_function(
    func: ast.FunctionDef | ast.AsyncFunctionDef,
) -> tuple[list[ast.AST], list[list[ast.AST]]]:
    """From one walk: `walk(func, contexts=False)`, and for each statement of `func.body` the
    list `walk(stmt, contexts=False)` would give.

    A breadth-first order restricted to a subtree is that subtree's own breadth-first order, so
    tagging each node with the body statement it descends from is enough to split the walk.
    """
    plans = _CHILD_FIELDS_NO_CTX
    order: list[ast.AST] = [func]
    tags = [-1]
    for name in child_fields(func.__class__, contexts=False):
        value = getattr(func, name, None)
        items = value if value.__class__ is list else [value]
        for position, item in enumerate(items):
            if isinstance(item, _AST):
                order.append(item)
                tags.append(position if name == "body" else -1)
    append, tag_append = order.append, tags.append
    i = 1
    while i < len(order):
        current = order[i]
        tag = tags[i]
        i += 1
        cls = current.__class__
        fields = plans.get(cls)
        if fields is None:
            fields = child_fields(cls, contexts=False)
        for name in fields:
            value = getattr(current, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, _AST):
                        append(item)
                        tag_append(tag)
            elif isinstance(value, _AST):
                append(value)
                tag_append(tag)
    groups: list[list[ast.AST]] = [[] for _ in func.body]
    for node, tag in zip(order, tags):
        if tag >= 0:
            groups[tag].append(node)
    return order, groups


def encloses(outer: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, node: ast.AST) -> bool:
    """Whether `node` stands in the definition `outer` (its decorators included), read from their
    positions: nodes nest in the source as in the tree. Not for a node inside an f-string, which
    Python before 3.12 may place at the whole string (see `ModuleInfo.fstring_parts`)."""
    start = min((d.lineno, d.col_offset) for d in [outer, *outer.decorator_list])
    return start <= (node.lineno, node.col_offset) and (node.end_lineno, node.end_col_offset) <= (
        outer.end_lineno,
        outer.end_col_offset,
    )


def dotted(node: ast.AST | None) -> str | None:
    """`a.b.c` for a Name/Attribute chain, else None."""
    if node.__class__ is ast.Name:  # the common case
        return node.id
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
    cls = node.__class__
    if cls is ast.Name:
        return node.id or None
    if cls is ast.Attribute:  # `dotted(node)` without building the string: is the chain plain?
        base = node.value
        while isinstance(base, ast.Attribute):
            base = base.value
        return (
            node.attr if isinstance(base, ast.Name) and "." not in node.attr else dotted_last(node)
        )
    name = dotted(node)
    return name.rsplit(".", 1)[-1] if name else None


def dotted_last(node: ast.AST | None) -> str | None:
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
    if node.__class__ is ast.Name:  # the common case: a plain `int`, `Session`
        yield node.id
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return
    for sub in walk(node):
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


# A module's lines as the parser numbers them: a form feed or another character that
# `str.splitlines` also breaks on is no line break to it.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def parser_lines(source: str) -> list[str]:
    """The module's lines, numbered as its syntax tree numbers them."""
    return _LINE_BREAK.split(source)


# source text of an expression -> its `ast.unparse`: the same text parses to the same tree
_UNPARSED: dict[str, str] = {}


def unparsed(lines: list[str], node: ast.AST) -> str:
    """`ast.unparse(node)`, computed once per source text (`lines`: `parser_lines` of its
    module). The footprints unparse every column of every model; most columns of a project are
    written alike (`Column(Integer, primary_key=True)`), and unparsing is slow. For a node
    outside f-strings only: Python before 3.12 gives the parts of an f-string the positions of
    the whole string."""
    text = _segment(lines, node)
    if text is None:
        return ast.unparse(node)
    found = _UNPARSED.get(text)
    if found is None:
        if len(_UNPARSED) >= 8192:
            _UNPARSED.clear()
        found = _UNPARSED[text] = ast.unparse(node)
    return found


def _segment(lines: list[str], node: ast.AST) -> str | None:
    """The node's source text; None where its positions cannot be read off `lines` (offsets
    count UTF-8 bytes, equal to characters on ASCII lines only)."""
    start, end = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
    first_col, end_col = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
    if start is None or end is None or first_col is None or end_col is None or not 0 < start <= end <= len(lines):
        return None
    first, last = lines[start - 1], lines[end - 1]
    if not (first.isascii() and last.isascii()):
        return None
    if start == end:
        return first[first_col:end_col]
    return "\n".join([first[first_col:], *lines[start : end - 1], last[:end_col]])
