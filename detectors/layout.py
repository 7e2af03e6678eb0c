"""Router layout: where resource routers live and how their modules are organised."""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from detectors._ast import const_str, kwarg, last_name, source_segment
from detectors._routers import router_defs
from detectors.conventions import AppFinding, Evidence, RouterLayoutFinding
from detectors.project import ProjectIndex

VERSION_SEGMENT = re.compile(r"^v\d+$")
DOMAIN_SIBLINGS = (
    "schemas.py",
    "models.py",
    "service.py",
    "services.py",
    "dependencies.py",
    "crud.py",
)


def detect_router_layout(index: ProjectIndex, app: AppFinding) -> RouterLayoutFinding:
    """Classify the router layout from where endpoint-bearing APIRouters are defined."""
    routers = [r for r in router_defs(index) if r.endpoint_count > 0]
    app_module = index.get(app.file) if app.file else None
    app_endpoints = (
        [e for e in app_module.endpoints if e.router == app.variable] if app_module else []
    )
    url_style = _url_style(index)
    if not routers:
        if app_endpoints:
            ev = tuple(
                Evidence(app.file, e.line, source_segment(e.module.lines, e.decorator))
                for e in app_endpoints[:3]
            )
            return RouterLayoutFinding(
                kind="single_file",
                directory=posixpath.dirname(app.file) or ".",
                modules=(app.file,),
                url_style=url_style,
                evidence=ev,
            )
        return RouterLayoutFinding(
            note="looked for APIRouter modules and endpoints on the app; found none"
        )

    evidence = tuple(
        Evidence(r.module.path, r.call.lineno, source_segment(r.module.lines, r.call))
        for r in routers[:4]
    )
    modules = tuple(sorted(r.module.path for r in routers))
    names = Counter(r.name for r in routers)
    router_variable = names.most_common(1)[0][0]
    dirs = Counter(posixpath.dirname(r.module.path) for r in routers)

    # One package per domain: the same file name (router.py) in several packages, next to
    # the domain's schemas/models/service; most of the router modules are such (a module with
    # two routers, a domain's second module `webhooks/payment.py`, do not make it another layout).
    paths = sorted({r.module.path for r in routers})
    common_base, common_count = Counter(posixpath.basename(p) for p in paths).most_common(1)[0]
    common = [p for p in paths if posixpath.basename(p) == common_base]
    common_dirs = {posixpath.dirname(p) for p in common}
    if common_count >= 2 and common_count * 2 > len(paths) and len(common_dirs) == len(common):
        domain_dirs = [
            d for d in common_dirs if any((index.root / d / s).exists() for s in DOMAIN_SIBLINGS)
        ]
        if len(domain_dirs) >= len(common_dirs) / 2:
            parent = Counter(posixpath.dirname(d) for d in common_dirs).most_common(1)[0][0]
            return RouterLayoutFinding(
                kind="domain_packages",
                directory=parent or ".",
                router_variable=router_variable,
                modules=modules,
                url_style=url_style,
                evidence=evidence,
            )

    directory, count = dirs.most_common(1)[0]
    mixed = len(dirs) > 1 and count < len(routers)
    note = f"router modules in {len(dirs)} directories: {dict(dirs)}" if mixed else ""
    if app_module is not None and len(app_endpoints) > sum(r.endpoint_count for r in routers):
        return RouterLayoutFinding(
            kind="single_file",
            directory=posixpath.dirname(app.file) or ".",
            modules=(app.file,),
            router_variable=router_variable,
            url_style=url_style,
            evidence=evidence,
            mixed=True,
            note="more endpoints on the app than on routers",
        )
    kind = (
        "versioned_endpoints"
        if any(VERSION_SEGMENT.match(p) for p in directory.split("/"))
        else "routers_package"
    )
    return RouterLayoutFinding(
        kind=kind,
        directory=directory or ".",
        router_variable=router_variable,
        modules=modules,
        url_style=url_style,
        evidence=evidence,
        mixed=mixed,
        note=note,
    )


_PREFIX_CALLS = ("APIRouter", "include_router")


def _url_style(index: ProjectIndex) -> str:
    """kebab (`/line-items`) or snake (`/line_items`) from multi-word path segments."""
    kebab = snake = 0
    for info in index.relevant:
        if info.is_test:
            continue
        paths = [e.path or "" for e in info.endpoints]
        for call in info.calls_to(*_PREFIX_CALLS):
            func = call.func  # last_name is the id of a Name or the attr of an Attribute
            if (
                getattr(func, "attr", None) not in _PREFIX_CALLS
                and getattr(func, "id", None) not in _PREFIX_CALLS
            ):
                continue
            if last_name(func) in _PREFIX_CALLS:
                paths.append(const_str(kwarg(call, "prefix")) or "")
        for path in paths:
            for seg in path.split("/"):
                if "{" not in seg:
                    kebab += "-" in seg
                    snake += "_" in seg
    return "snake" if snake > kebab else "kebab"
