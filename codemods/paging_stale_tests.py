"""The cloned tests a new way of paging leaves stale: those sending the paging parameters the
list no longer reads (`?skip=1&limit=2`), or reading the cursor field its answer lost. They go
(DropDefinitions); the new pages are proved by the tests `--pagination` writes."""

from __future__ import annotations

import ast
from dataclasses import replace

from codemods.drop_definitions import DropDefinitions
from codemods.parsing import parse_module
from codemods.spec import ResourceSpec
from detectors.pagination import LIMIT_NAMES
from detectors.pagination import STYLES as SPELLINGS
from detectors.project import ProjectIndex, is_test_path
from detectors.resources import op_of_route


def unread_params(index: ProjectIndex, footprint) -> tuple[str, ...]:
    """The paging parameter names the resource's list route in the project does not take."""
    lists = {(module, function) for method, path, module, function in footprint.routes if op_of_route(method, path) == "list"}
    taken: set[str] = set()
    for e in index.endpoints():
        if e.func.name in {f for _, f in lists}:
            taken |= {a.arg for a in [*e.func.args.args, *e.func.args.kwonlyargs]}
    known = {n for names in SPELLINGS.values() for n in names} | set(LIMIT_NAMES)
    return tuple(sorted(known - taken))


def drop_stale_tests(
    edits, spec: ResourceSpec, old: tuple[str, ...], flag: str, added_only: bool = False, gone: tuple[str, ...] = ()
) -> list[str]:
    """Drop the cloned tests sending `old` parameters or reading `gone` fields; the lines saying so."""
    # added_only: a later run, whose plan merges tests into the module that exists
    lines = []
    for i, edit in enumerate(edits):
        if not (is_test_path(edit.path) and spec.names.plural_snake in edit.path and edit.path.endswith(".py")):
            continue
        if edit.created == added_only:
            continue
        tree = ast.parse(edit.new)
        before = {n.name for n in ast.parse(edit.old).body if hasattr(n, "name")} if edit.old else set()
        stale = {
            node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name.startswith("test")
            and node.name not in before
            and (_sends(node, old) or _reads(node, gone))
        }
        if stale:
            module = parse_module(edit.new).visit(DropDefinitions(stale))
            edits[i] = replace(edit, new=module.code, why=(*edit.why, flag))
            lines.append(f"dropped (the list does not read what they send): {', '.join(sorted(stale))}")
    return lines


def _sends(test, old: tuple[str, ...]) -> bool:
    """Whether a test sends one of the `old` query parameters: in a URL, or in `params={...}`."""
    for node in ast.walk(test):
        in_url = isinstance(node, ast.Constant) and isinstance(node.value, str) and any(
            f"{mark}{name}=" in node.value for name in old for mark in "?&"
        )
        in_params = (
            isinstance(node, ast.keyword)
            and node.arg == "params"
            and isinstance(node.value, ast.Dict)
            and any(isinstance(k, ast.Constant) and k.value in old for k in node.value.keys)
        )
        if in_url or in_params:
            return True
    return False


def _reads(test, fields: tuple[str, ...]) -> bool:
    """Whether a test reads one of `fields` from an answer (`body["next_cursor"]`)."""
    return any(
        isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Constant) and n.slice.value in fields
        for n in ast.walk(test)
    )
