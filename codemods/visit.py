"""`visit(node, visitor)`: libcst's `node.visit(visitor)`, without rebuilding unchanged nodes.

libcst rebuilds every node of the tree on every pass, even for a read-only visitor, and looks up
four callbacks per node by name: most of a clone's time went there. This walk calls the same
callbacks in the same order with the same arguments, and returns an equal tree, but keeps each
node whose children came back unchanged (the same object), and looks callbacks up once per
visitor class and node type. The order and kind of each node's children are read once per node
type from libcst's own `_visit_and_replace_children`, so they follow the installed libcst; a
type whose method has another shape, or a visitor that overrides the generic hooks
(`on_visit`...), is visited by libcst itself.
"""

from __future__ import annotations

import ast
import inspect
import linecache
import textwrap
import weakref
from typing import Any, Callable, TypeVar, Union

import libcst as cst

from codemods.cst_reach import reachable

NodeT = TypeVar("NodeT", bound=cst.CSTNode)

# how libcst visits a field, by the helper its `_visit_and_replace_children` calls; the hot loop
# compares kinds by identity, so these two are always these objects
_REQUIRED, _EITHER = "required", "either"
_KINDS = {
    "visit_required": _REQUIRED,
    "visit_optional": "optional",
    "visit_sentinel": "sentinel",
    "visit_sequence": "sequence",
    "visit_iterable": "sequence",
    "visit_body_sequence": "body",
    "visit_body_iterable": "body",
}
_HOOKS = ("on_visit", "on_leave", "on_visit_attribute", "on_leave_attribute")
_UNSEEN = object()
_fields: dict[type, tuple[tuple[str, str], ...] | None] = {}
Table = Union[tuple[Any, Any, tuple[tuple[str, str, Any, Any], ...]], None]
# per visitor class: whether it is plain, its table for each node type met, and the node types it
# has callbacks for. Kept beside the class, not for it: a class a function defines anew on each
# call goes with its last visitor.
_classes: weakref.WeakKeyDictionary[type, tuple[bool, dict[type, Table], frozenset[str]]] = weakref.WeakKeyDictionary()
# the table of a node type below which (itself included) the visitor has no callback: its
# subtree comes back as it is, unwalked (`codemods.cst_reach`)
_SKIP: Table = (None, None, ())


def visit(node: NodeT, visitor: cst.CSTVisitor | cst.CSTTransformer) -> Union[NodeT, cst.RemovalSentinel, cst.FlattenSentinel]:
    """`node.visit(visitor)`, faster: unchanged nodes are kept, not rebuilt."""
    cls = type(visitor)
    known = _classes.get(cls)
    if known is None:
        known = _classes[cls] = (_is_plain(cls), {}, _callback_types(cls))
    plain, tables, _ = known
    if not plain:
        return node.visit(visitor)
    return _visit(node, visitor, isinstance(visitor, cst.CSTTransformer), tables)


def _is_plain(cls: type) -> bool:
    """Whether the visitor dispatches through libcst's own generic hooks (none overridden)."""
    base = cst.CSTTransformer if issubclass(cls, cst.CSTTransformer) else cst.CSTVisitor
    return issubclass(cls, (cst.CSTTransformer, cst.CSTVisitor)) and all(
        getattr(cls, hook) is getattr(base, hook) for hook in _HOOKS
    )


def _visit(node: cst.CSTNode, visitor: Any, transforms: bool, tables: dict[type, Table]) -> Any:
    # the hot loop of every pass: a table is looked up inline, and a required child (the most
    # common kind) is visited here rather than through `_child`
    table = tables.get(node.__class__, _UNSEEN)
    if table is _UNSEEN:
        table = _table(type(visitor), type(node), tables)
    if table is _SKIP:
        return node
    if table is None:  # a node type whose children we cannot read: libcst visits it
        return node.visit(visitor)
    on_visit, on_leave, fields = table
    updated = node
    if fields and (on_visit is None or on_visit(visitor, node) is not False):
        changes: dict[str, Any] | None = None
        for name, kind, before, after in fields:
            old = getattr(node, name)
            if kind is _EITHER and old is None:
                continue  # libcst's method visits nothing there, not even the attribute
            if before is not None:
                before(visitor, node)
            if kind is _REQUIRED:
                new = _visit(old, visitor, transforms, tables)
                if new is not old and isinstance(new, (cst.RemovalSentinel, cst.FlattenSentinel)):
                    raise TypeError(f"a {type(old).__name__} here cannot be removed or replaced by several nodes")
            else:
                new = _child(old, kind, visitor, transforms, tables)
            if after is not None:
                after(visitor, node)
            if new is not old:
                if changes is None:
                    changes = {}
                changes[name] = new
        if changes:
            updated = node.with_changes(**changes)
    elif not fields and on_visit is not None:
        on_visit(visitor, node)  # a leaf: its answer decides nothing
    if not transforms:
        if on_leave is not None:
            on_leave(visitor, node)
        return node
    if on_leave is None:
        return updated
    result = on_leave(visitor, node, updated)
    if not isinstance(result, (cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel)):
        raise cst.CSTValidationError(
            f"Expected a node of type CSTNode or a RemovalSentinel, but got a return value of {type(result).__name__}"
        )
    # a callback answering `updated.with_changes(value=<the same value>)` changed nothing: keep
    # the node, so its parents need no rebuilding either
    if result is not node and type(result) is type(node) and _same_fields(result, node):
        return node
    return result


def _same_fields(a: cst.CSTNode, b: cst.CSTNode) -> bool:
    """Whether two nodes of one type hold the same children (the same objects) and equal values."""
    for name in a.__dataclass_fields__:
        x, y = getattr(a, name), getattr(b, name)
        if x is y:
            continue
        if isinstance(x, cst.CSTNode) or isinstance(y, cst.CSTNode):
            return False
        if isinstance(x, (list, tuple)) and isinstance(y, (list, tuple)):
            if len(x) != len(y) or any(i is not j for i, j in zip(x, y)):
                return False
        elif type(x) is not type(y) or x != y:
            return False
    return True


def _child(old: Any, kind: str, visitor: Any, transforms: bool, tables: dict[type, Table]) -> Any:
    """A field's new value, as libcst's helper of that kind gives it (the old one if unchanged)."""
    if kind == "either":  # chosen by the value, as the node's own method chooses
        kind = "sequence" if isinstance(old, (list, tuple)) else "required"
    if kind == "required":
        new = _visit(old, visitor, transforms, tables)
        if new is not old and isinstance(new, (cst.RemovalSentinel, cst.FlattenSentinel)):
            raise TypeError(f"a {type(old).__name__} here cannot be removed or replaced by several nodes")
        return new
    if kind in ("optional", "sentinel"):
        empty = None if kind == "optional" else cst.MaybeSentinel.DEFAULT
        if old is None or isinstance(old, cst.MaybeSentinel):
            return old
        new = _visit(old, visitor, transforms, tables)
        if new is old:
            return old
        if isinstance(new, cst.FlattenSentinel):
            raise TypeError(f"a {type(old).__name__} here cannot be replaced by several nodes")
        return empty if isinstance(new, cst.RemovalSentinel) else new
    out = []
    same = True
    for child in old:
        new = _visit(child, visitor, transforms, tables)
        if new is child:
            out.append(child)
            continue
        same = False
        if isinstance(new, cst.RemovalSentinel):
            continue
        for one in new if isinstance(new, cst.FlattenSentinel) else (new,):
            # a body keeps no statement emptied by a removal inside it (libcst's rule)
            if kind == "body" and not child._is_removable() and one._is_removable():
                continue
            out.append(one)
    return old if same else tuple(out)


def _table(vcls: type, ncls: type, tables: dict[type, Table]) -> Table:
    """The visitor's own callbacks for a node type (None where it keeps libcst's no-op), and
    the type's fields with their attribute callbacks; None where the fields cannot be read."""
    if ncls in tables:
        return tables[ncls]
    callbacks = _classes[vcls][2]
    below = reachable(ncls)
    if ncls.__name__ not in callbacks and below is not None and not below & callbacks:
        tables[ncls] = _SKIP
        return _SKIP
    fields = _fields_of(ncls)
    table = None
    if fields is not None:
        base = cst.CSTTransformer if issubclass(vcls, cst.CSTTransformer) else cst.CSTVisitor
        t = ncls.__name__
        table = (
            _own(vcls, base, f"visit_{t}"),
            _own(vcls, base, f"leave_{t}"),
            tuple(
                (name, kind, _own(vcls, base, f"visit_{t}_{name}"), _own(vcls, base, f"leave_{t}_{name}"))
                for name, kind in fields
            ),
        )
    tables[ncls] = table
    return table


def warm(done: Callable[[], bool]) -> None:
    """Read libcst's node types as the walk reads them (their fields, the types below them) until
    `done()`: reading them the first time a run meets each cost it about 40 ms, and as much again
    in every copy forked before it read them. A run does it while it waits for another process."""
    for name in cst.__all__:
        ncls = getattr(cst, name)
        if not (isinstance(ncls, type) and issubclass(ncls, cst.CSTNode)) or inspect.isabstract(ncls):
            continue
        if done():
            return
        _fields_of(ncls)
        reachable(ncls)


def _callback_types(vcls: type) -> frozenset[str]:
    """The node types the visitor has a callback of its own for (`leave_Name`, `visit_Call_func`)."""
    base = cst.CSTTransformer if issubclass(vcls, cst.CSTTransformer) else cst.CSTVisitor
    # read from the classes between the visitor and libcst's base, not from all of dir(): a
    # function that defines its visitor class anew on each call asks on each call
    names = {name for k in vcls.__mro__ if k not in base.__mro__ for name in vars(k)}
    return frozenset(
        name.split("_")[1]
        for name in names
        if name.startswith(("visit_", "leave_")) and _own(vcls, base, name) is not None
    )


def _own(vcls: type, base: type, name: str) -> Callable[..., Any] | None:
    method = getattr(vcls, name, None)
    return None if method is None or method is getattr(base, name, None) else method


def _fields_of(ncls: type) -> tuple[tuple[str, str], ...] | None:
    """The node type's child fields in libcst's visiting order, each with how it is visited,
    read from the source of its `_visit_and_replace_children`: one `return Type(...)` whose
    arguments are either a visit helper's call on `self.<field>` or a plain `self.<field>`."""
    if ncls in _fields:
        return _fields[ncls]
    _fields[ncls] = None
    source = _source_of(ncls._visit_and_replace_children)
    if source is None:
        return None
    body = ast.parse(source).body[0].body
    # past a docstring and local names for fields (`names = self.names`)
    while body and (isinstance(body[0], ast.Expr) or _names_a_field(body[0])):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Return):
        return None
    if isinstance(body[0].value, ast.Name) and body[0].value.id == "self":  # a leaf: `return self`
        _fields[ncls] = ()
        return ()
    if not isinstance(body[0].value, ast.Call):
        return None
    out = []
    for keyword in body[0].value.keywords:
        value = keyword.value
        if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == "self":
            continue  # a value that is not a node, copied as it is
        if isinstance(value, ast.IfExp):  # `names`: one node (ImportStar) or a sequence; or None
            branches = [_kind(b, keyword.arg) for b in (value.body, value.orelse) if not _is_none(b)]
            if not branches or None in branches:
                return None
            out.append((keyword.arg, _EITHER))
            continue
        kind = _kind(value, keyword.arg)
        if kind is None:
            return None
        out.append((keyword.arg, kind))
    _fields[ncls] = tuple(out)
    return _fields[ncls]


def _source_of(function: Callable[..., Any]) -> str | None:
    """The function's source, dedented. Its lines are read off the code object (where its first
    line is and where its last instruction ends): `inspect.getsource` tokenizes the file to find
    the end, which cost a cold run 30 ms over libcst's node types."""
    code = getattr(function, "__code__", None)
    positions = getattr(code, "co_positions", None)  # Python 3.11 and later
    if code is None or positions is None:
        try:
            return textwrap.dedent(inspect.getsource(function))
        except (OSError, TypeError):
            return None
    lines = linecache.getlines(code.co_filename)
    last = max((end for _, end, _, _ in positions() if end is not None), default=0)
    if not lines or last < code.co_firstlineno or last > len(lines):
        return None
    return textwrap.dedent("".join(lines[code.co_firstlineno - 1 : last]))


def _kind(value: ast.expr, field: str) -> str | None:
    """How a visit helper's call visits `field`; None if `value` is no such call."""
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in _KINDS
        and len(value.args) == 4
        and isinstance(value.args[1], ast.Constant)
        and value.args[1].value == field
    ):
        return _KINDS[value.func.id]
    return None


def _names_a_field(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Assign)
        and isinstance(stmt.value, ast.Attribute)
        and isinstance(stmt.value.value, ast.Name)
        and stmt.value.value.id == "self"
    )


def _is_none(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is None
