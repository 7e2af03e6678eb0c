"""Where `--auth jwt|api-key` writes its dependency module: beside the project's other shared
modules (its package of shared helpers, `app/core/`), else above its routers, or beside a
single-module app. The same places the cache helper goes, found the same way."""

from __future__ import annotations

from codemods.cache_place import _routers_parent, shared_package
from detectors.project import ProjectIndex

STEM = "auth"


def dependency_path(index: ProjectIndex, router_path: str) -> str:
    """The path of the new dependency module for routes written at `router_path`."""
    directory = shared_package(index, router_path) or _routers_parent(index, router_path)
    return f"{directory}/{STEM}.py" if directory else f"{STEM}.py"
