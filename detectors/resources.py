"""The project's resources and where each one lives: its footprint, read from structure.

A resource is a model class. Its footprint is every place the project wrote code for it:
files named for it (`routers/items.py`, `crud/item.py`, `products/` packages, `tests/test_items.py`,
a revision creating its table) and, in modules shared by several resources, the top-level
definitions whose names spell it (`class ItemCreate`, `def create_item`, `item = CRUDItem(Item)`).
The cloner copies a footprint; this module only finds it.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from codemods.names import ResourceNames, spelling_forms, spelling_pattern
from detectors._ast import last_name, walk
from detectors._models import ModelClass, column_calls, model_classes
from detectors.module_facts import module_fact
from detectors.project import Endpoint, ModuleInfo, ProjectIndex

OPS = ("list", "get", "create", "update", "delete")
_KIND_MARKERS = (  # first match wins: a ForeignKey column is an fk whatever its type
    ("fk", ("ForeignKey",)),
    ("enum", ("Enum",)),
    ("text", ("Text", "UnicodeText")),
    ("datetime", ("DateTime", "datetime", "TIMESTAMP")),
    ("date", ("Date", "date")),
    ("decimal", ("Numeric", "Decimal", "DECIMAL")),
    ("float", ("Float", "float", "REAL")),
    ("bool", ("Boolean", "bool")),
    ("uuid", ("Uuid", "UUID")),
    ("json", ("JSON", "JSONB", "dict")),
    ("int", ("Integer", "BigInteger", "SmallInteger", "int")),
    ("str", ("String", "Unicode", "VARCHAR", "str", "EmailStr")),
)


@dataclass(frozen=True)
class FieldInfo:
    """One client-writable field of an existing resource, classified like the spec grammar."""

    name: str
    kind: str  # str text int float bool decimal date datetime uuid json enum fk, or "other"
    optional: bool
    unique: bool
    has_default: bool
    values: tuple[str, ...] = ()  # an enum field's values, when its class is in the project
    validated: bool = False  # a validator of its own checks it (`@field_validator("url")`)


@dataclass(frozen=True)
class Unit:
    """A top-level definition of a resource inside a module shared with other resources."""

    path: str
    name: str
    line: int


@dataclass(frozen=True)
class Footprint:
    """Everything the project wrote for one resource."""

    model: str
    names: ResourceNames
    model_path: str
    files: tuple[str, ...]  # modules written for this resource alone, cloned whole
    units: tuple[Unit, ...]  # its definitions in shared modules
    ops: tuple[str, ...]  # which of list/get/create/update/delete its endpoints offer
    layers: tuple[str, ...]  # model, router, tests, migration, other
    fields: tuple[FieldInfo, ...]
    references: tuple[tuple[str, str], ...] = ()  # (attribute, model) of each foreign key column
    # create-schema fields that are no column (`password` for `hashed_password`): the resource
    # transforms its input, so its code is no template for a plain one
    derived: tuple[str, ...] = ()
    routes: tuple[tuple[str, str, str, str], ...] = ()  # (method, path, module, function)
    table: str = ""
    key: tuple[str, str] = ("id", "int")  # primary key attribute and its Python type (int, str)
    # columns no client sends: the key, timestamps, an owner set from the signed-in user
    server_set: tuple[str, ...] = ()
    update_schema: str = ""  # the class the update endpoint takes, when the project defines it
    nullable: tuple[str, ...] = ()  # columns that may hold NULL
    big_key: bool = False  # the primary key is a BigInteger

    @property
    def score(self) -> tuple[int, int, int]:
        return (len(self.ops), len(self.layers), len(self.files) + len(self.units))

    @property
    def nested(self) -> bool:
        """Whether its routes sit under a row of another resource (`/tier/{tier}/rate_limit`)."""
        return any(
            "{" in path[: len(path) - len(own_path(path, self.names) or "")]
            for _, path, _, _ in self.routes
        )

    def why(self) -> str:
        """One line: what makes this resource a good exemplar."""
        ops = "/".join(self.ops) or "no endpoints"
        return f"{ops}; layers: {', '.join(self.layers)}"


def path_names(path: str, names: ResourceNames) -> bool:
    """Whether one component of `path` (a directory or the file stem) is named for the resource."""
    return bool({names.snake, names.plural_snake} & path_words(path))


@functools.lru_cache(maxsize=8192)  # every file's path, for every footprint of a batch
def path_words(path: str) -> frozenset[str]:
    """Every run of whole words of each component of `path`: `app/line_items.py` ->
    app, line, items, line_items (what a resource's snake names are compared with)."""
    parts = path[:-3].split("/") if path.endswith(".py") else path.split("/")
    out = set()
    for part in parts:
        words = part.split("_")
        out |= {"_".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    return frozenset(out)


def op_of_route(method: str, path: str | None) -> str | None:
    """The CRUD operation a route serves (`GET /{id}` -> get), or None for another route."""
    has_param = "{" in (path or "")
    return {
        ("get", False): "list",
        ("get", True): "get",
        ("post", False): "create",
        ("patch", True): "update",
        ("put", True): "update",
        ("delete", True): "delete",
    }.get((method, has_param))


def own_path(path: str | None, names: ResourceNames) -> str | None:
    """The route's path from the last segment naming the resource on: under a parent row,
    `/authors/{author_id}/reviews/` lists reviews, it reads no one row (`reviews/`)."""
    if not path:
        return path
    parts = path.split("/")
    spelled = {names.plural_snake, names.plural_kebab, names.snake, names.kebab}
    at = max((i for i, part in enumerate(parts) if part in spelled), default=0)
    return "/".join(parts[at:])


def top_level_names(node: ast.stmt) -> list[str]:
    """The names a top-level statement defines."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


@functools.lru_cache(maxsize=4096)  # the same column text recurs across resources and footprints
def _classify(annotation: str, call: str) -> tuple[str, bool]:
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", f"{annotation} {call}"))
    kind = next((k for k, markers in _KIND_MARKERS if words & set(markers)), "other")
    optional = (
        "None" in annotation or "Optional" in annotation or "nullable=True" in call.replace(" ", "")
    )
    return kind, optional


def _class_fields(module: ModuleInfo, node: ast.ClassDef, seen: set[str] | None = None) -> dict:
    """name -> (annotation text, value text) for a class and its bases defined in the same module."""
    if seen is None:  # a fact of the module alone: once per class (a batch asks for each again)
        return dict(module.fact(("class_fields", id(node)), lambda: _read_class_fields(module, node, set())))
    return _read_class_fields(module, node, seen)


def _schema_fields(index: ProjectIndex | _Reads, module: ModuleInfo, node: ast.ClassDef, depth: int = 0) -> dict:
    """`_class_fields`, with the fields of bases the class imports from another module of the
    project (a create schema on the model module's `ItemBase`, SQLModel's habit)."""
    out: dict[str, tuple[str, str]] = {}
    for base in node.bases if depth < 4 else ():
        name = last_name(base) or ""
        if name in module.definitions or name not in module.imports:
            continue
        source, attr = module.imports[name]
        other = index.module(source) if attr is not None else None
        target = other.definitions.get(attr or "") if other is not None else None
        if isinstance(target, ast.ClassDef):
            out.update(_schema_fields(index, other, target, depth + 1))
    return {**out, **_class_fields(module, node)}


def _read_class_fields(module: ModuleInfo, node: ast.ClassDef, seen: set[str]) -> dict:
    out: dict[str, tuple[str, str]] = {}
    for base in node.bases:
        name = last_name(base)
        target = module.definitions.get(name or "")
        if isinstance(target, ast.ClassDef) and name not in seen:
            out.update(_class_fields(module, target, seen | {name}))
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            out[stmt.target.id] = (
                module.unparsed(stmt.annotation),
                module.unparsed(stmt.value) if stmt.value else "",
            )
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name) and isinstance(stmt.value, ast.Call):
                if last_name(stmt.value.func) in ("Column", "mapped_column", "Field"):
                    out[target.id] = ("", module.unparsed(stmt.value))
    return out


def _find_class(index: _Reads, name: str, paths: list[str]) -> tuple[ModuleInfo, ast.ClassDef] | None:
    for path in paths:
        found = index.class_in(path, name)
        if found is not None:
            return found
    return None


def _class_in(index: ProjectIndex, path: str, name: str) -> tuple[ModuleInfo, ast.ClassDef] | None:
    """The module at `path` and its top-level class `name`, if it defines one."""
    info = index.get(path)
    if info is None or name not in info.class_names:  # read without parsing where the facts worker read it
        return None
    node = info.definitions.get(name)
    return (info, node) if isinstance(node, ast.ClassDef) else None


def _fields(index: ProjectIndex | _Reads, model: ModelClass, create_schema: tuple | None) -> tuple[FieldInfo, ...]:
    columns = _class_fields(model.module, model.node)
    writable = _schema_fields(index, *create_schema) if create_schema else None
    validated = _validated(model.node) | (_validated(create_schema[1]) if create_schema else set())
    out = []
    for name, (annotation, value) in columns.items():
        if name.startswith("_") or "primary_key=True" in value.replace(" ", ""):
            continue
        if "relationship(" in value or "Relationship(" in value:
            continue
        if writable is not None and name not in writable:
            continue
        kind, optional = _classify(annotation, value)
        if writable is not None:
            # what a client must send is the create schema's word, not the column's nullability
            optional = _classify(*writable[name])[1]
        compact = value.replace(" ", "")
        has_default = "default=" in compact or (bool(value) and not value.startswith(("mapped_column", "Column", "Field", "sa.", "orm.")))
        values = _enum_values(index, model.module, f"{annotation} {value}") if kind == "enum" else ()
        out.append(FieldInfo(name, kind, optional, "unique=True" in compact, has_default, values, name in validated))
    return tuple(out)


def _validated(node: ast.ClassDef) -> set[str]:
    """Fields a validator of the class names: `@field_validator("url")`, `@validator("url")`,
    `@validates("url")`: string arguments of a decorator call on one of its methods."""
    out: set[str] = set()
    for stmt in node.body:
        for dec in getattr(stmt, "decorator_list", ()):
            if isinstance(dec, ast.Call) and (last_name(dec.func) or "").endswith(("validator", "validates")):
                out |= {a.value for a in dec.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return out


def table_name(model: ModelClass) -> str:
    """The model's table: its `__tablename__`, else SQLModel's default, the lowercased class name."""
    declared = declared_table(model)
    return declared if declared is not None else model.name.lower()


def declared_table(model: ModelClass) -> str | None:
    """The `__tablename__` the model's class body sets, if it sets one."""
    for stmt in model.node.body:
        if (
            isinstance(stmt, ast.Assign)
            and getattr(stmt.targets[0], "id", None) == "__tablename__"
            and isinstance(stmt.value, ast.Constant)
        ):
            return str(stmt.value.value)
    return None


_FK_TARGET = re.compile(r"""(?:ForeignKey\(|foreign_key=)\s*["']([A-Za-z_0-9]+)\.""")


def _references(model: ModelClass, tables: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((attr, tables[table]) for attr, table in _fk_tables(model) if table in tables)


def _fk_tables(model: ModelClass) -> tuple[tuple[str, str], ...]:
    """(attribute, table) of each foreign key the model declares; a fact of its module alone."""

    def read() -> tuple[tuple[str, str], ...]:
        found = (
            (attr, _FK_TARGET.search(model.module.unparsed(call)))
            for attr, _, call in column_calls(model)
            if call is not None and _may_name_a_key(call)
        )
        return tuple((attr, m.group(1)) for attr, m in found if m)

    return model.module.fact(("fk_tables", id(model.node)), read)


def _may_name_a_key(call: ast.Call) -> bool:
    """Whether the call's text could hold `ForeignKey(` or `foreign_key=`: only where a name,
    keyword or string in it spells one (most columns don't, and unparsing them all cost more).
    Walked without the Load/Store markers, which spell nothing (`ast.walk` took a fifth of the
    footprints of two hundred models)."""
    for node in walk(call, contexts=False):
        word = (
            node.id if isinstance(node, ast.Name)
            else node.attr if isinstance(node, ast.Attribute)
            else node.arg if isinstance(node, (ast.keyword, ast.arg))
            else node.value if isinstance(node, ast.Constant) and isinstance(node.value, str)
            else None
        )
        if word and ("ForeignKey" in word or "foreign_key" in word):
            return True
    return False


def _enum_values(index: ProjectIndex | _Reads, module: ModuleInfo, text: str) -> tuple[str, ...]:
    """The string values of the first Enum subclass the column's text names (defined or imported)."""
    return enum_named(index, module, text)[1]


def enum_named(index: ProjectIndex | _Reads, module: ModuleInfo, text: str) -> tuple[str | None, tuple[str, ...]]:
    """The first Enum subclass `text` names, as `module` sees it (defined there or imported),
    and its string values; (None, ()) when it names none."""
    for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text):
        node = module.definitions.get(name)
        if node is None and name in module.imports:
            source, attr = module.imports[name]
            other = index.module(source)
            node = other.definitions.get(attr or name) if other else None
        if isinstance(node, ast.ClassDef) and any("Enum" in (last_name(b) or "") for b in node.bases):
            values = tuple(
                stmt.value.value
                for stmt in node.body
                if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            )
            return name, values
    return None, ()


def _key(model: ModelClass) -> tuple[str, str]:
    return model.module.fact(("key", id(model.node)), lambda: _read_key(model))


def _read_key(model: ModelClass) -> tuple[str, str]:
    text = model.module.unparsed
    for attr, annotation, call in column_calls(model):
        if call is not None and "primary_key=True" in text(call).replace(" ", ""):
            words = set(re.findall(r"\w+", text(call) + (text(annotation) if annotation else "")))
            kind = (
                "uuid" if words & {"UUID", "Uuid", "uuid"}
                else "int" if words & {"int", "Integer", "BigInteger"}
                else "str" if words & {"str", "String"}
                else "other"
            )
            return attr, kind
    return "id", "int"


def _big_key(model: ModelClass) -> bool:
    """Whether the primary key is a 64-bit integer column (BigInteger)."""
    return model.module.fact(("big_key", id(model.node)), lambda: _read_big_key(model))


def _read_big_key(model: ModelClass) -> bool:
    text = model.module.unparsed
    for _, annotation, call in column_calls(model):
        if call is not None and "primary_key=True" in text(call).replace(" ", ""):
            return "BigInteger" in text(call)
    return False


def _derived(index: _Reads, model: ModelClass, create_schema: tuple | None) -> tuple[str, ...]:
    if create_schema is None:
        return ()
    columns = _class_fields(model.module, model.node)
    return tuple(n for n in _schema_fields(index, *create_schema) if n not in columns and not n.startswith("_"))


def _payload_class(index: _Reads, endpoint, model: ModelClass, where: list[str]) -> tuple | None:
    """(module, class) of the schema an endpoint takes as its body, if it is the project's."""
    if endpoint is None:
        return None
    for arg in endpoint.func.args.args + endpoint.func.args.kwonlyargs:
        name = last_name(arg.annotation) if arg.annotation is not None else None
        found = _find_class(index, name, [*where, endpoint.module.path]) if name else None
        if found and found[1].name != model.name:
            return found
    return None


def _nullable(model: ModelClass) -> tuple[str, ...]:
    """The model's columns that may hold NULL."""
    return tuple(
        name
        for name, (annotation, value) in _class_fields(model.module, model.node).items()
        if _classify(annotation, value)[1]
    )


def _server_set(index: _Reads, model: ModelClass, create_schema: tuple | None) -> tuple[str, ...]:
    """Columns the create schema leaves out: the server fills them (key, timestamps, owner)."""
    if create_schema is None:
        return ()
    writable = _schema_fields(index, *create_schema)
    return tuple(
        name
        for name, (_, value) in _class_fields(model.module, model.node).items()
        if name not in writable
        and not name.startswith("_")
        and "relationship(" not in value
        and "Relationship(" not in value
    )


def find_footprints(index: ProjectIndex) -> tuple[Footprint, ...]:
    """Every model's footprint, best exemplar first (read once per index)."""
    return index.memo("footprints", lambda: _find_footprints(index))


def _find_footprints(index: ProjectIndex) -> tuple[Footprint, ...]:
    models = model_classes(index)
    tables = {table_name(m): m.name for m in models}
    all_names = {m.name: ResourceNames.parse_loose(m.name) for m in models}
    owned: dict[str, str] = {}  # file -> model whose name the path carries (the longest name wins)
    ranked = sorted(((m, n) for m, n in all_names.items() if n is not None), key=lambda kv: -len(kv[1].snake))
    rank_of: dict[str, int] = {}  # a snake spelling -> the first model in rank that has it
    for rank, (_, names) in enumerate(ranked):
        for form in (names.snake, names.plural_snake):
            rank_of.setdefault(form, rank)
    for path in index.files:
        ranks = [rank_of[w] for w in path_words(path) if w in rank_of]
        if ranks:
            owned[path] = ranked[min(ranks)][0]
    # the top-level definitions of the files no resource owns, read once for every model
    shared: list[tuple[str, str, int]] = []
    for path in index.files:
        info = index.get(path) if path not in owned else None
        if info is not None:
            shared += [(path, name, line) for name, line in _top_level_definitions(info)]
    routes: dict[str, list[tuple[int, Endpoint]]] = {}  # module -> its routes and their order
    for at, e in enumerate(e for e in index.endpoints() if not e.module.is_test):
        routes.setdefault(e.module.path, []).append((at, e))
    # A definition spelling two resources (`test_delete_author_deletes_books`)
    # is about their relation, not one resource's shape: a unit of none.
    units_of: dict[str, list[Unit]] = {}
    for at, by in enumerate(_spelled_by(shared, {m: n for m, n in all_names.items() if n is not None})):
        if len(by) == 1:
            units_of.setdefault(by[0], []).append(Unit(*shared[at]))
    files: dict[str, list[str]] = {}
    for path, model_name in owned.items():
        files.setdefault(model_name, []).append(path)
    prints = []
    for model in models:
        names = all_names[model.name]
        if names is None:
            continue
        units = tuple(units_of.get(model.name, ()))
        prints.append(_carried_footprint(index, model, names, tuple(files.get(model.name, ())), units, tables, routes))
    return tuple(sorted(prints, key=lambda f: (tuple(-s for s in f.score), f.model)))


@module_fact
def _top_level_definitions(info: ModuleInfo) -> tuple[tuple[str, int], ...]:
    """(name, line) of each name the module's top-level statements define, in order."""
    return tuple((name, node.lineno) for node in info.tree.body for name in top_level_names(node))


class _Reads:
    """The index as `_footprint` reads it, each lookup recorded with its answer: the module
    found (an identity), or for `is_test` a plain answer (a conftest every resource's fixture
    is added to is still a test module)."""

    def __init__(self, index: ProjectIndex):
        self.index = index
        self.log: list[tuple[str, Any, object]] = []

    def get(self, rel_path: str) -> ModuleInfo | None:
        found = self.index.get(rel_path)
        self.log.append(("get", rel_path, found))
        return found

    def module(self, dotted_name: str) -> ModuleInfo | None:
        found = self.index.module(dotted_name)
        self.log.append(("module", dotted_name, found))
        return found

    def class_in(self, rel_path: str, name: str) -> tuple[ModuleInfo, ast.ClassDef] | None:
        """The module at the path and its class `name`; its absence is recorded as a plain
        answer (a conftest gaining fixtures still defines no `ItemCreate`). The module asked is
        recorded too: the same module gives the same answer, without looking again."""
        found = _class_in(self.index, rel_path, name)
        self.log.append(("class_in", (rel_path, name), (self.index.get(rel_path), found[0] if found else None)))
        return found

    def is_test(self, rel_path: str) -> bool:
        """Whether the module at the path parses and is a test module."""
        info = self.index.get(rel_path)
        found = info is not None and info.is_test
        self.log.append(("is_test", rel_path, found))
        return found

    @staticmethod
    def same(index: ProjectIndex, log: tuple[tuple[str, Any, object], ...]) -> bool:
        """Whether `index` answers each recorded lookup as it was answered."""
        for how, arg, found in log:
            if how == "is_test":
                info = index.get(arg)
                if (info is not None and info.is_test) != found:
                    return False
            elif how == "class_in":
                asked, answer = found
                if index.get(arg[0]) is asked:
                    continue
                now = _class_in(index, *arg)
                if (now[0] if now else None) is not answer:
                    return False
            elif getattr(index, how)(arg) is not found:
                return False
        return True


def _carried_footprint(
    index: ProjectIndex,
    model: ModelClass,
    names: ResourceNames,
    files: tuple[str, ...],
    units: tuple[Unit, ...],
    tables: dict[str, str],
    routes_by_path: dict[str, list[tuple[int, Endpoint]]],
) -> Footprint:
    """`_footprint`, or the one an earlier index of the same tree gave for the same inputs: a
    batch's indexes share every module it did not write, and a resource it adds changes no other
    model's footprint unless it changes a module that footprint was read from. The inputs are
    compared by identity (modules, class nodes, endpoints) or value (names, paths, the tables of
    its foreign keys), the lookups it made by asking the new index again. A unit's line is no
    input (a line added above it moves it): the footprint found takes the units as they are."""
    routes = tuple(e for _, e in sorted(r for p in {*files, *(u.path for u in units)} for r in routes_by_path.get(p, ())))
    inputs = (names, files, tuple((u.path, u.name) for u in units), _references(model, tables))
    key = ("footprint", model.name)
    entry = index.carried.get(key)
    if entry is not None:
        module, node, was_inputs, was_routes, log, footprint = entry
        if (
            module is model.module
            and node is model.node
            and was_inputs == inputs
            and len(was_routes) == len(routes)
            and all(a is b for a, b in zip(was_routes, routes))
            and _Reads.same(index, log)
        ):
            return footprint if footprint.units == units else replace(footprint, units=units)
    reads = _Reads(index)
    footprint = _footprint(reads, model, names, files, units, tables, routes)
    index.carried[key] = (model.module, model.node, inputs, routes, tuple(reads.log), footprint)
    return footprint


def _spelled_by(shared: list[tuple[str, str, int]], names: dict[str, ResourceNames]) -> list[tuple[str, ...]]:
    """For each shared definition, the models whose spelling its name holds. A name can only
    hold a spelling whose letters it holds, case and underscores aside (`line_items` holds
    `LineItem`): looking up the name's pieces of those lengths leaves few patterns to run per
    name, not one per model."""
    order = {model: i for i, model in enumerate(names)}
    by_letters: dict[str, list[str]] = {}
    for model, n in names.items():
        for form in {f.lower().replace("_", "") for f in spelling_forms(n)}:
            by_letters.setdefault(form, []).append(model)
    lengths = sorted({len(k) for k in by_letters})
    out = []
    for _, name, _ in shared:
        folded = name.lower().replace("_", "")
        candidates = {
            model
            for size in lengths
            for i in range(len(folded) - size + 1)
            for model in by_letters.get(folded[i : i + size], ())
        }
        out.append(tuple(sorted(
            (m for m in candidates if spelling_pattern(names[m]).found(name)), key=order.__getitem__
        )))
    return out


def _footprint(
    index: _Reads,
    model: ModelClass,
    names: ResourceNames,
    files: tuple[str, ...],
    units: tuple[Unit, ...],
    tables: dict[str, str],
    candidates: tuple[Endpoint, ...],
) -> Footprint:
    """The model's footprint: `files` are those its name owns, `units` its definitions in
    modules no resource owns, `candidates` the routes of those modules in the app's order."""
    unit_names = {(u.path, u.name) for u in units}
    ops: dict[str, object] = {}
    routes = []
    for e in candidates:
        mine = e.module.path in files or (e.module.path, e.func.name) in unit_names
        if mine:
            routes.append((e.method.upper(), e.path or "", e.module.path, e.func.name))
            op = op_of_route(e.method, own_path(e.path, names))
            if op:
                ops.setdefault(op, e)
    layers = ["model"]
    if ops:
        layers.append("router")
    touched = set(files) | {u.path for u in units}
    if any(index.is_test(p) for p in touched):
        layers.append("tests")
    if any("/versions/" in f"/{p}" for p in touched):
        layers.append("migration")
    where = [*files, *(u.path for u in units)]
    create_schema = _payload_class(index, ops.get("create"), model, where)
    update_schema = _payload_class(index, ops.get("update"), model, where)
    return Footprint(
        model=model.name,
        names=names,
        model_path=model.module.path,
        files=files,
        units=units,
        ops=tuple(op for op in OPS if op in ops),
        layers=tuple(layers),
        fields=_fields(index, model, create_schema),
        derived=_derived(index, model, create_schema),
        server_set=_server_set(index, model, create_schema),
        update_schema=update_schema[1].name if update_schema else "",
        nullable=_nullable(model),
        routes=tuple(routes),
        table=table_name(model),
        key=_key(model),
        big_key=_big_key(model),
        references=_references(model, tables),
    )


def app_instance(index: ProjectIndex, factory: str | None) -> tuple[str, str] | None:
    """(module, variable) of the module-level app a factory builds: `app = create_app()`."""
    if not factory:
        return None
    for path in index.files:
        if factory not in (index.root / path).read_text(encoding="utf-8", errors="replace"):
            continue
        info = index.get(path)
        if info is None or info.is_test:
            continue
        for stmt in info.tree.body:
            if (
                isinstance(stmt, ast.Assign)
                and isinstance(stmt.value, ast.Call)
                and last_name(stmt.value.func) == factory
                and isinstance(stmt.targets[0], ast.Name)
            ):
                return info.name, stmt.targets[0].id
    return None


def enum_style(index: ProjectIndex) -> str:
    """How the project writes string enums: "strenum" (`StrEnum`) or "str_enum" (`str, Enum`).
    Its own enums decide; with none, a project requiring Python 3.11+ gets StrEnum."""
    for info in index.relevant:
        # a fact of each module: a batch asks for every resource, its modules mostly unchanged
        style = _enum_style_of(info)
        if style is not None:
            return style
    pyproject = index.root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8", errors="replace") if pyproject.is_file() else ""
    found = re.search(r"""requires-python\s*=\s*["']\s*>=?\s*3\.(\d+)""", text) or re.search(
        r"""target-version\s*=\s*["']py3(\d+)""", text
    )
    return "strenum" if found and int(found.group(1)) >= 11 else "str_enum"



@module_fact
def _enum_style_of(info: ModuleInfo) -> str | None:
    """The style of the module's first string enum, if it has one."""
    if "Enum" not in info.source:  # the bases it looks for spell it: no walk of the module's nodes
        return None
    for node in info.nodes(ast.ClassDef):
        bases = {last_name(b) for b in node.bases}
        if "StrEnum" in bases:
            return "strenum"
        if "str" in bases and bases & {"Enum"}:
            return "str_enum"
    return None


def logic_uses(index: ProjectIndex, footprint: Footprint, columns: set[str]) -> set[str]:
    """Which of `columns` the resource's logic reads: function bodies of its modules, tests and
    revisions left out (`Note.created_at` in a keyset query, `owner_id=current_user.id`). A
    column only listed in classes (schemas, the model) is not logic."""
    paths = {p for p in footprint.files if not _is_history_or_test(p)}
    units = {(u.path, u.name) for u in footprint.units if not _is_history_or_test(u.path)}
    found: set[str] = set()
    for path in paths | {p for p, _ in units}:
        info = index.get(path)
        if info is None:
            continue
        for stmt in info.tree.body:
            if path not in paths and (path, next(iter(top_level_names(stmt)), "")) not in units:
                continue
            for func in ast.walk(stmt):
                if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    for node in ast.walk(func):
                        name = (
                            node.attr if isinstance(node, ast.Attribute)
                            else node.arg if isinstance(node, ast.keyword)
                            else node.id if isinstance(node, ast.Name)
                            else None
                        )
                        if name in columns:
                            found.add(name)
    return found


def _is_history_or_test(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return "/versions/" in f"/{path}" or name.startswith("test_") or name == "conftest.py" or "/tests/" in f"/{path}"
