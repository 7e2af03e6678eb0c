"""Which `self.<attr>` of a class holds the resource's model, read from the class's bases.

A generic data-access base keeps the model it serves on the instance; its subclasses name the
model only in their base's parameters or in their constructor call:
    ModelType = TypeVar("ModelType", bound=Base)

    class CRUDBase(Generic[ModelType, CreateSchemaType, UpdateSchemaType]):
        def __init__(self, model: Type[ModelType]):
            self.model = model

    class CRUDReview(CRUDBase[Review, ReviewCreate, ReviewUpdate]):
        def create_with_owner(self, db, *, obj_in, owner_id):
            db_obj = self.model(**jsonable_encoder(obj_in), owner_id=owner_id)

    review = CRUDReview(Review)
`model_attributes(text, path, "Review", index)` answers {"CRUDReview": {"model"}}: there
`self.model` is Review, bound by the base's parameter (`Type[ModelType]`, ModelType given Review)
or by the constructor (`CRUDReview(Review)` passes Review as `model`), or set in the class itself
(`model = Review`, `self.model = Review`). Bases are followed through the project's imports, a
base of a base too, its type parameters and `super().__init__(...)` arguments passed along.
"""

from __future__ import annotations

import ast

from codemods.imports import imports_binding
from detectors._ast import dotted, last_name
from detectors.project import ProjectIndex

_DEPTH = 5  # bases of bases followed; a project's hierarchy of data classes is shallow
_GENERIC = ("Generic", "Protocol")


def model_attributes(
    text: str, path: str, model: str, index: ProjectIndex
) -> dict[str, frozenset[str]]:
    """Each top-level class of the module (`text`, at `path`) whose instances hold `model` in
    attributes, and those attributes' names."""
    tree = ast.parse(text)
    out = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            calls = _constructions(tree, node.name)
            held = _holding(node, tree, path, model, {}, calls, index, 0)
            if held:
                out[node.name] = frozenset(held)
    return out


def _holding(
    cls: ast.ClassDef,
    tree: ast.Module,
    path: str,
    model: str,
    env: dict[str, ast.expr],
    calls: list[ast.Call],
    index: ProjectIndex,
    depth: int,
) -> set[str]:
    """The attributes of `cls` holding `model`, its type parameters given `env` and its
    instances built by `calls`."""
    found: set[str] = set()
    for stmt in cls.body:  # a class attribute: `model = Review`
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and _names(stmt.value, model):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            found |= {t.id for t in targets if isinstance(t, ast.Name)}
    init = next(
        (
            s
            for s in cls.body
            if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "__init__"
        ),
        None,
    )
    base_calls = calls  # no constructor of its own: the base's is called as the class is
    if init is not None and init.args.args:
        params = [*init.args.posonlyargs, *init.args.args][1:]
        by_name = {p.arg: p for p in [*params, *init.args.kwonlyargs]}
        self_name = [*init.args.posonlyargs, *init.args.args][0].arg
        for node in ast.walk(init):
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                if not (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == self_name
                ):
                    continue
                value = node.value
                if _names(value, model):
                    found.add(target.attr)
                elif isinstance(value, ast.Name) and value.id in by_name:
                    param = by_name[value.id]
                    position = params.index(param) if param in params else None
                    variable = _type_of(param.annotation)
                    if (variable is not None and _names(env.get(variable), model)) or any(
                        _names(_argument(c, position, param.arg), model) for c in calls
                    ):
                        found.add(target.attr)
        base_calls = [
            _through(s, c, params)
            for s in ast.walk(init)
            if isinstance(s, ast.Call) and _calls_super_init(s)
            for c in (calls or [None])
        ]
    if depth >= _DEPTH:
        return found
    for base in cls.bases:
        head, args = (
            (base.value, _elements(base.slice)) if isinstance(base, ast.Subscript) else (base, [])
        )
        if last_name(head) in _GENERIC:
            continue
        resolved = _class(head, tree, path, index)
        if resolved is None:
            continue
        base_cls, base_tree, base_path = resolved
        given = {
            name: env.get(arg.id, arg) if isinstance(arg, ast.Name) else arg
            for name, arg in zip(_type_parameters(base_cls, base_tree), args)
        }
        found |= _holding(
            base_cls, base_tree, base_path, model, given, base_calls, index, depth + 1
        )
    return found


def _names(node: ast.AST | None, model: str) -> bool:
    """`Review` or `models.Review`."""
    return isinstance(node, (ast.Name, ast.Attribute)) and last_name(node) == model


def _type_of(annotation: ast.expr | None) -> str | None:
    """`T` of `Type[T]`, `type[T]`, `typing.Type[T]` (or the same in a string)."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    if (
        isinstance(annotation, ast.Subscript)
        and last_name(annotation.value) in ("Type", "type")
        and isinstance(annotation.slice, ast.Name)
    ):
        return annotation.slice.id
    return None


def _argument(call: ast.Call | None, position: int | None, name: str) -> ast.expr | None:
    """What `call` passes for the parameter at `position` (after `self`) named `name`."""
    if call is None:
        return None
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    positional = [a for a in call.args if not isinstance(a, ast.Starred)]
    if position is not None and position < len(positional) and len(positional) == len(call.args):
        return positional[position]
    return None


def _through(call: ast.Call, outer: ast.Call | None, params: list[ast.arg]) -> ast.Call:
    """`super().__init__(model)` as the base sees it: the constructor's own parameters it
    passes replaced by what `outer` (a construction of the class) gives them."""
    names = [p.arg for p in params]

    def given(value: ast.expr) -> ast.expr:
        if isinstance(value, ast.Name) and value.id in names:
            found = _argument(outer, names.index(value.id), value.id)
            return found if found is not None else value
        return value

    return ast.Call(
        call.func,
        [given(a) for a in call.args],
        [ast.keyword(k.arg, given(k.value)) for k in call.keywords],
    )


def _calls_super_init(call: ast.Call) -> bool:
    """`super().__init__(...)`, or `Base.__init__(self, ...)` left aside (it names the base)."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "super"
    )


def _elements(node: ast.expr) -> list[ast.expr]:
    return list(node.elts) if isinstance(node, ast.Tuple) else [node]


def _type_parameters(cls: ast.ClassDef, tree: ast.Module) -> list[str]:
    """The class's type parameters, in order: `class C[T]`, `Generic[T, ...]`, else the type
    variables its subscripted bases use, as they first appear."""
    own = getattr(cls, "type_params", None)
    if own:
        return [p.name for p in own]
    for base in cls.bases:
        if isinstance(base, ast.Subscript) and last_name(base.value) in _GENERIC:
            return [e.id for e in _elements(base.slice) if isinstance(e, ast.Name)]
    variables = {
        t.id
        for s in tree.body
        if isinstance(s, ast.Assign)
        and isinstance(s.value, ast.Call)
        and last_name(s.value.func) == "TypeVar"
        for t in s.targets
        if isinstance(t, ast.Name)
    }
    out: list[str] = []
    for base in cls.bases:
        if isinstance(base, ast.Subscript):
            for e in _elements(base.slice):
                if isinstance(e, ast.Name) and e.id in variables and e.id not in out:
                    out.append(e.id)
    return out


def _constructions(tree: ast.Module, name: str) -> list[ast.Call]:
    """The module's calls building an instance of the class `name` (`review = CRUDReview(Review)`)."""
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name
    ]


def _class(
    head: ast.expr, tree: ast.Module, path: str, index: ProjectIndex
) -> tuple[ast.ClassDef, ast.Module, str] | None:
    """The class `head` names in the module (`tree` at `path`), followed through its imports."""
    name = dotted(head)
    if name is None:
        return None
    first, _, rest = name.partition(".")
    if not rest:
        local = next(
            (s for s in tree.body if isinstance(s, ast.ClassDef) and s.name == first), None
        )
        if local is not None:
            return local, tree, path
    for imported in imports_binding(tree, path, {first}):
        tries = [(imported.module, rest)]
        if imported.name is not None:  # `from pkg import Base` or `from pkg import module`
            tries = [
                (imported.module, ".".join(p for p in (imported.name, rest) if p)),
                (f"{imported.module}.{imported.name}", rest),
            ]
        for module, target in tries:
            info = index.module(module) if target else None
            found = index.resolve(info, target) if info is not None else None
            if found is not None and isinstance(found[1], ast.ClassDef):
                return found[1], found[0].tree, found[0].path
    return None
