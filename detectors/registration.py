"""Router registration: where resource routers are included, how, and where prefixes sit."""

from __future__ import annotations

from collections import Counter

from detectors._ast import dotted, kwarg, source_segment
from detectors._routers import IncludeCall, RouterDef, include_calls, resolve_router, router_defs
from detectors.conventions import (
    AppFinding,
    Evidence,
    RouterLayoutFinding,
    RouterRegistrationFinding,
)
from detectors.project import ProjectIndex


def detect_router_registration(
    index: ProjectIndex, app: AppFinding, layout: RouterLayoutFinding
) -> RouterRegistrationFinding:
    """Classify how resource routers (APIRouters with endpoints) reach the app."""
    routers = router_defs(index)
    includes = include_calls(index)
    trailing = _trailing_slash(index)
    if layout.kind == "single_file":
        app_module = index.get(app.file)
        ev = tuple(
            Evidence(app.file, e.line, source_segment(e.module.lines, e.decorator))
            for e in (app_module.endpoints[:2] if app_module else [])
        )
        return RouterRegistrationFinding(
            file=app.file,
            style="decorators",
            target=app.variable,
            trailing_slash=trailing,
            evidence=ev,
        )
    resource_includes: list[tuple[IncludeCall, RouterDef | None]] = []
    for inc in includes:
        router = resolve_router(index, inc, routers)
        if inc.loop is not None:
            resource_includes.append((inc, router))
        elif router is not None and router.endpoint_count > 0:
            resource_includes.append((inc, router))
    if not resource_includes:
        return RouterRegistrationFinding(
            trailing_slash=trailing,
            note="looked for include_router calls passing the project's routers; found none",
        )

    by_file = Counter(inc.module.path for inc, _ in resource_includes)
    file = by_file.most_common(1)[0][0]
    site = [(inc, r) for inc, r in resource_includes if inc.module.path == file]
    inc0 = site[-1][0]
    evidence = tuple(
        Evidence(inc.module.path, inc.line, source_segment(inc.module.lines, inc.call))
        for inc, _ in site[:4]
    )
    app_names = {app.variable, "app"} - {None}

    loop_list = None
    if inc0.loop is not None:
        style = "loop"
        loop_list = dotted(inc0.loop.iter)
        evidence += (
            Evidence(file, inc0.loop.lineno, source_segment(inc0.module.lines, inc0.loop)),
        )
    elif inc0.target in app_names:
        style = "app_include_router"
    else:
        style = "aggregator_router"

    # Prefix placement: on the resource APIRouter(...) or on its include_router(...) call.
    defined = [r for r in routers if r.endpoint_count > 0]
    on_router = sum(1 for r in defined if r.has_prefix)
    on_include = sum(
        1 for inc, _ in site if kwarg(inc.call, "prefix") is not None and inc.loop is None
    )
    if _paths_carry_resource(defined):
        prefix_on = None  # `/users`, `/users/{id}` on the routes; any prefix is the API's
    elif on_router >= on_include and on_router:
        prefix_on = "router"
    elif on_include:
        prefix_on = "include"
    else:
        prefix_on = None

    aggregator_file = file if style == "aggregator_router" else None
    list_name = None
    if style == "loop" and loop_list:
        list_name = loop_list.rsplit(".", 1)[-1]
        found = index.resolve(inc0.module, loop_list)
        if found is not None:
            # Registration edits go where the list is written, not where it is looped over.
            list_module, stmt = found
            file = list_module.path
            evidence += (Evidence(file, stmt.lineno, source_segment(list_module.lines, stmt)),)
    return RouterRegistrationFinding(
        file=file,
        style=style,
        prefix_on=prefix_on,
        target=inc0.target,
        list_name=list_name,
        aggregator_file=aggregator_file,
        trailing_slash=trailing,
        evidence=evidence,
        mixed=len(by_file) > 1,
        note=f"includes spread over {dict(by_file)}" if len(by_file) > 1 else "",
    )


def _paths_carry_resource(routers: list[RouterDef]) -> bool:
    """Whether most resource routers (those with an item route) spell the resource segment on
    every route (`/users`, `/users/me`, `/users/{user_id}`), so a prefix is not the resource's."""
    votes = []
    for r in routers:
        paths = [e.path or "" for e in r.module.endpoints if e.router == r.name]
        if len(paths) < 2 or not any("{" in p for p in paths):
            continue
        heads = {p.strip("/").split("/")[0] for p in paths}
        votes.append(len(heads) == 1 and "{" not in next(iter(heads)) and "" not in heads)
    return bool(votes) and sum(votes) * 2 > len(votes)


def _trailing_slash(index: ProjectIndex) -> bool:
    """Whether collection routes are spelled with a trailing slash ("/", "/items/")."""
    slash = bare = 0
    for e in index.endpoints():
        if e.method not in ("get", "post") or e.path is None or "{" in e.path:
            continue
        if e.path.endswith("/"):
            slash += 1
        elif e.path == "" or not e.path.endswith("/"):
            bare += 1
    return slash > bare


__all__ = ["detect_router_registration"]
