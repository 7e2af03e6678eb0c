"""Response shapes: envelopes, list responses and what delete returns."""

from __future__ import annotations

import ast
import re
from collections import Counter

from detectors._ast import annotation_names, dotted, kwarg, last_name, source_segment
from detectors.conventions import Evidence, ResponseFinding
from detectors.project import Endpoint, ModuleInfo, ProjectIndex

LIST_NAMES = ("list", "List", "Sequence", "Iterable")


def response_type(endpoint: Endpoint) -> ast.expr | None:
    """`response_model=` if given, else the return annotation."""
    return kwarg(endpoint.decorator, "response_model") or endpoint.func.returns


def status_code(endpoint: Endpoint) -> int | None:
    value = kwarg(endpoint.decorator, "status_code")
    if isinstance(value, ast.Constant) and isinstance(value.value, int):
        return value.value
    name = last_name(value) if value is not None else None
    match = re.search(r"_(\d{3})_", f"_{name}_") if name else None
    return int(match.group(1)) if match else None


def is_collection(endpoint: Endpoint) -> bool:
    return endpoint.method == "get" and "{" not in (endpoint.path or "")


def class_fields(node: ast.ClassDef) -> tuple[str, ...]:
    return tuple(
        s.target.id
        for s in node.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
    )


def _is_generic(node: ast.ClassDef) -> bool:
    return any(
        last_name(b.value if isinstance(b, ast.Subscript) else b) == "Generic" for b in node.bases
    ) or bool(getattr(node, "type_params", None))


def _project_class(index: ProjectIndex, module: ModuleInfo, expr: ast.expr | None):
    name = dotted(expr) if expr is not None else None
    found = index.resolve(module, name) if name else None
    if found and isinstance(found[1], ast.ClassDef):
        return found
    return None


def detect_response(index: ProjectIndex) -> ResponseFinding:
    """Envelope if most endpoints answer with a generic project model; list shape from list routes."""
    wrapped: Counter[str] = Counter()
    envelope = None
    shapes: Counter[str] = Counter()
    shape_info: dict[str, tuple] = {}
    deletes: Counter[int] = Counter()
    delete_models: Counter[str] = Counter()
    evidence: list[Evidence] = []
    endpoints = [e for e in index.endpoints() if not e.module.is_test]
    for e in endpoints:
        rtype = response_type(e)
        if e.method == "delete":
            deletes[status_code(e) or 200] += 1
            if rtype is not None and dotted(rtype) not in (None, "None"):
                delete_models[dotted(rtype)] += 1
        if isinstance(rtype, ast.Subscript):
            found = _project_class(index, e.module, rtype.value)
            if found and _is_generic(found[1]):
                wrapped[found[1].name] += 1
                envelope = envelope or (found, e)
                if is_collection(e):
                    shapes["envelope"] += 1
                continue
        if not is_collection(e) or rtype is None:
            continue
        if isinstance(rtype, ast.Subscript) and last_name(rtype.value) in LIST_NAMES:
            shapes["list"] += 1
            shape_info.setdefault("list", (e, ()))
            continue
        found = _project_class(index, e.module, rtype)
        if found:
            fields = class_fields(found[1])
            listy = [
                s
                for s in found[1].body
                if isinstance(s, ast.AnnAssign)
                and set(annotation_names(s.annotation)) & set(LIST_NAMES)
            ]
            if listy:
                shapes["object"] += 1
                shape_info.setdefault("object", (e, fields))
    delete_status = deletes.most_common(1)[0][0] if deletes else None
    delete_returns = (
        delete_models.most_common(1)[0][0] if delete_models and delete_status != 204 else None
    )
    list_shape = shapes.most_common(1)[0][0] if shapes else "unknown"
    list_keys: tuple[str, ...] = ()
    if list_shape in shape_info:
        e, list_keys = shape_info[list_shape]
        evidence.append(
            Evidence(e.module.path, e.line, source_segment(e.module.lines, e.decorator))
        )
    enveloped = sum(wrapped.values())
    if envelope and enveloped * 2 >= len([e for e in endpoints if response_type(e) is not None]):
        (mod, cls), e = envelope
        keys = class_fields(cls)
        meta = _meta_model(index, mod, cls)
        evidence.insert(0, Evidence(mod.path, cls.lineno, source_segment(mod.lines, cls)))
        evidence.insert(
            1, Evidence(e.module.path, e.line, source_segment(e.module.lines, e.decorator))
        )
        return ResponseFinding(
            wrapper="envelope",
            model=cls.name,
            model_module=mod.name,
            keys=keys,
            list_shape="envelope",
            meta_model=meta,
            delete_status=delete_status,
            delete_returns=delete_returns,
            evidence=tuple(evidence),
        )
    note = f"list shapes {dict(shapes)}" if len(shapes) > 1 else ""
    if list_shape == "unknown":
        note = (
            "looked for collection endpoints (GET without path parameter) whose response_model "
            "or return annotation is a list or a model holding one; found none"
        )
    return ResponseFinding(
        wrapper="none",
        list_shape=list_shape,
        list_keys=list_keys,
        delete_status=delete_status,
        delete_returns=delete_returns,
        evidence=tuple(evidence),
        mixed=len(shapes) > 1,
        note=note,
    )


def _meta_model(index: ProjectIndex, module: ModuleInfo, envelope: ast.ClassDef) -> str | None:
    """The model a list response puts in the envelope's meta (a page model beside it)."""
    for stmt in module.tree.body:
        if isinstance(stmt, ast.ClassDef) and stmt is not envelope:
            fields = set(class_fields(stmt))
            if fields & {"total", "count"} and fields & {
                "page",
                "size",
                "limit",
                "offset",
                "pages",
                "cursor",
            }:
                return stmt.name
    return None
