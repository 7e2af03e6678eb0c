"""A row made through the target's own create route, where its tests have no fixture or helper.

The helper is the one `--parent` writes for the same need (route_parent.route_helper): it posts a
payload of the target's required fields to `app.url_path_for("create_customer")` and returns the
new row's key; a guard on that route (`dependencies=[Depends(get_current_superuser)]`) is
overridden for that one post. Tests call it with the client and headers fixtures the target's
tests post with:
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
from detectors.project import ProjectIndex, is_test_path, module_name
from detectors.resources import Footprint, app_instance


def route_maker(index: ProjectIndex, fp: Footprint) -> tuple[RowMaker, Borrowed] | None:
    """The helper making a row of `fp` through its create route (its guards lifted for that
    post), and how tests call it; None where it has no create route, no test posts to show the
    fixtures, or no app to name the route on. ConventionError where a required field takes no
    sample value."""
    auth = detect_auth(index)
    create = create_route(index, fp, (auth.dependency, auth.param))
    posting = _posting(index, fp)
    found = detect_app(index)
    # the module-level app the tests import: the one a factory builds where there is a factory
    app = app_instance(index, found.factory) if found.factory else (found.module, found.variable)
    if create is None or posting is None or app is None or not all(app):
        return None
    app_module, app_variable = app
    client, headers, is_async = posting
    if create.signed_in and headers is None:
        return None
    payload = parent_payload(fp.model, fp.fields, fp.derived)
    helper = f"new_{fp.names.snake}"
    made = RouteMaker(helper, fp.model, create.function, payload, create.status, fp.key[0], create.signed_in, None)
    # a guard (`dependencies=[Depends(get_current_superuser)]`) is lifted for the helper's post
    helper_code = route_helper(made, client, app_variable, is_async, create.guards)
    code = cst.Module([]).code_for_node(helper_code.with_changes(leading_lines=[]))
    guards = [Import(module_name(create.module), guard) for guard in create.guards]
    imports = [Import(app_module, app_variable), *guards, *([Import("uuid", "uuid4")] if "uuid4()" in payload else [])]
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
