"""ORM model classes and the declarative base, found by inheritance rather than by name."""

from __future__ import annotations

import ast
import posixpath
from dataclasses import dataclass

from detectors._ast import dotted, kwarg, last_name
from detectors.module_facts import module_fact
from detectors.project import ModuleInfo, ProjectIndex

BASE_FACTORIES = ("declarative_base", "generate_base")
# `@as_declarative()` / `@mapper_registry.as_declarative_base()` on a class makes it the base.
BASE_DECORATORS = ("as_declarative", "as_declarative_base")
BASE_CLASSES = ("DeclarativeBase", "DeclarativeBaseNoMeta", "AsyncAttrs")


@dataclass(frozen=True)
class ModelClass:
    module: ModuleInfo
    node: ast.ClassDef
    kind: str  # sqlalchemy | sqlmodel

    @property
    def name(self) -> str:
        return self.node.name


@dataclass(frozen=True)
class DeclarativeBase:
    module: ModuleInfo
    name: str
    node: ast.stmt


def declarative_bases(index: ProjectIndex) -> list[DeclarativeBase]:
    """`class Base(DeclarativeBase)` and `Base = declarative_base()` definitions."""
    return list(index.memo("declarative_bases", lambda: _declarative_bases(index)))


def _call_target(node: ast.expr) -> ast.expr:
    return node.func if isinstance(node, ast.Call) else node


def _declarative_bases(index: ProjectIndex) -> list[DeclarativeBase]:
    return [
        DeclarativeBase(info, name, stmt)
        for info in index.relevant
        for name, stmt in _bases_in(info)
    ]


@module_fact
def _bases_in(info: ModuleInfo) -> tuple[tuple[str, ast.stmt], ...]:
    """(name, statement) of each declarative base one module defines: a fact of the module alone
    (a batch's next resource reads it again from every module it did not change)."""
    if "sqlalchemy" not in info.source:
        return ()
    found: list[tuple[str, ast.stmt]] = []
    for stmt in info.tree.body:
        if isinstance(stmt, ast.ClassDef) and (
            any(last_name(b) in BASE_CLASSES for b in stmt.bases)
            or any(last_name(_call_target(d)) in BASE_DECORATORS for d in stmt.decorator_list)
        ):
            found.append((stmt.name, stmt))
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            if last_name(stmt.value.func) in BASE_FACTORIES and isinstance(
                stmt.targets[0], ast.Name
            ):
                found.append((stmt.targets[0].id, stmt))
    return tuple(found)


def model_classes(index: ProjectIndex) -> list[ModelClass]:
    """Table classes: subclasses of a declarative base (followed through imports and
    abstract intermediates) or SQLModel classes declared with `table=True`."""
    return list(index.memo("model_classes", lambda: _model_classes(index)))


def _model_classes(index: ProjectIndex) -> list[ModelClass]:
    bases = declarative_bases(index)
    base_nodes = {id(b.node) for b in bases}
    found: list[ModelClass] = []
    for info in index.relevant:
        if info.is_test:
            continue
        marked, classes = _classes_in(info)
        if not (marked or bases):
            continue
        for node, table, abstract in classes:
            if table:
                found.append(ModelClass(info, node, "sqlmodel"))
            elif bases and not abstract and _derives_from_base(index, base_nodes, info, node):
                found.append(ModelClass(info, node, "sqlalchemy"))
    return found


@module_fact
def _classes_in(info: ModuleInfo) -> tuple[bool, tuple[tuple[ast.ClassDef, bool, bool], ...]]:
    """Whether the module names an ORM library, and each top-level class with whether it is a
    SQLModel table (`table=True`) and whether it is abstract: what of a model class one module
    tells alone (a batch's next resource reads it again from every module it did not change)."""
    marked = "sqlalchemy" in info.source or "sqlmodel" in info.source
    classes = []
    for node in info.tree.body:
        if isinstance(node, ast.ClassDef):
            table_kw = kwarg_in_class(node, "table")
            classes.append((node, isinstance(table_kw, ast.Constant) and table_kw.value is True, _is_abstract(node)))
    return marked, tuple(classes)


def _derives_from_base(index: ProjectIndex, base_nodes: set[int], info: ModuleInfo, node: ast.ClassDef, depth: int = 0) -> bool:
    """Whether the class derives from a declarative base, through the project's imports.
    (Not a closure of `_model_classes`: a function calling itself through its closure is a
    reference cycle, which would hold the whole index until the collector found it.)"""
    if depth > 5 or id(node) in base_nodes:
        return False
    for b in node.bases:
        name = dotted(b)
        if name is None:
            continue
        target = index.resolve(info, name)
        if target is None:
            continue
        mod, stmt = target
        if id(stmt) in base_nodes:
            return True
        if isinstance(stmt, ast.ClassDef) and _derives_from_base(index, base_nodes, mod, stmt, depth + 1):
            return True
    return False


def kwarg_in_class(node: ast.ClassDef, name: str) -> ast.expr | None:
    for kw in node.keywords:
        if kw.arg == name:
            return kw.value
    return None


def _is_abstract(node: ast.ClassDef) -> bool:
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__abstract__" for t in stmt.targets
        ):
            return True
    return False


def column_calls(model: ModelClass) -> list[tuple[str, ast.AST, ast.Call | None]]:
    """(attribute, annotation, column call) for each attribute declared in the class body."""
    out: list[tuple[str, ast.AST, ast.Call | None]] = []
    for stmt in model.node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            value = stmt.value if isinstance(stmt.value, ast.Call) else None
            out.append((stmt.target.id, stmt.annotation, value))
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            if isinstance(stmt.value, ast.Call) and last_name(stmt.value.func) in (
                "Column",
                "mapped_column",
            ):
                out.append((stmt.targets[0].id, None, stmt.value))
    return out


def is_primary_key(call: ast.Call | None) -> bool:
    pk = kwarg(call, "primary_key") if call is not None else None
    return isinstance(pk, ast.Constant) and pk.value is True


__all__ = ["model_classes", "declarative_bases", "column_calls", "is_primary_key"]


def names_a_model(path: str, model_names: set[str]) -> bool:
    """Whether a module's file name names one model (`item.py`, `items.py`, `crud_item.py`):
    the mark of one module per resource, even when only one resource exists yet."""
    import re

    stem = path.rsplit("/", 1)[-1][:-3]
    words = set(stem.split("_"))
    for model in model_names:
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", model).lower()
        for form in (snake, snake + "s", snake + "es", snake[:-1] + "ies"):
            if (
                stem == form
                or stem.endswith("_" + form)
                or stem.startswith(form + "_")
                or ("_" not in form and form in words)
            ):
                return True
    return False


def domain_parent(index: ProjectIndex, path: str) -> str | None:
    """The directory holding the domain packages, where the module at `path` sits in one: its
    directory serves routes, and so does another directory beside it (`app/auth/models.py` beside
    `app/auth/views.py` and `app/probe/views.py`). A project's only models or schemas module is
    then its first domain's, not the module every resource shares."""
    directory = posixpath.dirname(path)
    if not directory:
        return None
    serving = {posixpath.dirname(e.module.path) for e in index.endpoints() if not e.module.is_test}
    parent = posixpath.dirname(directory)
    beside = {d for d in serving if posixpath.dirname(d) == parent and d != directory}
    return (parent or ".") if directory in serving and beside else None
