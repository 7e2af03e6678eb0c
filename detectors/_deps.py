"""What endpoints depend on: each parameter's type and `Depends(...)` target, aliases resolved."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from detectors._ast import annotated_parts, annotation_names, depends_target, dotted, kwarg
from detectors.project import Endpoint, ModuleInfo, ProjectIndex


@dataclass(frozen=True)
class ParamDep:
    """One endpoint parameter: its name, the identifiers of its type, its dependency if any."""

    endpoint: Endpoint
    name: str
    type_names: frozenset[str]
    target: ast.expr | None  # the argument of Depends(...)
    target_module: ModuleInfo  # where `target` is written (the alias module for aliases)
    alias: str | None = None
    alias_module: str | None = None
    default: ast.expr | None = None
    annotation: ast.expr | None = None
    inline_annotated: bool = False  # `db: Annotated[Session, Depends(get_db)]` written in place

    @property
    def line(self) -> int:
        return self.endpoint.func.lineno


def function_params(
    func: ast.FunctionDef | ast.AsyncFunctionDef,
) -> list[tuple[ast.arg, ast.expr | None]]:
    """(arg, default) pairs, positional and keyword-only."""
    args = func.args
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(
        args.defaults
    )
    return list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))


def param_deps(
    index: ProjectIndex, info: ModuleInfo, func, endpoint: Endpoint | None
) -> list[ParamDep]:
    """Each parameter of `func` (written in `info`) with its dependency; computed once per index."""
    key = ("param_deps", id(info), id(func), id(endpoint))
    return list(index.memo(key, lambda: _param_deps(index, info, func, endpoint)))


def _param_deps(
    index: ProjectIndex, info: ModuleInfo, func, endpoint: Endpoint | None
) -> list[ParamDep]:
    out: list[ParamDep] = []
    for arg, default in function_params(func):
        ann = arg.annotation
        alias = alias_module = None
        target_module = info
        target = depends_target(default)
        inline = False
        parts = annotated_parts(ann)
        if parts is not None:
            ann_type, extras = parts
            for extra in extras:
                if target is None and depends_target(extra) is not None:
                    target, inline = depends_target(extra), True
            ann = ann_type
        elif ann is not None and dotted(ann) is not None:
            found = index.resolve(info, dotted(ann))
            if found is not None:
                mod, stmt = found
                value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
                # `X: TypeAlias = Annotated[...]` and plain `X = Annotated[...]` both count.
                parts = annotated_parts(value)
                if parts is not None:
                    ann_type, extras = parts
                    for extra in extras:
                        dep = depends_target(extra)
                        if dep is not None:
                            target, target_module = dep, mod
                            alias, alias_module = dotted(ann).rsplit(".", 1)[-1], mod.name
                    ann = ann_type
        if target is None and _bare_depends(default):
            target = ann  # `x: PageParams = Depends()` depends on the annotated class
        out.append(
            ParamDep(
                endpoint,
                arg.arg,
                frozenset(annotation_names(ann)),
                target,
                target_module,
                alias,
                alias_module,
                default,
                ann,
                inline,
            )
        )
    return out


def _bare_depends(node: ast.AST | None) -> bool:
    return (
        isinstance(node, ast.Call)
        and dotted(node.func) in ("Depends", "fastapi.Depends")
        and not (node.args or node.keywords)
    )


def endpoint_params(index: ProjectIndex, endpoint: Endpoint) -> list[ParamDep]:
    """The parameters of an endpoint function, with dependencies resolved."""
    return param_deps(index, endpoint.module, endpoint.func, endpoint)


def decorator_dependencies(endpoint: Endpoint) -> list[ast.expr]:
    """Targets of `dependencies=[Depends(x), ...]` on the route decorator."""
    deps = kwarg(endpoint.decorator, "dependencies")
    if isinstance(deps, (ast.List, ast.Tuple)):
        return [t for t in (depends_target(e) for e in deps.elts) if t is not None]
    return []


def resolve_function(index: ProjectIndex, module: ModuleInfo, target: ast.expr | None):
    """The (module, FunctionDef|ClassDef) a dependency target names; calls resolve their callee."""
    if target is None:
        return None
    if isinstance(target, ast.Call):
        target = target.func
    name = dotted(target)
    if name is None:
        return None
    found = index.resolve(module, name)
    if found is None:
        return None
    mod, stmt = found
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return mod, stmt
    return None
