"""Learn small naming habits from an existing resource that already has full CRUD.

Templates decide structure; a sibling tells how this project spells the details: the verb of
list and get endpoints, the path parameter, the body parameter, how status codes are written.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from codemods.names import pluralize
from detectors._ast import dotted, kwarg, last_name
from detectors._models import model_classes
from detectors.project import Endpoint, ModuleInfo, ProjectIndex

OPS = ("list", "get", "create", "update", "delete")


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def op_of(e: Endpoint) -> str | None:
    has_param = "{" in (e.path or "")
    return {
        ("get", False): "list",
        ("get", True): "get",
        ("post", False): "create",
        ("patch", True): "update",
        ("put", True): "update",
        ("delete", True): "delete",
    }.get((e.method, has_param))


@dataclass(frozen=True)
class Habits:
    """How the project spells endpoint details; defaults are FastAPI's common spellings."""

    list_verb: str = "list"
    get_verb: str = "get"
    create_verb: str = "create"
    update_verb: str = "update"
    delete_verb: str = "delete"
    noun_first: bool = False  # endpoint names `orders_list`, `order_create` (noun, then verb)
    update_method: str = "patch"  # the HTTP method of the update endpoint: patch | put
    id_param: str = "{snake}_id"  # or "id"
    body_param: str = "data"  # "payload", "{snake}_in"
    status_constants: bool = True  # status.HTTP_201_CREATED vs 201
    returns: str = "model"  # model | any | none: the return annotation of item endpoints
    not_found: str = "{title} not found"
    docstrings: bool = False
    string_length: int = 255
    object_var: str = "{snake}"  # the loaded row in endpoint bodies: order, db_order
    response_model: str = "decorator"  # decorator (response_model=...) | annotation (-> ItemRead)
    module_stem: str = "singular"  # for data/schemas/models modules: order.py vs orders.py
    router_stem: str = "plural"
    tablename: str = "plural"  # plural | singular | none (no __tablename__)
    sibling: str | None = None  # the model the habits were learned from
    router_module: str | None = None  # the sibling's router module (relative path)
    evidence: tuple[str, ...] = field(default=())


def _resource_of(module: ModuleInfo, models: list[str]) -> str | None:
    stem = module.path.rsplit("/", 1)[-1][:-3]
    if stem in ("router", "routes", "endpoints", "views", "api"):
        stem = module.path.rsplit("/", 2)[-2]
    for model in sorted(models, key=len, reverse=True):
        s = snake(model)
        if stem in (s, pluralize(s)):
            return model
    return None


def learn_habits(
    index: ProjectIndex,
    router_variable: str | None,
    exclude: str | None = None,
    own: frozenset[str] | None = None,
) -> Habits:
    """Read the most complete sibling router (all five operations, fewest lines). With `own`, a
    batch's: the habits are those of the project's own models, never of the resources the batch
    added a moment ago (the first resource would set the next ones' habits)."""
    mine = (lambda name: True) if own is None else (lambda name: name in own)
    models = [m.name for m in model_classes(index) if mine(m.name)]
    by_module: dict[str, dict[str, Endpoint]] = {}
    for e in index.endpoints():
        if e.module.is_test:
            continue
        op = op_of(e)
        if op:
            by_module.setdefault(e.module.path, {}).setdefault(op, e)
    candidates = []
    for path, ops in by_module.items():
        module = index.get(path)
        resource = _resource_of(module, models) if module else None
        if resource is None:
            # A single-file app: split its endpoints per model by path.
            for model in models:
                plural = pluralize(snake(model))
                sub = {}
                for e in module.endpoints if module else []:
                    op = op_of(e)
                    if op and plural.replace("_", "") in (e.path or "").replace("-", "").replace(
                        "_", ""
                    ):
                        sub.setdefault(op, e)
                if sub:
                    candidates.append((len(sub), -len(module.lines), model, sub))
            continue
        candidates.append((len(ops), -len(module.lines), resource, ops))
    # The resource being added is never its own sibling (on a re-run it already exists).
    candidates = [c for c in candidates if c[2] != exclude and mine(c[2])]
    if not candidates:
        return Habits(string_length=_string_length(index, mine))
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    _, _, model, ops = candidates[0]
    s, p = snake(model), pluralize(snake(model))
    verbs, noun_first = {}, Counter()
    for op, e in ops.items():
        name = e.func.name
        for noun in (p, s):
            if name.endswith("_" + noun):
                verbs[op] = name[: -len(noun) - 1]
                noun_first[False] += 1
                break
            if name.startswith(noun + "_"):  # `users_list`, `user_details`
                verbs[op] = name[len(noun) + 1 :]
                noun_first[True] += 1
                break
    id_param = "{snake}_id"
    sample = ops.get("get") or ops.get("delete") or ops.get("update")
    if sample is not None:
        match = re.search(r"\{(\w+)\}", sample.path or "")
        if match:
            id_param = (
                match.group(1).replace(s, "{snake}") if s in match.group(1) else match.group(1)
            )
    body_param = "data"
    create = ops.get("create")
    if create is not None:
        for arg in create.func.args.args + create.func.args.kwonlyargs:
            ann = last_name(arg.annotation) if arg.annotation is not None else None
            if ann and ann.startswith(model) and ann != model:
                body_param = arg.arg.replace(s, "{snake}")
                break
    status_constants = True
    returns = "none"
    spellings: Counter[bool] = Counter()
    for e in ops.values():
        codes = [kwarg(e.decorator, "status_code")]
        for node in ast.walk(e.func):
            if isinstance(node, ast.Call) and last_name(node.func) == "HTTPException":
                codes.append(kwarg(node, "status_code") or (node.args[0] if node.args else None))
        spellings.update(not isinstance(c, ast.Constant) for c in codes if c is not None)
    if spellings:
        status_constants = spellings.most_common(1)[0][0]
    item = ops.get("get")
    if item is not None and item.func.returns is not None:
        returns = "any" if last_name(item.func.returns) == "Any" else "model"
    object_var = "{snake}"
    for op_name, e in ops.items():
        if op_name == "list":
            continue  # the list endpoint binds the rows, not a row
        for node in ast.walk(e.func):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.targets[0], ast.Name)
                and s in node.targets[0].id
                and p not in node.targets[0].id
            ):
                object_var = node.targets[0].id.replace(s, "{snake}")
                break
        else:
            continue
        break
    with_kwarg = sum(kwarg(e.decorator, "response_model") is not None for e in ops.values())
    annotated = sum(
        e.func.returns is not None and last_name(e.func.returns) not in ("None", "Any", model)
        for e in ops.values()
        if e.method != "delete"
    )
    response_model = "annotation" if with_kwarg == 0 and annotated else "decorator"
    not_found = "{title} not found"
    docstrings = False
    for e in ops.values():
        if ast.get_docstring(e.func):
            docstrings = True
        for node in ast.walk(e.func):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and "not found" in node.value.lower()
            ):
                not_found = node.value.replace(model, "{title}").replace(
                    s.replace("_", " ").capitalize(), "{title}"
                )
                break
    module = next(iter(ops.values())).module
    update = ops.get("update")
    return Habits(
        list_verb=verbs.get("list", "list"),
        get_verb=verbs.get("get", "get"),
        create_verb=verbs.get("create", "create"),
        update_verb=verbs.get("update", "update"),
        delete_verb=verbs.get("delete", "delete"),
        noun_first=bool(noun_first) and noun_first.most_common(1)[0][0],
        update_method=update.method if update is not None else "patch",
        id_param=id_param,
        body_param=body_param,
        object_var=object_var,
        response_model=response_model,
        status_constants=status_constants,
        returns=returns,
        not_found=not_found,
        docstrings=docstrings,
        string_length=_string_length(index, mine),
        module_stem=_stem_style(
            index, models, "schemas", "crud", "models", "repositories", "services"
        ),
        router_stem=_stem_style(index, models, "routers", "routes", "endpoints", "api") or "plural",
        tablename=_tablename_style(index, mine),
        sibling=model,
        router_module=module.path,
        evidence=(f"{module.path}: endpoints of {model}",),
    )


def _string_length(index: ProjectIndex, mine: Callable[[str], bool] = lambda name: True) -> int:
    """The length the models give their text columns most often; a key's (`String(36)` holding a
    UUID, a foreign key to one) is no text column's."""
    lengths: Counter[int] = Counter()
    for m in model_classes(index):
        if not mine(m.name):
            continue
        for stmt in m.node.body:
            if _is_key(stmt):
                continue
            for node in ast.walk(stmt):
                if isinstance(node, ast.Call) and last_name(node.func) == "String" and node.args:
                    if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, int):
                        lengths[node.args[0].value] += 1
                if isinstance(node, ast.Call) and last_name(node.func) == "Field":
                    value = kwarg(node, "max_length")
                    if isinstance(value, ast.Constant) and isinstance(value.value, int):
                        lengths[value.value] += 1
    return lengths.most_common(1)[0][0] if lengths else 255


def _is_key(stmt: ast.stmt) -> bool:
    """A column statement declaring a primary key or a foreign key."""
    for node in ast.walk(stmt):
        if isinstance(node, ast.Call) and last_name(node.func) == "ForeignKey":
            return True
        if isinstance(node, ast.keyword) and node.arg in ("primary_key", "foreign_key"):
            if not (isinstance(node.value, ast.Constant) and node.value.value in (False, None)):
                return True
    return False


def _stem_style(index: ProjectIndex, models: list[str], *dirs: str) -> str:
    votes: Counter[str] = Counter()
    for path in index.files:
        parts = path.split("/")
        if len(parts) < 2 or parts[-2] not in dirs:
            continue
        stem = parts[-1][:-3]
        for model in models:
            s = snake(model)
            if stem == s and stem != pluralize(s):
                votes["singular"] += 1
            elif stem == pluralize(s):
                votes["plural"] += 1
    return votes.most_common(1)[0][0] if votes else "singular"


def _tablename_style(index: ProjectIndex, mine: Callable[[str], bool] = lambda name: True) -> str:
    votes: Counter[str] = Counter()
    for m in model_classes(index):
        if not mine(m.name):
            continue
        for stmt in m.node.body:
            if (
                isinstance(stmt, ast.Assign)
                and dotted(stmt.targets[0]) == "__tablename__"
                and isinstance(stmt.value, ast.Constant)
            ):
                s = snake(m.name)
                votes["plural" if stmt.value.value == pluralize(s) else "singular"] += 1
                break
        else:
            votes["none"] += 1
    return votes.most_common(1)[0][0] if votes else "plural"
