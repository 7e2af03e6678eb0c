"""`--action cancel:status=cancelled`: a state transition endpoint, `POST /orders/{id}/cancel`.

Parsed once against the spec, then added to the plan by a pass over the planned router (like
`methods.leave_out`): the action is made from the resource's own update route (ActionRoute), so
it finds, guards and saves the row as the project does, and gets tests of its own (the change
applied, 404, credentials). `--action archive` (no change) is made from the read route and
marked for the developer to fill in.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from codemods.action_route import ActionRoute, MarkRoute
from codemods.action_service import AddService, ReturnService, plan_service
from codemods.check import fix_unused
from codemods.clone.route_tests import headers_sent, routes_of, write_action_tests
from codemods.errors import ConventionError
from codemods.formatting import FormatStyle, format_code
from codemods.methods import route_of, route_op
from codemods.option_values import Action, parse_action
from codemods.parsing import parse_module
from codemods.plan import FileEdit, Plan
from codemods.spec import ResourceSpec
from detectors.conventions import Conventions
from detectors.project import ProjectIndex, is_test_path
from detectors.resources import app_instance, find_footprints


@dataclass(frozen=True)
class AddedAction:
    """An action added to the plan: its function, where, and the change it makes."""

    action: Action
    function: str
    router: str
    route: str  # "POST /{order_id}/cancel"
    change: tuple[str, str] | None  # (field, the JSON value as Python code) for the tests


def add_actions(
    edits: tuple[FileEdit, ...], actions: tuple[Action, ...], spec: ResourceSpec, url_style: str
) -> tuple[tuple[FileEdit, ...], tuple[AddedAction, ...]]:
    """The plan with each action's route added beside the resource's update (or read) route."""
    added: list[AddedAction] = []
    out = list(edits)
    for action in actions:
        at, route, verb_path = _source_route(out, "get" if action.field is None else "update", action)
        edit = out[at]
        function = f"{action.name}_{spec.names.snake}"
        tree = ast.parse(edit.new)
        if any(getattr(s, "name", None) == function for s in tree.body):
            raise ConventionError(f"--action {action.name}: {edit.path} already defines {function}")
        segment = action.name.replace("_", "-") if url_style == "kebab" else action.name
        path = f"{verb_path[1].rstrip('/')}/{segment}"
        body_param, payload = None, None
        if action.field is not None:
            body_param, schema, spelled = _body(route, edits)
            _partial(edits, schema, action)
            kind = next(f.type for f in spec.fields if f.column_name == action.field)
            payload = f"{spelled}({action.field}={action.literal(kind)})"
        todo = f"# TODO(add-crud): make {action.name} change the {spec.names.title.lower()}; it only finds it now"
        transformer = ActionRoute(route.name, function, path, body_param, payload, "" if action.field is None else todo)
        new = parse_module(edit.new).visit(transformer).code
        out[at] = replace(edit, new=new, why=(*edit.why, f"action {action.name}"))
        if action.field is None:
            service = f"# TODO(add-crud): make {action.name} change the {spec.names.title.lower()}; it is returned unchanged now"
            out = _with_service(out, at, function, action.name, spec.names.snake, service, todo)
        change = None
        if action.field is not None:
            kind = next(f.type for f in spec.fields if f.column_name == action.field)
            change = (action.field, action.literal(kind))
        added.append(AddedAction(action, function, edit.path, f"POST {path}", change))
    return tuple(out), tuple(added)


def _with_service(
    edits: list[FileEdit], at: int, function: str, action: str, snake: str, todo: str, route_todo: str
) -> list[FileEdit]:
    """The stub action's service function added where the route's lookup lives, and the route
    returning what it returns (codemods/action_service.py); the route marked instead where its
    body is not a lookup then `return row`."""
    router = edits[at]
    route = next(n for n in ast.parse(router.new).body if getattr(n, "name", None) == function)
    service = plan_service(route, router, edits, action, snake, todo)
    if service is None:
        marked = parse_module(router.new).visit(MarkRoute(function, route_todo)).code
        edits[at] = replace(router, new=marked)
        return edits
    target = next(i for i, e in enumerate(edits) if e.path == service.path)
    module = parse_module(edits[target].new).visit(AddService(service, before=function))
    edits[target] = replace(edits[target], new=module.code, why=(*edits[target].why, f"{action} service"))
    router = edits[at]
    module = parse_module(router.new).visit(ReturnService(function, service.call))
    edits[at] = replace(router, new=module.code)
    return edits


def _source_route(edits: list[FileEdit], op: str, action: Action):
    """(index of the edit, the route function, (verb, path)) of the resource's `op` route."""
    for i, edit in enumerate(edits):
        if not edit.path.endswith(".py"):
            continue
        before = {getattr(s, "name", None) for s in ast.parse(edit.old).body} if edit.old else set()
        for node in ast.parse(edit.new).body:
            found = route_of(node)
            if found and node.name not in before and op_matches(found, op):
                return i, node, found
    what = "update" if op == "update" else "read"
    raise ConventionError(
        f"--action {action.name}: the new resource has no {what} endpoint to make the action from"
        + (" (--methods leaves it out)" if op == "update" else "")
    )


def op_matches(found: tuple[str, str], op: str) -> bool:
    verb, path = found
    return "{" in path and path.rstrip("/").endswith("}") and route_op(verb, path) == op


def _body(route: ast.FunctionDef, edits) -> tuple[str, str, str]:
    """The update route's body parameter, its schema class and how the route spells it
    (`OrderUpdate`, `schemas.OrderUpdate`): the parameter typed by a class the plan adds."""
    classes = {
        s.name for e in edits if e.path.endswith(".py") for s in ast.parse(e.new).body if isinstance(s, ast.ClassDef)
    }
    for arg in [*route.args.args, *route.args.kwonlyargs]:
        for node in ast.walk(arg.annotation) if arg.annotation is not None else ():
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
            if name in classes:
                return arg.arg, name, ast.unparse(node)
    raise ConventionError(f"--action: {route.name} takes no request body to set a field with")


def _partial(edits, schema: str, action: Action) -> None:
    """Refuse an update schema that requires other fields (a PUT replacing the whole row)."""
    for e in edits:
        if not e.path.endswith(".py"):
            continue
        for s in ast.parse(e.new).body:
            if isinstance(s, ast.ClassDef) and s.name == schema:
                required = [
                    b.target.id
                    for b in s.body
                    if isinstance(b, ast.AnnAssign) and b.value is None and isinstance(b.target, ast.Name)
                    and b.target.id != action.field and "None" not in ast.unparse(b.annotation)
                ]
                if required:
                    raise ConventionError(
                        f"--action {action.name}: {schema} requires {', '.join(required)} (a full replacement); "
                        "an action sets one field"
                    )
                return


def with_actions(
    plan: Plan,
    texts: tuple[str, ...],
    spec: ResourceSpec,
    index: ProjectIndex,
    conv: Conventions,
    key_type: str = "int",
) -> tuple[Plan, list[str]]:
    """The plan with each `--action` route added (those not served yet) and a test module for
    them; and the lines saying what was added."""
    existing = next((f for f in find_footprints(index) if f.model == spec.names.pascal), None)
    served = {function for *_, function in existing.routes} if existing is not None else set()
    # an action already served is in place: a second run adds nothing
    actions = tuple(a for a in (parse_action(t, spec) for t in texts) if f"{a.name}_{spec.names.snake}" not in served)
    if not actions:
        return plan, []
    edits, added = add_actions(plan.edits, actions, spec, conv.router_layout.url_style)
    routes = tuple(f"{a.route}  ({a.router}: {a.function})" for a in added)
    lines = [f"action {a.function}: {a.route}" + ("" if a.change else " (marked TODO: fill it in)") for a in added]
    test_edit, note = _action_tests(edits, added, spec, index, conv, key_type)
    lines.append(note)
    if test_edit is not None:
        edits = (*edits, test_edit)
    return replace(plan, edits=edits, routes=(*plan.routes, *routes), explain=(*plan.explain, *lines)), lines


def _action_tests(
    edits, added, spec: ResourceSpec, index: ProjectIndex, conv: Conventions, key_type: str
) -> tuple[FileEdit | None, str]:
    """A test module for the actions, beside the resource's own tests."""
    router = next(e for e in edits if e.path == added[0].router)
    functions = frozenset(a.function for a in added)
    before = {getattr(n, "name", None) for n in ast.parse(router.old).body} if router.old else set()
    routes = [r for r in routes_of(router.new, conv.auth.dependency, conv.auth.param, functions) if r.function not in before]
    by_name = {r.function: r for r in routes}
    create = next((r for r in routes if r.op == "create"), None)
    own_tests = [e.path for e in edits if e.created and is_test_path(e.path) and spec.names.plural_snake in e.path]
    directory = own_tests[0].rsplit("/", 1)[0] if own_tests else (conv.tests.module_directory or conv.tests.directory)
    if directory is None:
        return None, "no tests for the actions: the project has no test directory"
    app = app_instance(index, conv.app.factory) if conv.app.factory else (
        (conv.app.module, conv.app.variable) if conv.app.module and conv.app.variable else None
    )
    own = next((e.new for e in edits if e.path in own_tests), "")
    envelope = conv.response.keys[0] if conv.response.wrapper == "envelope" and conv.response.keys else None
    text, note = write_action_tests(
        [(by_name[a.function], a.change) for a in added], create, spec.names, spec.fields, app, conv.tests, key_type,
        envelope, headers_sent(own),
    )
    if text is None:
        return None, note
    path = f"{directory}/test_{spec.names.plural_snake}_actions.py"
    text = format_code(fix_unused(text, path), FormatStyle.from_style(conv.style))  # `import pytest` without markers
    return FileEdit(path, None, text, ("tests of the actions",)), note
