"""`reachable(node_type)`: the libcst node types that can occur anywhere below a node of a type.

Read from the types libcst declares for each node's fields (`Comma.whitespace_before:
BaseParenthesizableWhitespace`), each base type standing for every node class derived from it,
and followed to the end. A comma or a line break only ever holds whitespace and comments, and no
expression holds a statement: a pass with no callback for any of those types can leave such a
subtree as it is without walking it (`codemods.visit`).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing

import libcst as cst


@functools.lru_cache(maxsize=None)
def reachable(ncls: type) -> frozenset[str] | None:
    """The names of the node types that can occur below a node of type `ncls` (itself not
    included unless it can nest); None where a field's declared type cannot be read."""
    seen: set[type] = set()
    todo = [ncls]
    while todo:
        children = _child_types(todo.pop())
        if children is None:
            return None
        for child in children - seen:
            seen.add(child)
            todo.append(child)
    return frozenset(t.__name__ for t in seen)


@functools.lru_cache(maxsize=None)
def _child_types(ncls: type) -> frozenset[type] | None:
    """Every node class a field of `ncls` may hold, as its annotations say; None if unreadable."""
    fields = dataclasses.fields(ncls)
    # libcst's own annotations are evaluated already, on the fields; evaluating them again
    # (`get_type_hints`, for a class written with string annotations) cost a cold run 30 ms
    declared = {field.name: field.type for field in fields}
    if any(_unevaluated(t) for t in declared.values()):
        try:
            declared = typing.get_type_hints(ncls)
        except Exception:  # noqa: BLE001 - an annotation this Python cannot evaluate: unknown
            return None
    out: set[type] = set()
    for field in fields:
        for node_class in _node_classes(declared.get(field.name)):
            out |= _derived(node_class)
    return frozenset(out)


def _unevaluated(annotation: object) -> bool:
    """Whether an annotation still holds a name as text (`Optional["CompFor"]`, a class naming
    itself): only `get_type_hints` can say which class it is."""
    if isinstance(annotation, (str, typing.ForwardRef)):
        return True
    return any(_unevaluated(arg) for arg in typing.get_args(annotation))


def _node_classes(annotation: object) -> set[type]:
    """The CSTNode classes an annotation names, inside Union, Optional, Sequence and the like."""
    if typing.get_origin(annotation) is not None:
        return {c for arg in typing.get_args(annotation) for c in _node_classes(arg)}
    if inspect.isclass(annotation) and issubclass(annotation, cst.CSTNode):
        return {annotation}
    return set()


@functools.lru_cache(maxsize=None)
def _derived(base: type) -> frozenset[type]:
    """`base` and every class derived from it."""
    out = {base}
    for sub in base.__subclasses__():
        out |= _derived(sub)
    return frozenset(out)
