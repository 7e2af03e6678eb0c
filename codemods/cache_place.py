"""Where the cache helper module goes, or is already: written once, found again by later runs.

A project with a package of shared helpers (no routes, more functions than classes, not only
data access reading models, imported by the rest of the project: `app/core/`) gets it there;
otherwise it goes in the package above the routers (beside a single-module app). The Redis
helper reads its URL from the project's settings object when it has a Redis URL setting, else
from REDIS_URL, and reuses a client the project already creates at module level.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codemods.cache_helpers import HEADERS, memory_helper, redis_helper
from codemods.errors import ConventionError
from codemods.imports import Import
from detectors._toml import tomllib
from detectors.project import ProjectIndex, is_test_path, module_name

STEMS = {"headers": "http_cache", "memory": "memory_cache", "redis": "redis_cache"}
API = {"headers": {"cached_route"}, "memory": {"key", "get", "put", "forget", "clear"},
       "redis": {"key", "get", "put", "forget", "client"}}
DEFAULT_URL = '"redis://127.0.0.1:6379/0"'


@dataclass(frozen=True)
class HelperModule:
    """The helper's path, how the router imports it, and its text when the run writes it."""

    path: str
    imported: Import
    text: str | None


def helper_module(index: ProjectIndex, router_path: str, kind: str, is_async: bool, optional_style: str = "pipe") -> HelperModule:
    """The project's helper for `kind` if a module of its name already has its functions, else a
    new one in the shared helpers package, its optionals written in `optional_style`."""
    stem = STEMS[kind]
    for path in index.files:
        if path.rsplit("/", 1)[-1] == f"{stem}.py" and not is_test_path(path):
            info = index.get(path)
            names = {s.name for s in info.tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))} if info else set()
            if not API[kind] <= names:
                raise ConventionError(f"--cache {kind}: {path} exists and is not the cache helper; rename it")
            return HelperModule(path, _import(path), None)
    directory = shared_package(index, router_path) or _routers_parent(index, router_path)
    path = f"{directory}/{stem}.py" if directory else f"{stem}.py"
    if kind == "headers":
        text = HEADERS
    elif kind == "memory":
        text = memory_helper(optional_style)
    else:
        url_code, url_import = redis_url(index)
        text = redis_helper(is_async, url_code, url_import, project_client(index, is_async), project_name(index), optional_style)
    return HelperModule(path, _import(path), text)


def project_name(index: ProjectIndex) -> str:
    """The project's name (pyproject.toml's, else its directory's), as a Redis key prefix."""
    try:
        name = tomllib.loads((index.root / "pyproject.toml").read_text(encoding="utf-8")).get("project", {}).get("name")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        name = None
    text = str(name or index.root.name)
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in text) or "api"


def _import(path: str) -> Import:
    dotted = module_name(path)
    package, _, stem = dotted.rpartition(".")
    return Import(package, stem) if package else Import(stem)


def shared_package(index: ProjectIndex, router_path: str) -> str | None:
    """The package of shared helpers beside the routers' package, if the project has one: more
    functions than classes, no routes, not all reading models, imported by the most modules."""
    top = router_path.split("/")[0] if "/" in router_path else None
    if top is None:
        return None
    packages: dict[str, list[str]] = {}
    for path in index.files:
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == top and not is_test_path(path):
            packages.setdefault(parts[1], []).append(path)
    models = _model_modules(index)
    best, best_users = None, 0
    for name, paths in sorted(packages.items()):
        if f"{top}/{name}/__init__.py" not in paths or router_path.startswith(f"{top}/{name}/"):
            continue
        infos = [index.get(p) for p in paths]
        if any(i is None or i.endpoints for i in infos):
            continue
        functions = sum(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) for i in infos for s in i.tree.body)
        if not functions or functions < sum(isinstance(s, ast.ClassDef) for i in infos for s in i.tree.body):
            continue  # models or schemas: helpers are mostly functions
        modules = [i for i in infos if not i.path.endswith("__init__.py")]
        if modules and all(any(_names_model(i, mod, attr, models) for mod, attr in i.imports.values()) for i in modules):
            continue  # data access: every module of it reads the models
        dotted = f"{top}.{name}"
        users = sum(
            1 for m in _all(index) if not m.path.startswith(f"{top}/{name}/")
            and any(mod == dotted or mod.startswith(dotted + ".") for mod, _ in m.imports.values())
        )
        if users > best_users:
            best, best_users = f"{top}/{name}", users
    return best


def _names_model(info, mod: str, attr: str | None, models: set[str]) -> bool:
    """Whether an import of `info` (resolved, relative ones included) reaches a models module."""
    return mod in models or f"{mod}.{attr}" in models or any(m.endswith("." + mod.lstrip(".")) for m in models if mod.startswith("."))


def _model_modules(index: ProjectIndex) -> set[str]:
    """Dotted names of the modules (and their packages) defining ORM models: a class with `__tablename__`."""
    out = set()
    for info in _all(index):
        if any(isinstance(s, ast.ClassDef) and any(
            isinstance(b, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in b.targets)
            or isinstance(b, ast.AnnAssign) and isinstance(b.target, ast.Name) and b.target.id == "__tablename__"
            or "table=True" in ast.unparse(s).split("\n")[0]
            for b in s.body) for s in info.tree.body):
            out.add(info.name)
            out.add(info.name.rpartition(".")[0])
    out.discard("")
    return out


def _routers_parent(index: ProjectIndex, router_path: str) -> str:
    """The package above the routers: above a package of route modules (`app/routers/`) or of a
    package per resource (`src/orders/`, beside `src/products/`); the router's own directory
    otherwise (a single-module app)."""
    directory = router_path.rpartition("/")[0]
    parent = directory.rpartition("/")[0]
    routed = {p.rpartition("/")[0] for p in index.files if p != router_path and (i := index.get(p)) is not None and i.endpoints}
    beside = directory in routed or any(d.rpartition("/")[0] == parent and d != directory for d in routed)
    return parent if beside and "/" in directory else directory


def redis_url(index: ProjectIndex) -> tuple[str, str]:
    """(the code of the Redis URL, the import it needs): the settings object's Redis URL field,
    recognised by its `redis://` default or `RedisDsn` type; else REDIS_URL with a local default."""
    for info in _all(index):
        if info.is_test:
            continue
        classes = {s.name: s for s in info.tree.body if isinstance(s, ast.ClassDef)
                   and any(ast.unparse(b).split(".")[-1] == "BaseSettings" for b in s.bases)}
        for stmt in info.tree.body:
            if not (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)
                    and isinstance(stmt.value.func, ast.Name) and stmt.value.func.id in classes
                    and isinstance(stmt.targets[0], ast.Name)):
                continue
            for field in classes[stmt.value.func.id].body:
                if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name) and _is_redis_url(field):
                    instance = stmt.targets[0].id
                    return f"str({instance}.{field.target.id})", f"from {info.name} import {instance}"
    return f'os.environ.get("REDIS_URL", {DEFAULT_URL})', ""


def _is_redis_url(field: ast.AnnAssign) -> bool:
    value = field.value
    default = value.value if isinstance(value, ast.Constant) else None
    return "RedisDsn" in ast.unparse(field.annotation) or (
        isinstance(default, str) and default.startswith(("redis://", "rediss://", "unix://"))
    )


def project_client(index: ProjectIndex, is_async: bool) -> tuple[str, str] | None:
    """(module, name) of a module-level Redis client the project creates: `redis.Redis(...)`,
    `from_url(...)`, of the asyncio kind when the routes are async."""
    for info in _all(index):
        if info.is_test:
            continue
        for stmt in info.tree.body:
            if not (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and isinstance(stmt.targets[0], ast.Name)):
                continue
            origin = _origin(info, stmt.value.func)
            if origin is None or not origin.startswith("redis"):
                continue
            if origin.split(".")[-1] in ("Redis", "StrictRedis", "from_url") and origin.startswith("redis.asyncio") == is_async:
                return info.name, stmt.targets[0].id
    return None


def _origin(info, func: ast.expr) -> str | None:
    """The dotted origin of a called name through the module's imports: `redis.asyncio.from_url`."""
    parts = ast.unparse(func).split(".")
    found = info.imports.get(parts[0])
    if found is None:
        return None
    mod, attr = found
    return ".".join([mod, *([attr] if attr else []), *parts[1:]])


def _all(index: ProjectIndex) -> list:
    """Every module of the project that parses (a helper or a client may be in any)."""
    return [i for i in (index.get(p) for p in index.files) if i is not None]
