"""What of a module could keep one entry per resource (a registry): its top-level classes with
their members, and its top-level collection literals.

Wiring a new resource in asks every module another resource owns whether it holds a registry of
the exemplar (a permission enum kept in the users package). Read once per module (`module_fact`)
and kept with it, those questions cost a large project's run, and each resource of a batch, a
few set lookups per module instead of a walk of each."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from detectors._ast import last_name
from detectors.module_facts import module_fact
from detectors.project import ModuleInfo

ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum", "Flag", "IntFlag"})


@dataclass(frozen=True)
class ClassMembers:
    """A top-level class, and its members as a registry would keep them (`class_members`)."""

    name: str
    is_enum: bool
    members: tuple[tuple[str, str], ...]  # (name, "assign" | "accessor" | "other")


def is_accessor(params: list[str]) -> bool:
    """Whether a def's parameters are only `self` or `cls`."""
    return params in (["self"], ["cls"])


def class_members(node: ast.ClassDef) -> ClassMembers:
    """The class's members, each an "assign" (a name bound in its body), an "accessor" (a def
    taking only `self` or `cls`) or "other" (any other def)."""
    members = []
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            a = stmt.args
            params = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
            members.append((stmt.name, "accessor" if is_accessor(params) and not a.vararg and not a.kwarg else "other"))
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            members.append((stmt.targets[0].id, "assign"))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            members.append((stmt.target.id, "assign"))
    is_enum = any(last_name(b) in ENUM_BASES for b in node.bases)
    return ClassMembers(node.name, is_enum, tuple(members))


@module_fact
def top_level_classes(info: ModuleInfo) -> tuple[ClassMembers, ...]:
    """Each top-level class of the module with its members, in order."""
    return tuple(class_members(stmt) for stmt in info.tree.body if isinstance(stmt, ast.ClassDef))


@module_fact
def collection_literals(info: ModuleInfo) -> tuple[str, ...]:
    """The text of each top-level assignment of a dict, set, list or tuple literal, in order."""
    out = []
    for stmt in info.tree.body:
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, (ast.Dict, ast.Set, ast.List, ast.Tuple)):
            out.append("\n".join(info.lines[stmt.lineno - 1 : stmt.end_lineno]))
    return tuple(out)


__all__ = ["ENUM_BASES", "ClassMembers", "class_members", "collection_literals", "is_accessor", "top_level_classes"]
