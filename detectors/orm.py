"""ORM: which one, sync or async, model style, declarative base, where models live."""

from __future__ import annotations

import ast
import math
import posixpath
from collections import Counter

from detectors._ast import annotation_names, dotted, kwarg, last_name, source_segment, walk
from detectors._models import (
    column_calls,
    declarative_bases,
    domain_parent,
    is_primary_key,
    model_classes,
    names_a_model,
)
from detectors.conventions import AppFinding, Evidence, OrmFinding
from detectors.project import ProjectIndex

OTHER_ORMS = (
    "tortoise",
    "ormar",
    "peewee",
    "beanie",
    "odmantic",
    "mongoengine",
    "pony",
    "piccolo",
    "motor",
    "databases",
    "prisma",
    "edgedb",
    "pymongo",
)
ASYNC_MARKERS = (
    "AsyncSession",
    "create_async_engine",
    "async_sessionmaker",
    "sqlalchemy.ext.asyncio",
)
TIMESTAMP_HINTS = ("now", "utcnow", "current_timestamp")


_MARKERS = ("pyproject.toml", "setup.cfg", "requirements.txt", "alembic.ini")


def _inner_project(index: ProjectIndex) -> str | None:
    """A directory below the root (`backend/`) holding a project of its own (a marker file and
    the packages its modules import themselves by): from the root, the models' imports of their
    base (`from app.db import Base`) resolve to nothing, so no model is found."""
    tops = {p.split("/")[0] for p in index.files if "/" in p}
    for top in sorted(tops):
        if not any((index.root / top / m).is_file() for m in _MARKERS):
            continue
        packages = {p.split("/")[1] for p in index.files if p.startswith(f"{top}/") and p.count("/") >= 2}
        for info in index.relevant:
            if info.path.startswith(f"{top}/") and any(mod.split(".")[0] in packages for mod, _ in info.imports.values()):
                return top
    return None


def detect_orm(index: ProjectIndex, app: AppFinding) -> OrmFinding:
    """Classify the ORM from the model classes and the session machinery the project defines."""
    models = model_classes(index)
    if not models:
        other = _other_orm(index)
        if other:
            return OrmFinding(
                kind="other",
                other=other[0],
                evidence=other[1],
                note=f"{other[0]} is not supported yet",
            )
        note = "looked for SQLAlchemy declarative bases and SQLModel table classes"
        inner = _inner_project(index)
        if inner is not None:
            note += f"; the project's own imports resolve from {inner}/: run add-crud there (--project {inner})"
        return OrmFinding(kind="none", note=note)

    kinds = Counter(m.kind for m in models)
    kind = kinds.most_common(1)[0][0]
    models = [m for m in models if m.kind == kind]
    evidence = [
        Evidence(m.module.path, m.node.lineno, source_segment(m.module.lines, m.node))
        for m in models[:3]
    ]

    is_async, async_ev = _is_async(index)
    evidence.extend(async_ev)

    styles = Counter()
    for m in models:
        for _, ann, call in column_calls(m):
            name = last_name(call.func) if call is not None else None
            if kind == "sqlmodel":
                styles["sqlmodel"] += 1
            elif name == "mapped_column" or (
                ann is not None and "Mapped" in set(annotation_names(ann))
            ):
                styles["mapped_column"] += 1
            elif name == "Column":
                styles["column"] += 1
    style = styles.most_common(1)[0][0] if styles else "unknown"

    base = base_module = None
    if kind == "sqlmodel":
        base, base_module = "SQLModel", "sqlmodel"
    else:
        bases = declarative_bases(index)
        if bases:
            b = _base_of_most(index, bases, models)
            base, base_module = b.name, b.module.name
            evidence.append(
                Evidence(b.module.path, b.node.lineno, source_segment(b.module.lines, b.node))
            )

    location, models_path, registry = _location(index, app, models)
    model_imports = _model_imports(index, models, registry)
    pk_types = Counter(pk_type_of(m) for m in models)
    pk_type = pk_types.most_common(1)[0][0]
    stamps = Counter(name for m in models for name in _timestamp_columns(m))
    timestamps = tuple(n for n, c in stamps.items() if c >= max(1, len(models) // 2))
    query_api, query_ev = _query_api(index, {m.name for m in models})
    evidence.extend(query_ev)
    return OrmFinding(
        kind=kind,
        is_async=is_async,
        query_api=query_api,
        style=style,
        base=base,
        base_module=base_module,
        models_location=location,
        models_path=models_path,
        registry_file=registry,
        model_imports=model_imports,
        pk_type=pk_type,
        timestamps=timestamps,
        evidence=tuple(evidence),
        mixed=len(styles) > 1,
        note=f"model styles {dict(styles)}" if len(styles) > 1 else "",
    )


def _query_api(index: ProjectIndex, models: set[str]) -> tuple[str, list[Evidence]]:
    """`query` where the project reads rows with `db.query(Model)` and never `select(Model)`:
    the API SQLAlchemy before 1.4 has, whose sessions lack `get`, `scalars` and `execute(select)`."""
    votes: Counter[str] = Counter()
    first: dict[str, Evidence] = {}
    for info in index.relevant:
        if info.is_test:
            continue
        for call in info.calls_to("query", "select"):
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name not in ("query", "select") or not call.args:
                continue
            if last_name(call.args[0]) not in models:
                continue
            api = "query" if name == "query" and isinstance(func, ast.Attribute) else "select"
            votes[api] += 1
            first.setdefault(api, Evidence(info.path, call.lineno, info.line_text(call.lineno)))
    if votes["query"] and not votes["select"]:
        return "query", [first["query"]]
    return "select", [first["select"]] if "select" in first else []


def _other_orm(index: ProjectIndex) -> tuple[str, tuple[Evidence, ...]] | None:
    for info in index.relevant:
        for node in info.nodes(ast.Import, ast.ImportFrom):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
            )
            for n in names:
                if n.split(".")[0] in OTHER_ORMS:
                    return n.split(".")[0], (
                        Evidence(info.path, node.lineno, info.line_text(node.lineno)),
                    )
    return None


def _is_async(index: ProjectIndex) -> tuple[bool, list[Evidence]]:
    for info in index.relevant:
        if info.is_test:
            continue
        for marker in ASYNC_MARKERS:
            if marker in info.source:
                line = next(i for i, text in enumerate(info.lines, 1) if marker in text)
                return True, [Evidence(info.path, line, info.line_text(line))]
    return False, []


def _location(index: ProjectIndex, app: AppFinding, models) -> tuple[str, str | None, str | None]:
    files = Counter(m.module.path for m in models)
    if len(files) == 1:
        path = next(iter(files))
        # `models/user.py` holding User is one module per model, even with one model so far
        if not ("/" in path and names_a_model(path, {m.name for m in models})):
            parent = domain_parent(index, path) if path != app.file else None
            if parent is not None:
                return "domain", parent, None
            return ("single_file" if path == app.file else "module"), path, None
    dirs = Counter(posixpath.dirname(p) for p in files)
    basenames = Counter(posixpath.basename(p) for p in files)
    if len(files) > 1 and len(dirs) == len(files) and basenames.most_common(1)[0][1] == len(files):
        parent = Counter(posixpath.dirname(d) for d in dirs).most_common(1)[0][0]
        return "domain", parent or ".", None
    directory = dirs.most_common(1)[0][0]
    init = f"{directory}/__init__.py" if directory else "__init__.py"
    registry = None
    init_info = index.get(init)
    if init_info is not None:
        names = {m.name for m in models}
        if any(local in names for local in init_info.imports):
            registry = init
    return "package", directory, registry


def _model_imports(index: ProjectIndex, models, registry: str | None) -> tuple[tuple[str, str], ...]:
    """(module, line) for each module (no test, not the models package) importing models only so
    they are registered, none of the names it binds used in it (`import app.auth.models  # noqa`
    in an alembic env.py): its last such import line, verbatim. A model in a module of its own
    must be imported there too, or autogenerate takes its table for one to drop."""
    modules = {m.module.name for m in models}
    names = {m.name for m in models}
    found = []
    # an alembic env.py need mention no marker of a relevant module (its engine may come from elsewhere)
    envs = [index.get(p) for p in index.files if p.rsplit("/", 1)[-1] == "env.py"]
    candidates = dict.fromkeys([*index.relevant, *(e for e in envs if e is not None)])
    for info in candidates:
        if info.is_test or info.path == registry or info.name in modules:
            continue
        used: set[str] | None = None  # read only once an import registers models: few modules have one
        last = None
        for stmt in info.tree.body:
            if isinstance(stmt, ast.Import):
                bound = {(a.asname or a.name).split(".")[0] for a in stmt.names}
                registers = all(a.name in modules for a in stmt.names)
            elif isinstance(stmt, ast.ImportFrom) and stmt.level == 0:
                bound = {a.asname or a.name for a in stmt.names}
                registers = stmt.module in modules and all(a.name in names for a in stmt.names)
            else:
                continue
            if not registers or stmt.lineno != stmt.end_lineno:
                continue
            if used is None:
                used = {n.id for n in info.nodes(ast.Name)}
            if not bound & used:
                last = stmt
        if last is not None:
            found.append((info.path, info.lines[last.lineno - 1]))
    return tuple(found)


def _base_of_most(index: ProjectIndex, bases, models):
    """The declarative base most models inherit from, not the first one defined: a project may
    keep a second, unused one (a `Base` for alembic's env.py that no model inherits from)."""
    counts: Counter[tuple[str, int]] = Counter()  # by module too: modules of one text share a tree
    for m in models:
        for base in m.node.bases:
            name = dotted(base)
            found = index.resolve(m.module, name) if name else None
            if found is not None:
                counts[found[0].path, id(found[1])] += 1
    return max(bases, key=lambda b: counts[b.module.path, id(b.node)])  # the first of those tied


def pk_type_of(model) -> str:
    """The model's primary key type: uuid, int, str, or unknown."""
    for _, ann, call in column_calls(model):
        if not is_primary_key(call):
            continue
        names = set(annotation_names(ann)) if ann is not None else set()
        if call is not None:
            for arg in call.args:
                names.update(annotation_names(arg))
        if names & {"UUID", "Uuid", "uuid", "UUIDType"}:
            return "uuid"
        if names & {"int", "Integer", "BigInteger", "SmallInteger"}:
            return "int"
        if names & {"str", "String", "Text"}:
            return "str"
    return "unknown"


def _mentions_timestamp(value: ast.expr) -> bool:
    """Whether the unparsed `value` mentions now/utcnow/current_timestamp (any case). A name or
    attribute holding one (`func.now`) is written verbatim, so unparse only when none does."""
    for sub in walk(value, contexts=False):
        ident = (
            sub.id
            if sub.__class__ is ast.Name
            else sub.attr
            if sub.__class__ is ast.Attribute
            else None
        )
        if ident is not None and any(h in ident.lower() for h in TIMESTAMP_HINTS):
            return True
    return any(h in _unparsed_default(value).lower() for h in TIMESTAMP_HINTS)


def _unparsed_default(value: ast.expr) -> str:
    """`ast.unparse(value)`, or where `value` is a plain constant (most column defaults) a text
    holding the same hints: None or a number (but infinity) unparses as `repr` writes it, and a
    string without escapes as its characters within quotes (backslashes only before quotes),
    which no hint holds."""
    if value.__class__ is ast.Constant:
        constant = value.value
        if constant is None or constant.__class__ in (bool, int) or (constant.__class__ is float and math.isfinite(constant)):
            return repr(constant)
        if constant.__class__ is str and constant.isprintable() and "\\" not in constant:
            return constant
    return ast.unparse(value)


def _timestamp_columns(model) -> list[str]:
    out = []
    for name, _ann, call in column_calls(model):
        if call is None:
            continue
        for key in ("default", "server_default", "onupdate", "default_factory"):
            value = kwarg(call, key)
            if value is not None and _mentions_timestamp(value):
                out.append(name)
                break
        else:
            if (
                call.keywords
                and "DateTime" in {a for arg in call.args for a in annotation_names(arg)}
                and name.endswith("_at")
            ):
                out.append(name)
    return out
