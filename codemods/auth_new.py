"""`--auth jwt|api-key` in a project without auth: the dependency module (its secret in the
project's settings object, else the environment), a parameter of each new route depending on it,
the conftest fixture signing requests in, the new tests sending it, and the credentials tests."""

from __future__ import annotations

import ast
import subprocess
from dataclasses import dataclass, replace

from codemods.append_statements import append_statements
from codemods.auth_on import AddDependencyParam
from codemods.auth_place import dependency_path
from codemods.auth_planned import (
    NewRoutes,
    functions_named,
    new_tests,
    tidied,
    top_names,
)
from codemods.auth_send_headers import SendHeaders
from codemods.clone.auth_tests import credentials_tests, headers_fixture
from codemods.clone.route_tests import Route, routes_of
from codemods.context import first_party
from codemods.errors import ConventionError
from codemods.formatting import FormatStyle, format_code
from codemods.imports import Import, add_imports
from codemods.parsing import parse_module
from codemods.plan import FileEdit, Plan
from codemods.render.auth_dependency import (
    API_KEY_DEPENDENCY,
    JWT_DEPENDENCY,
    SecretSource,
    environment_secret,
    render_dependency,
)
from codemods.settings_field import AddSettingsField
from codemods.spec import ResourceSpec
from codemods.verify import project_python
from detectors._ast import last_name
from detectors._deps import function_params
from detectors.conventions import Conventions
from detectors.project import ProjectIndex, module_name
from detectors.resources import app_instance
from detectors.settings import detect_settings

PARAMS = {"jwt": ("current_user", JWT_DEPENDENCY), "api-key": ("api_key", API_KEY_DEPENDENCY)}
FIXTURES = {"jwt": "auth_headers", "api-key": "api_key_headers"}


def with_new_auth(
    plan: Plan, found: list[NewRoutes], kind: str, spec: ResourceSpec, index: ProjectIndex, conv: Conventions
) -> tuple[Plan, list[str]]:
    """The dependency module written, the new routes depending on it, and tests proving it."""
    if kind == "jwt":
        _refuse_without_pyjwt(index)
    edits = list(plan.edits)
    router_path = edits[found[0].at].path
    path = dependency_path(index, router_path)
    param, dependency = PARAMS[kind]
    if path in index.files or any(e.path == path for e in edits):
        raise ConventionError(f"--auth {kind}: {path} exists already; rename it, or wire in your own auth with --auth existing")
    fmt = FormatStyle.from_style(conv.style)
    optional = {"optional": "Optional[{}]", "union": "Union[{}, None]"}.get(conv.style.optional_style, "{} | None")
    secret, setting, lines = _secret_source(kind, path, edits, index, conv, optional, fmt)
    edits.append(FileEdit(path, None, format_code(render_dependency(kind, secret, optional), fmt), (f"the {kind} auth dependency",)))
    lines.insert(0, f"auth {kind}: {dependency} written in {path}, reading {secret.name}")
    ours = first_party(index) | {module_name(path).split(".")[0]}
    all_routes: list[Route] = []
    for routes in found:
        edit = edits[routes.at]
        module = parse_module(edit.new)
        style = _dependency_style(edit.new, routes.functions)
        adder = AddDependencyParam(set(routes.functions), param, "str", dependency, style)
        module = module.visit(adder)
        imports = [_import_of(path, edit.path, dependency, conv), Import("fastapi", "Depends")]  # a bound name is kept
        imports += [Import("typing", "Annotated")] if style == "annotated" else []
        module = add_imports(module, imports, fmt, ours)
        edits[routes.at] = replace(edit, new=tidied(edit.new, module.code, fmt), why=(*edit.why, f"auth {kind}"))
        lines.append(f"auth {kind}: {', '.join(adder.added)} depend on {dependency} ({edit.path})")
        crud = [r for r in routes_of(module.code, dependency, param) if r.function in routes.functions]
        others = routes.functions - {r.function for r in crud}  # actions: POST /orders/{id}/cancel
        all_routes += crud + [r for r in routes_of(module.code, dependency, param, others) if r.function in others]
    edits, notes = _signed_in_tests(edits, kind, all_routes, spec, index, conv, fmt, ours, secret, setting)
    lines += notes
    return replace(plan, edits=tuple(edits), explain=(*plan.explain, *lines)), lines


def _dependency_style(code: str, functions: frozenset[str]) -> str:
    """How the routes take their dependencies, most often: `annotated` (`Annotated[T, Depends(f)]`),
    `untyped` (`x=Depends(f)`) or `default` (`x: T = Depends(f)`)."""
    counts = {"default": 0, "untyped": 0, "annotated": 0}
    for node in ast.parse(code).body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or node.name not in functions:
            continue
        for arg, default in function_params(node):
            if _depends(default):
                counts["default" if arg.annotation is not None else "untyped"] += 1
            elif isinstance(arg.annotation, ast.Subscript) and last_name(arg.annotation.value) == "Annotated" \
                    and any(_depends(n) for n in ast.walk(arg.annotation)):
                counts["annotated"] += 1
    return max(counts, key=lambda k: (counts[k], k == "default"))


def _depends(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Call) and last_name(node.func) in ("Depends", "Security")


@dataclass(frozen=True)
class _Setting:
    """The settings field holding the secret: `settings.jwt_secret`, the instance in `module`."""

    module: str
    instance: str
    name: str


def _secret_source(kind, path, edits, index, conv, optional, fmt) -> tuple[SecretSource, _Setting | None, list[str]]:
    """Where the dependency reads its secret: a new field of the project's settings object (the
    settings module edited in `edits`), else the environment."""
    found = detect_settings(index)
    if found is None:
        secret = environment_secret(kind)
        return secret, None, [f"auth {kind}: set {secret.name} in the environment where the app runs"]
    if found.instance is None:
        raise ConventionError(
            f"--auth {kind}: the settings class {found.class_name} in {found.path} has no module-level instance to read "
            "the secret from; create one (settings = Settings()) or add your own auth and use --auth existing"
        )
    name = {"jwt": "jwt_secret", "api-key": "api_key"}[kind]
    name = name.upper() if found.upper else name
    at = next((i for i, e in enumerate(edits) if e.path == found.path), None)
    old = edits[at].new if at is not None else index.get(found.path).source
    adder = AddSettingsField(found.class_name, f"{name}: {optional.format('str')} = None")
    module = parse_module(old).visit(adder)
    if "Optional[" in optional or "Union[" in optional:
        module = add_imports(module, [Import("typing", optional.split("[")[0])], fmt, first_party(index))
    if at is not None:
        edits[at] = replace(edits[at], new=module.code, why=(*edits[at].why, f"{name} setting"))
    elif adder.added:
        edits.append(FileEdit(found.path, old, module.code, (f"the {name} setting",)))
    imported = _import_of(found.path, path, found.instance, conv)
    line = f"from {imported.module} import {imported.name}"
    secret = SecretSource(f"{found.instance}.{name}", line, f"{found.instance}.{name}")
    note = f"auth {kind}: {found.class_name}.{name} added in {found.path} (None until set; set it where the app runs)"
    return secret, _Setting(found.module, found.instance, name), [note]


def _import_of(path: str, importer: str, name: str, conv: Conventions) -> Import:
    """How the module at `importer` imports `name` from the one at `path`, in the project's style."""
    dotted = module_name(path)
    if conv.style.imports == "relative" and "." in dotted:
        here, there = importer.rsplit("/", 1)[0].split("/"), path.rsplit("/", 1)[0].split("/")
        if here[: len(there)] == there:  # the dependency module is in the importer's package or above it
            return Import("." * (len(here) - len(there) + 1) + dotted.rsplit(".", 1)[1], name)
    return Import(dotted, name)


def _refuse_without_pyjwt(index: ProjectIndex) -> None:
    python = project_python(index.root)
    probe = "import sys\ntry:\n    from jwt import PyJWT\nexcept ImportError:\n    sys.exit(1)"
    if subprocess.run([python, "-c", probe], check=False, capture_output=True, timeout=60).returncode != 0:
        raise ConventionError(
            f"--auth jwt: the project's environment ({python}) has no PyJWT; install pyjwt, or use --auth api-key"
        )


def _signed_in_tests(edits, kind, routes, spec, index, conv, fmt, ours, secret, setting) -> tuple[list[FileEdit], list[str]]:
    """The conftest fixture signing in, the new tests sending it, and the credentials tests."""
    tests = conv.tests
    app = app_instance(index, conv.app.factory) if conv.app.factory else (
        (conv.app.module, conv.app.variable) if conv.app.module and conv.app.variable else None
    )
    # without a client fixture, a sync test client of the app's own serves: every request the
    # credentials tests send is refused before it reads a row
    own_client = not tests.client_fixture and tests.client == "testclient"
    if (not tests.client_fixture and not own_client) or tests.client not in ("testclient", "httpx_async") \
            or app is None or not tests.directory:
        return edits, [f"no tests for auth {kind}: the project's tests have no client fixture to sign in with"]
    fixture = FIXTURES[kind]
    conftest = f"{tests.directory}/conftest.py"
    at = next((i for i, e in enumerate(edits) if e.path == conftest), None)
    old = edits[at].new if at is not None else (index.get(conftest).source if index.get(conftest) else None)
    if old is not None and fixture in top_names(old):
        raise ConventionError(f"--auth {kind}: {conftest} already defines {fixture}; rename it, or use --auth existing")
    code, import_lines = headers_fixture(kind, fixture, setting and (setting.instance, setting.name), secret.name)
    module, _ = append_statements(parse_module(old or ""), format_code(code, fmt))
    imports = [Import(line.split()[1]) for line in import_lines]
    if setting is not None:
        imports.append(Import(setting.module, setting.instance))
    module = add_imports(module, imports, fmt, ours)
    text = module.code
    if at is not None:
        edits[at] = replace(edits[at], new=text)
    elif old is not None:
        edits.append(FileEdit(conftest, old, text, (f"the {kind} headers fixture",)))
    else:
        edits.append(FileEdit(conftest, None, format_code(text, fmt), (f"the {kind} headers fixture",)))
    notes = [f"auth {kind}: fixture {fixture} in {conftest}"]
    # the client the new tests call: a fixture's, or one their module builds at its top level
    shared = tests.module_client if own_client else None
    client = tests.client_fixture or (shared.name if shared is not None else "client")
    for i, functions in new_tests(tuple(edits)) if not own_client or shared is not None else ():
        edit = edits[i]
        new = functions_named(edit.new, functions)
        helpers = {n.name for n in new if not n.name.startswith("test") and client in {a.arg for a in n.args.args}}
        sender = SendHeaders({n.name for n in new if n.name.startswith("test")}, helpers, client, fixture)
        sent = parse_module(edit.new).visit(sender).code
        if sent != edit.new:
            edits[i] = replace(edit, new=tidied(edit.new, sent, fmt), why=(*edit.why, f"auth {kind}"))
    path = f"{tests.module_directory or tests.directory}/test_{spec.names.plural_snake}_auth.py"
    if any(e.path == path for e in edits) or path in index.files:
        return edits, [*notes, f"no credentials tests: {path} exists"]
    text = credentials_tests(kind, routes, app, client, fixture, spec.names.plural_snake,
                             tests.client == "httpx_async", tests.async_marker, own_client)
    edits.append(FileEdit(path, None, format_code(text, fmt), (f"tests of the {kind} auth",)))
    notes.append(f"tests of auth {kind}: {path} (401 without credentials and with bad ones, {len(routes)} routes)")
    return edits, notes
