"""A row made through the target's own create route, where its tests have no fixture or helper.

The helper is the one `--parent` writes for the same need (route_parent.route_helper): it posts a
payload of the target's required fields to `app.url_path_for("create_customer")` and returns the
new row's key. Tests call it with the client and headers fixtures the target's tests post with:
    def new_customer(client, headers):
        made = client.post(app.url_path_for("create_customer"), json={"name": f"name one {uuid4().hex[:8]}"}, headers=headers)
        assert made.status_code == 201, made.text
        return made.json()["id"]
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods.clone.borrowed import Borrowed
from codemods.clone.nesting.parent import create_route
from codemods.clone.nesting.route_parent import RouteMaker, parent_payload, route_helper
from codemods.clone.row_makers import RowMaker
from codemods.imports import Import
from detectors.app import detect_app
from detectors.auth import detect_auth
from detectors.project import ProjectIndex, is_test_path
from detectors.resources import Footprint


def route_maker(index: ProjectIndex, fp: Footprint) -> tuple[RowMaker, Borrowed] | None:
    """The helper making a row of `fp` through its create route, and how tests call it; None
    where it has no unguarded create route, no test posts to show the fixtures, or no app to
    name the route on. ConventionError where a required field takes no sample value."""
    auth = detect_auth(index)
    create = create_route(index, fp, (auth.dependency, auth.param))
    posting = _posting(index, fp)
    app = detect_app(index)
    if create is None or create.guards or posting is None or not (app.module and app.variable) or app.factory:
        return None
    client, headers, is_async = posting
    if create.signed_in and headers is None:
        return None
    payload = parent_payload(fp.model, fp.fields, fp.derived)
    helper = f"new_{fp.names.snake}"
    made = RouteMaker(helper, fp.model, create.function, payload, create.status, fp.key[0], create.signed_in, None)
    code = cst.Module([]).code_for_node(route_helper(made, client, app.variable, is_async).with_changes(leading_lines=[]))
    imports = [Import(app.module, app.variable), *([Import("uuid", "uuid4")] if "uuid4()" in payload else [])]
    args = (client, headers) if create.signed_in and headers else (client,)
    params = (client, "headers") if create.signed_in else (client,)
    maker = RowMaker(helper, helper, "", args, params, is_async, "{}", copied=True)
    return maker, Borrowed((helper,), (code.strip(),), tuple(imports))


def _posting(index: ProjectIndex, fp: Footprint) -> tuple[str, str | None, bool] | None:
    """(client, headers, async) of the first test of `fp` posting with its own fixtures."""
    places = sorted(dict.fromkeys(p for p in [*(u.path for u in fp.units), *fp.files] if is_test_path(p)))
    for path in places:
        module = index.get(path)
        for test in ast.walk(module.tree) if module is not None else ():
            if not isinstance(test, (ast.FunctionDef, ast.AsyncFunctionDef)) or not test.name.startswith("test"):
                continue
            params = {a.arg for a in test.args.args}
            for call in (n for n in ast.walk(test) if isinstance(n, ast.Call)):
                func = call.func
                if not (isinstance(func, ast.Attribute) and func.attr == "post" and isinstance(func.value, ast.Name)):
                    continue
                if func.value.id not in params:
                    continue
                sent = next((k.value for k in call.keywords if k.arg == "headers"), None)
                if sent is not None and not (isinstance(sent, ast.Name) and sent.id in params):
                    continue
                headers = sent.id if isinstance(sent, ast.Name) else None
                return func.value.id, headers, isinstance(test, ast.AsyncFunctionDef)
    return None
