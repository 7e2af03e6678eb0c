"""Schemas: where request/response models live and how they are named, read from usage."""

from __future__ import annotations

import ast
import posixpath
from collections import Counter

from detectors._ast import annotation_names, dotted, kwarg, last_name
from detectors._deps import endpoint_params
from detectors._models import domain_parent, model_classes, names_a_model
from detectors.conventions import AppFinding, Evidence, SchemasFinding
from detectors.project import ModuleInfo, ProjectIndex
from detectors.response import is_collection, response_type

PYDANTIC_BASES = ("BaseModel", "SQLModel")
WRAPPERS = ("list", "List", "Sequence", "Optional", "Annotated", "Union")


def _schema_class(index: ProjectIndex, module: ModuleInfo, expr: ast.expr | None):
    """The project class named by an annotation, unwrapping list[...]/Envelope[...]."""
    while isinstance(expr, ast.Subscript):
        expr = expr.slice.elts[0] if isinstance(expr.slice, ast.Tuple) else expr.slice
    name = dotted(expr) if expr is not None else None
    found = index.resolve(module, name) if name else None
    return found if found and isinstance(found[1], ast.ClassDef) else None


def _suffix(class_name: str, model_names: set[str]) -> tuple[str, str] | None:
    """Split `ItemCreate` into (Item, Create) against the known model names, longest model first."""
    # The prefixes of the name, longest first, looked up in the set: the same answer as trying
    # every model longest first, without a pass over all models per class.
    for size in range(len(class_name), -1, -1):
        model = class_name[:size]
        if model in model_names and class_name != model + "s":
            return model, class_name[size:]
    return None


def _creates(index: ProjectIndex, e, model: str, models: set[str]) -> bool:
    """Whether the POST may create a row of `model`: not where it answers 204 (nothing made) or
    with a schema of something else (`/refresh-token` taking `RefreshTokenRequest` and answering
    `AccessTokenResponse`): those bodies are no create schemas."""
    status = kwarg(e.decorator, "status_code")
    if isinstance(status, ast.Constant) and status.value == 204 or (dotted(status) or "").endswith("HTTP_204_NO_CONTENT"):
        return False
    found = _schema_class(index, e.module, response_type(e))
    if found is None or id(found[1]) in _model_nodes_by_name(index).get(model, ()):
        return True
    split = _suffix(found[1].name, models)
    return split is not None and split[0] == model


def _model_nodes_by_name(index: ProjectIndex) -> dict[str, set[int]]:
    """Model class name -> the ids of the model classes of that name (once per index, not once
    per POST endpoint)."""

    def compute() -> dict[str, set[int]]:
        found: dict[str, set[int]] = {}
        for m in model_classes(index):
            found.setdefault(m.name, set()).add(id(m.node))
        return found

    return index.memo("schemas: model nodes by name", compute)


class _PluralPatterns:
    """The pattern of a list schema's name against the model names (`ItemsPage` -> `{plural}Page`,
    `ItemPage` -> `{name}Page`): the first model, longest first, whose plural (`s`, `es`, `y` ->
    `ies`) or name begins the class name.

    Looked up by the class name's prefixes, one per model length, instead of trying every model
    for every class. Two models of one length cannot give different patterns: both begin the class
    name (then they are one name) or one is `Xi` taking `es` where the other is `Xy` taking `ies`,
    the same `{plural}` and the same rest."""

    def __init__(self, model_names: set[str]):
        self._sizes = sorted({len(m) for m in model_names}, reverse=True)
        self._names = set(model_names)
        self._stems = {(len(m), m[:-1]) for m in model_names}  # what `ies` replaces the last letter of

    def __call__(self, class_name: str) -> str | None:
        for size in self._sizes:
            model = class_name[:size]
            if len(model) == size and model in self._names:
                for plural in (model + "s", model + "es", model[:-1] + "ies"):
                    if class_name.startswith(plural):
                        return "{plural}" + class_name[len(plural) :]
                return "{name}" + class_name[size:]
            if class_name[size - 1 : size + 2] == "ies" and (size, class_name[: size - 1]) in self._stems:
                return "{plural}" + class_name[size + 2 :]
        return None


def detect_schemas(index: ProjectIndex, app: AppFinding) -> SchemasFinding:
    """Suffixes from what endpoints take and return; location from where those classes sit."""
    orm_models = model_classes(index)
    models = {m.name for m in orm_models}
    # A schema may share its model's name (`schemas.User` beside `models.User`): compare classes, not names.
    model_nodes = {id(m.node) for m in orm_models}
    roles: dict[str, Counter[str]] = {
        "create": Counter(),
        "update": Counter(),
        "read": Counter(),
        "list": Counter(),
    }
    places: Counter[str] = Counter()
    evidence: list[Evidence] = []
    seen_classes: list[tuple[ModuleInfo, ast.ClassDef]] = []
    plural_pattern = _PluralPatterns(models)
    for e in index.endpoints():
        if e.module.is_test:
            continue
        if e.method in ("post", "put", "patch"):
            role = "create" if e.method == "post" else "update"
            # an update names the row it changes (`/items/{id}`); `PATCH /me` takes a schema of
            # its own (`UserUpdateMe`), no pattern for a resource's update schema
            counted = role == "create" or "{" in (e.path or "")
            for dep in endpoint_params(index, e):
                if dep.target is not None or dep.annotation is None:
                    continue
                found = _schema_class(index, e.module, dep.annotation)
                if found and _is_pydantic(index, *found) and id(found[1]) not in model_nodes:
                    split = _suffix(found[1].name, models)
                    if split and role == "create" and not _creates(index, e, split[0], models):
                        continue  # a POST doing something else (`/reset-password`): no create schema
                    if split and counted:
                        roles[role][split[1]] += 1
                        places[found[0].path] += 1
                        seen_classes.append(found)
                        if len(evidence) < 3:
                            evidence.append(
                                Evidence(found[0].path, found[1].lineno, f"class {found[1].name}")
                            )
        rtype = response_type(e)
        found = _schema_class(index, e.module, rtype)
        if not found or id(found[1]) in model_nodes or not _is_pydantic(index, *found):
            continue
        if is_collection(e) and not _is_list(rtype):
            pattern = plural_pattern(found[1].name)
            if pattern and _has_list_field(found[1]):
                roles["list"][pattern] += 1
                continue
        if e.method == "get" and not is_collection(e) or e.method in ("post", "patch", "put"):
            split = _suffix(found[1].name, models)
            if split is not None:
                roles["read"][split[1]] += 1
                places[found[0].path] += 1
                seen_classes.append(found)
    if not any(roles.values()):
        return SchemasFinding(
            note="looked for pydantic classes taken and returned by endpoints; found none"
        )

    def top(role: str) -> str | None:
        return roles[role].most_common(1)[0][0] if roles[role] else None

    location, path = _location(index, app, places, models)
    v2 = v1 = 0
    base_counts: Counter[str] = Counter()
    uses_base = False
    for _mod, cls in seen_classes:
        base_counts.update(last_name(b) for b in cls.bases)
        uses_base = uses_base or any((last_name(b) or "").endswith("Base") for b in cls.bases)
    for info in index.relevant:
        v2 += "ConfigDict" in info.source or "model_dump" in info.source
        v1 += "orm_mode" in info.source or ".dict(" in info.source
    pydantic_v2 = _v2_wins(index, [cls for _, cls in seen_classes], v2, v1)
    list_pattern = top("list")
    mixed = any(len(c) > 1 for c in roles.values())
    return SchemasFinding(
        location=location,
        path=path,
        create_suffix=top("create"),
        update_suffix=top("update"),
        read_suffix=top("read"),
        list_suffix=list_pattern.split("}", 1)[1] if list_pattern else None,
        list_pattern=list_pattern,
        pydantic_version=2 if pydantic_v2 else 1,
        orm_mode="from_attributes" if pydantic_v2 else "orm_mode",
        base_class="SQLModel" if "SQLModel" in base_counts else "BaseModel",
        uses_base_schema=uses_base,
        evidence=tuple(evidence),
        mixed=mixed,
        note="; ".join(f"{r}: {dict(c)}" for r, c in roles.items() if len(c) > 1),
    )


def _v2_wins(index: ProjectIndex, classes: list[ast.ClassDef], v2: int, v1: int) -> bool:
    """Whether `v2 >= v1` once each class (with repeats) adds one to v2 if its text mentions
    `model_config`/`from_attributes` and one to v1 if it mentions `orm_mode`.

    Unparsing every class is the costly part, so it is done only while the vote is open: a
    class that assigns `model_config` (or has a `Config` with `orm_mode`) surely adds to that
    side, and each unread class can add at most one to either.
    """
    weight = Counter(id(cls) for cls in classes)
    nodes = {id(cls): cls for cls in classes}
    sure2 = {k for k, cls in nodes.items() if _assigns(cls, "model_config")}
    sure1 = {
        k
        for k, cls in nodes.items()
        if any(isinstance(s, ast.ClassDef) and _assigns(s, "orm_mode") for s in cls.body)
    }
    low2 = v2 + sum(weight[k] for k in sure2)
    low1 = v1 + sum(weight[k] for k in sure1)
    open2 = sum(weight.values()) - (low2 - v2)
    open1 = sum(weight.values()) - (low1 - v1)
    for key, cls in nodes.items():
        if low2 >= low1 + open1:
            return True
        if low2 + open2 < low1:
            return False
        text = index.unparse(cls)
        if key not in sure2:
            open2 -= weight[key]
            low2 += weight[key] * ("model_config" in text or "from_attributes" in text)
        if key not in sure1:
            open1 -= weight[key]
            low1 += weight[key] * ("orm_mode" in text)
    return low2 >= low1


def _assigns(cls: ast.ClassDef, name: str) -> bool:
    """`name = ...` or `name: T = ...` in the class body (so `name` is in its unparsed text)."""
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in stmt.targets
        ):
            return True
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and stmt.target.id == name
        ):
            return True
    return False


def _is_list(expr) -> bool:
    return isinstance(expr, ast.Subscript) and last_name(expr.value) in ("list", "List", "Sequence")


def _has_list_field(cls: ast.ClassDef) -> bool:
    return any(
        isinstance(s, ast.AnnAssign)
        and {"list", "List", "Sequence"} & set(annotation_names(s.annotation))
        for s in cls.body
    )


def _is_pydantic(
    index: ProjectIndex, module: ModuleInfo, cls: ast.ClassDef, depth: int = 0
) -> bool:
    return index.memo(
        ("is_pydantic", id(cls), depth),
        lambda: _derives_from_pydantic(index, module, cls, depth),
    )


def _derives_from_pydantic(
    index: ProjectIndex, module: ModuleInfo, cls: ast.ClassDef, depth: int
) -> bool:
    if depth > 6:
        return False
    for b in cls.bases:
        name = dotted(b.value if isinstance(b, ast.Subscript) else b)
        if name is None:
            continue
        if name.rsplit(".", 1)[-1] in PYDANTIC_BASES:
            return True
        found = index.resolve(module, name)
        if (
            found
            and isinstance(found[1], ast.ClassDef)
            and _is_pydantic(index, found[0], found[1], depth + 1)
        ):
            return True
    return False


def _location(index: ProjectIndex, app: AppFinding, places: Counter[str], models: set[str]):
    files = list(places)
    model_files = {m.module.path for m in model_classes(index)}
    if len(files) == 1:
        path = files[0]
        if path == app.file:
            return "single_file", path
        if path in model_files:
            return "models_module", path
        if names_a_model(path, models) and "/" in path:
            return "package", posixpath.dirname(path)
        parent = domain_parent(index, path)
        return ("domain", parent) if parent is not None else ("module", path)
    dirs = Counter(posixpath.dirname(p) for p in files)
    basenames = Counter(posixpath.basename(p) for p in files)
    if len(dirs) == len(files) and basenames.most_common(1)[0][1] == len(files):
        return "domain", Counter(posixpath.dirname(d) for d in dirs).most_common(1)[0][0] or "."
    return "package", dirs.most_common(1)[0][0]
