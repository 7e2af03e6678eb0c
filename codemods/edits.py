"""What renderers hand the planner: small, typed descriptions of one edit each."""

from __future__ import annotations

from dataclasses import dataclass

from codemods.imports import Import


@dataclass(frozen=True)
class Statements:
    """Top-level statements for a module (created if missing), with the imports they need."""

    path: str
    code: str
    imports: tuple[Import, ...] = ()
    after: str | None = None  # insert after this top-level name; None: at the end
    why: str = ""
    create_only: bool = False  # a module of our own (tests): present means complete


@dataclass(frozen=True)
class IncludeRouter:
    """Register a router: a call after the last sibling include, or an element of a router list."""

    path: str
    code: str  # `app.include_router(orders.router)` or, for lists, `orders.router`
    target: str  # the object included into, or the list's name
    in_list: bool
    router_expr: str
    imports: tuple[Import, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class ExportName:
    """Re-export a name from a package `__init__` (import plus `__all__` entry when it has one)."""

    path: str
    name: str
    imports: tuple[Import, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class ImportLine:
    """An import line placed right after another (`anchor`, verbatim), comment and all: a model
    registered where the project registers its models (`import app.orders.models  # noqa`)."""

    path: str
    anchor: str
    code: str
    why: str = ""


Edit = Statements | IncludeRouter | ExportName | ImportLine
