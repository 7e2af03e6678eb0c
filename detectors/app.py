"""Where the FastAPI application is built: its module, variable and factory."""

from __future__ import annotations

import ast

from detectors._ast import call_name, dotted, last_name, source_segment, walk
from detectors.conventions import AppFinding, Evidence
from detectors.errors import ProjectError
from detectors.project import ModuleInfo, ProjectIndex


def _enclosing_functions(info: ModuleInfo) -> dict[int, str]:
    """Map id(call node) -> name of the top-level function it sits in."""
    owners: dict[int, str] = {}
    for stmt in info.tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in walk(stmt):
                owners[id(node)] = stmt.name
    return owners


def _app_classes(index: ProjectIndex) -> dict[int, str]:
    """id(class node) -> name of each class of the project inheriting from FastAPI, directly or
    through another such class (`class App(FastAPI)`: calling it builds the app)."""
    found: dict[int, str] = {}
    classes = [
        (info, node)
        for info in index.relevant
        if not info.is_test
        for node in info.tree.body
        if isinstance(node, ast.ClassDef) and node.bases
    ]
    grew = True
    while grew:
        grew = False
        for info, node in classes:
            if id(node) in found:
                continue
            for base in node.bases:
                name = dotted(base) or ""
                imported = info.imports.get(name.split(".")[0])
                direct = name == "fastapi.FastAPI" or (name == "FastAPI" and imported == ("fastapi", "FastAPI"))
                resolved = index.resolve(info, name) if name else None
                if direct or (resolved is not None and id(resolved[1]) in found):
                    found[id(node)] = node.name
                    grew = True
                    break
    return found


def _builds_app(index: ProjectIndex, info: ModuleInfo, call: ast.Call, classes: dict[int, str]) -> bool:
    """Whether the call is `FastAPI(...)` or a call of one of the project's FastAPI classes."""
    name = last_name(call.func)
    if name == "FastAPI" and call_name(call) in ("FastAPI", "fastapi.FastAPI"):
        return True
    if name not in classes.values():
        return False
    resolved = index.resolve(info, dotted(call.func) or "")
    return resolved is not None and id(resolved[1]) in classes


def detect_app(index: ProjectIndex) -> AppFinding:
    """Find the `FastAPI(...)` instance (or one of a class inheriting from it); raises
    ProjectError when the project has none."""
    candidates: list[tuple[int, AppFinding]] = []
    classes = _app_classes(index)
    for info in index.relevant:
        if info.is_test or ("FastAPI" not in info.source and not any(c in info.source for c in classes.values())):
            continue
        owners = None
        # only a call of FastAPI or of one of its classes builds the app (by last name)
        for call in info.calls_to("FastAPI", *classes.values()):
            if not _builds_app(index, info, call, classes):
                continue
            owners = owners if owners is not None else _enclosing_functions(info)
            factory = owners.get(id(call))
            variable = _bound_name(info, call, factory)
            ev = Evidence(info.path, call.lineno, source_segment(info.lines, call))
            # The app that routers are included into, at the top of the package, wins.
            score = info.source.count("include_router") * 3 + info.source.count("@")
            score += (
                5 if info.path.rsplit("/", 1)[-1] in ("main.py", "app.py", "__init__.py") else 0
            )
            score -= info.path.count("/")
            candidates.append(
                (
                    score,
                    AppFinding(
                        file=info.path,
                        module=info.name,
                        variable=variable,
                        factory=factory,
                        evidence=(ev,),
                    ),
                )
            )
    if not candidates:
        if index.skipped:  # the app may well be in a module that does not parse: say which
            raise ProjectError(f"no FastAPI application found; cannot parse {index.skipped[0]}")
        raise ProjectError(f"no FastAPI application found under {index.root}")
    candidates.sort(key=lambda c: -c[0])
    best = candidates[0][1]
    if len(candidates) > 1:
        others = ", ".join(f"{c.file}" for _, c in candidates[1:4])
        return AppFinding(
            file=best.file,
            module=best.module,
            variable=best.variable,
            factory=best.factory,
            evidence=best.evidence,
            note=f"{len(candidates)} FastAPI() calls; also in {others}",
        )
    return best


def _bound_name(info: ModuleInfo, call: ast.Call, factory: str | None) -> str | None:
    """The module-level name the app ends up in (`app = FastAPI()` or `app = create_app()`)."""
    for stmt in info.tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if not isinstance(target, ast.Name):
                continue
            if stmt.value is call:
                return target.id
            if (
                factory
                and isinstance(stmt.value, ast.Call)
                and last_name(stmt.value.func) == factory
            ):
                return target.id
    if factory:
        # Inside a factory: the local name the app is built into.
        for stmt in info.definitions[factory].body if factory in info.definitions else []:
            if isinstance(stmt, ast.Assign) and stmt.value is call:
                target = stmt.targets[0]
                return target.id if isinstance(target, ast.Name) else None
    return None
