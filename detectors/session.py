"""DB session pattern: how endpoints get their database session (or the object wrapping it)."""

from __future__ import annotations

import ast
from collections import Counter

from detectors._ast import annotation_names, dotted, last_name
from detectors._deps import ParamDep, endpoint_params, param_deps, resolve_function
from detectors._session_provider import SESSION_TYPES, provided_session_type
from detectors.conventions import Evidence, SessionFinding
from detectors.project import ModuleInfo, ProjectIndex


def _session_param(index: ProjectIndex, deps: list[ParamDep]) -> ParamDep | None:
    """The parameter receiving a session: typed as one, or untyped on a session provider."""
    for dep in deps:
        if dep.target is not None and _session_type(index, dep):
            return dep
    return None


def _session_type(index: ProjectIndex, dep: ParamDep) -> str | None:
    names = dep.type_names & SESSION_TYPES
    if names:
        return sorted(names)[0]
    if dep.annotation is not None or dep.target is None:
        return None
    resolved = resolve_function(index, dep.target_module, dep.target)
    return provided_session_type(index, *resolved) if resolved else None


def _provider_session(index: ProjectIndex, module: ModuleInfo, func) -> ParamDep | None:
    """The session dependency inside an object provider (`def get_repo(session = Depends(get_db))`)."""
    if isinstance(func, ast.ClassDef):
        init = next(
            (s for s in func.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None
        )
        func = init
    if func is None:
        return None
    return _session_param(index, param_deps(index, module, func, None))


def _returned_class(func) -> str | None:
    if isinstance(func, ast.ClassDef):
        return func.name
    return last_name(func.returns) if func.returns is not None else None


def detect_session(index: ProjectIndex) -> SessionFinding:
    """Classify each endpoint's session access; the majority pattern wins."""
    votes: Counter[str] = Counter()
    inline_votes = 0  # `depends` parameters written as Annotated[Session, Depends(...)]
    untyped_votes = 0  # `depends` parameters written `db=Depends(get_db)`, no type
    examples: dict[str, tuple[ParamDep, dict]] = {}
    for endpoint in index.endpoints():
        deps = endpoint_params(index, endpoint)
        direct = _session_param(index, deps)
        if direct is not None:
            pattern = "annotated_alias" if direct.alias else "depends"
            votes[pattern] += 1
            inline_votes += direct.inline_annotated
            untyped_votes += direct.annotation is None
            examples.setdefault(pattern, (direct, {}))
            continue
        for dep in deps:
            resolved = resolve_function(index, dep.target_module, dep.target)
            if resolved is None:
                continue
            mod, func = resolved
            inner = _provider_session(index, mod, func)
            if inner is None:
                continue
            cls = _returned_class(func)
            if not _holds_session(index, mod, func, cls):
                continue  # e.g. get_current_user(db=Depends(get_db)) returns a User row
            pattern = "repository"
            votes[pattern] += 1
            examples.setdefault(
                pattern, (dep, {"inner": inner, "provider": (mod, func), "cls": cls})
            )
            break
    if not votes:
        return SessionFinding(
            note="looked for endpoint parameters typed Session/AsyncSession with "
            "Depends(...) or untyped on a provider yielding a session, Annotated aliases, "
            "and injected objects wrapping a session"
        )
    pattern, count = votes.most_common(1)[0]
    dep, extra = examples[pattern]
    evidence = [
        Evidence(dep.endpoint.module.path, dep.line, dep.endpoint.module.line_text(dep.line))
    ]
    mixed = len(votes) > 1
    note = f"endpoints per pattern: {dict(votes)}" if mixed else ""
    counts = tuple(sorted(votes.items()))
    if pattern == "repository":
        inner: ParamDep = extra["inner"]
        pmod, pfunc = extra["provider"]
        provider_name = pfunc.name
        evidence.append(Evidence(pmod.path, pfunc.lineno, pmod.line_text(pfunc.lineno)))
        dep_mod = _definition_module(index, inner.target_module, inner.target)
        return SessionFinding(
            pattern=pattern,
            dependency=last_name(inner.target),
            dependency_module=dep_mod,
            param=inner.name,
            session_type=_session_type(index, inner),
            provider=provider_name,
            provider_module=pmod.name,
            object_param=dep.name,
            object_class=extra["cls"],
            counts=counts,
            evidence=tuple(evidence),
            mixed=mixed,
            note=note,
        )
    dep_mod = _definition_module(index, dep.target_module, dep.target)
    return SessionFinding(
        pattern=pattern,
        dependency=last_name(dep.target),
        dependency_module=dep_mod,
        alias=dep.alias,
        alias_module=dep.alias_module,
        param=dep.name,
        session_type=_session_type(index, dep),
        annotated=pattern == "depends" and inline_votes * 2 > votes["depends"],
        typed=not (pattern == "depends" and untyped_votes * 2 > votes["depends"]),
        counts=counts,
        evidence=tuple(evidence),
        mixed=mixed,
        note=note,
    )


def _holds_session(index: ProjectIndex, module: ModuleInfo, func, cls: str | None) -> bool:
    """Whether the provided object is a project class built around a session."""
    found = (
        (module, func)
        if isinstance(func, ast.ClassDef)
        else (index.resolve(module, cls) if cls else None)
    )
    if found is None or not isinstance(found[1], ast.ClassDef):
        return False
    annotations = [s.annotation for s in found[1].body if isinstance(s, ast.AnnAssign)]
    for stmt in found[1].body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "__init__":
            annotations += [
                a.annotation for a in stmt.args.args + stmt.args.kwonlyargs if a.annotation
            ]
    return any(SESSION_TYPES & set(annotation_names(a)) for a in annotations)


def _definition_module(
    index: ProjectIndex, module: ModuleInfo, target: ast.expr | None
) -> str | None:
    name = (
        dotted(target.func if isinstance(target, ast.Call) else target)
        if target is not None
        else None
    )
    return index.import_path_of(module, name) if name else None


__all__ = ["detect_session"]
