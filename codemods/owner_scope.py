"""Rows scoped to their owner where the exemplar has no owner rule (`--rbac ownership`).

The model gets an owner column, a foreign key to the model the auth dependency returns (its key's
type read from that model), and the resource's Alembic revision creates it. The routes set it
from the signed-in user on create and keep to the user's rows (OwnerRoutes); the data access they
call takes it (ScopeQueries). Clients never send it: the schemas do not have it. A role guard the
exemplar had gives way (the flag overrides), with the tests that expected its 403. The tests'
fixtures make rows owned by the user the tests sign in as, and the access tests prove a second
user sees none of them.
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace

import libcst as cst

from codemods.access_site import AccessSite
from codemods.check import fix_unused
from codemods.clone.field_code import class_field, migration_column
from codemods.clone.fields import ModuleStyle
from codemods.clone.nesting.bound_queries import ScopeBoundQueries
from codemods.clone.nesting.build import row_builders
from codemods.clone.nesting.queries import ScopeQueries
from codemods.clone.owned_helper_rows import OwnedHelperRows
from codemods.clone.owned_rows import OwnedRows
from codemods.clone.revision_ops import RevisionOps
from codemods.clone.signers import DropRefusals, DropTwoSigners
from codemods.errors import ConventionError
from codemods.formatting import format_code
from codemods.imports import Import, add_imports
from codemods.inherited_override import InheritedReads
from codemods.owner_column import OwnerColumn
from codemods.owner_routes import OwnerRoutes
from codemods.owner_row_helpers import ScopeRowHelpers
from codemods.parsing import parse_module
from codemods.plan import Plan
from codemods.revision_column import RevisionColumn
from codemods.spec import FieldSpec
from codemods.unguard import Unguard
from detectors.model_columns import find_model, model_columns
from detectors.project import is_test_path
from detectors.resources import table_name

_KEY_TYPES = {"int": "int", "uuid": "uuid", "str": "str"}


def with_owner(site: AccessSite) -> tuple[Plan, list[str]]:
    """The resource's rows scoped to the signed-in user who created them (see the module docstring)."""
    conv = site.conv
    key = conv.rbac.owner_field or "owner_id"
    user_model = conv.auth.user_model
    found = find_model(site.index, user_model) if user_model else None
    reader = _user_reader(site) if found is None else None
    if reader is not None:
        user_model = reader[2]
        found = find_model(site.index, user_model)
        # the tests' second user is one of that model too
        site.conv = replace(conv, auth=replace(conv.auth, user_model=user_model))
    if found is None:
        raise ConventionError(
            f"--rbac ownership: the auth dependency {conv.auth.dependency or ''} returns "
            f"{f'{user_model}, not a' if user_model else 'no'} user model of the project; an owner column needs one to point at"
        )
    columns = model_columns(site.index, found)
    user_key = next((c for c in columns if c.server_set and c.kind in _KEY_TYPES), None)
    if user_key is None:
        raise ConventionError(f"--rbac ownership: {user_model} has no int, uuid or str key to point at")
    lines = _unguard(site)
    lines += _routes(site, key, user_key.annotation or user_key.kind, reader[:2] if reader else None)
    owner = FieldSpec("owner", "fk", fk_target=user_model)
    lines += _model(site, key, owner, table_name(found), user_key.kind)
    lines += _fixtures(site, key, user_model)
    plan, said = site.prove_owner(kept=False)
    return plan, [*lines, *said]


def _unguard(site: AccessSite) -> list[str]:
    """The exemplar's role guard gives way, and the tests written for the old rule go with it."""
    two = DropTwoSigners(frozenset(site.conv.tests.auth_fixtures))
    site.rewrite_tests(two, "signed in as one user")
    lines = [f"dropped (two users on one row, as the old rule allowed): {', '.join(two.dropped)}"] if two.dropped else []
    rbac, users = site.conv.rbac, site.user_dependencies()
    if not rbac.dependency or not users:
        return lines
    undo = Unguard(rbac.dependency, min(users))
    text = parse_module(site.router.new).visit(undo).code
    if not undo.unguarded:
        return lines
    site.set_router(text, "--rbac ownership: no role guard")
    drop = DropRefusals()
    site.rewrite_tests(drop, "the role guard is gone")
    return lines + [f"role guard taken out of {', '.join(undo.unguarded)} (ownership instead)"] + (
        [f"dropped (they expected the guard's 403): {', '.join(drop.dropped)}"] if drop.dropped else []
    )


def _routes(site: AccessSite, key: str, annotation: str, reader: tuple[cst.Param, list[Import]] | None) -> list[str]:
    """The routes and the data access they call keep to the user's rows. `reader`: the parameter
    reading the user's row (and its imports) where no route reads it."""
    nodes = site.functions()
    holders = {r.function: sorted(site.user_params(nodes[r.function], r)) for r in site.routes}
    holders = {k: v[0] for k, v in holders.items() if v} if reader is None else {}
    module = parse_module(site.router.new)
    if reader is not None:
        param = reader[0]
        module = add_imports(module, reader[1], site.fmt, site.ours)
    elif holders:
        sample = next(iter(holders.items()))
        param = next(
            p for f in module.body if isinstance(f, cst.FunctionDef) and f.name.value == sample[0]
            for p in (*f.params.params, *f.params.kwonly_params) if p.name.value == sample[1]
        )
    else:
        raise ConventionError("--rbac ownership: no route of the resource reads the signed-in user to copy")
    typed = annotation.split("[")[-1].rstrip("]") if "[" in annotation else annotation
    typed = typed.replace("| None", "").replace("None |", "").strip()  # the key of a row that exists
    helpers = ScopeRowHelpers(key, typed, site.spec.names.pascal)
    module = module.visit(helpers)
    # a list read through a method the clone's class inherits from the project's base: the class
    # gets its own copy to scope, and the base, shared with the other resources, stays as it is
    inherited = InheritedReads.of(site.index, site.conv)
    owned = [o for r in site.routes if r.op == "list" and (o := inherited.own(site.edits, site.at, r.function, site.spec.names.pascal))]
    # the resource's data access: the functions the plan adds, in its own modules or beside
    # the other resources' (`create_invoice` in a shared crud.py)
    data = {
        e.path: _defined(e.new) - (_defined(e.old) if e.old else set())
        for i, e in enumerate(site.edits)
        if e.path.endswith(".py") and not is_test_path(e.path) and i != site.at
    }
    data = {path: defined for path, defined in data.items() if defined}
    functions = frozenset().union(*data.values()) if data else frozenset()
    routes = OwnerRoutes(key, functions, site.spec.names.pascal, param.with_changes(comma=cst.MaybeSentinel.DEFAULT), holders, frozenset(helpers.scoped))
    module = module.visit(routes)
    unpassed = _calls_without(module.code, helpers.scoped, key)
    site.set_router(_with_key_import(module.code, typed, site), "rows scoped to their owner")
    builders = {n for path, defined in data.items() for n in row_builders(parse_module(site.edits[_index(site, path)].new), site.spec.names.pascal, defined)}
    args = (routes.calls["create"] | builders, routes.calls["list"], key, typed, site.spec.names.pascal)
    # an override queries the model through the instance (`self.entity`), a spelling ScopeBoundQueries knows
    scope = ScopeBoundQueries({o.cls: o.attributes for o in owned}, *args) if owned else ScopeQueries(*args)
    for path, defined in data.items():
        if defined & (scope.create | scope.listing):
            i = _index(site, path)
            text = parse_module(site.edits[i].new).visit(scope).code
            text = site.formatted(site.edits[i].new, _with_key_import(text, typed, site))
            site.edits[i] = replace(site.edits[i], new=text, why=(*site.edits[i].why, "rows scoped to their owner"))
    if routes.unscoped or scope.missing or unpassed:
        what = ", ".join(sorted({*routes.unscoped, *scope.missing, *unpassed}))
        raise ConventionError(f"--rbac ownership: cannot keep {what} to the owner's rows (no row check, model built or query found)")
    return [f"rows scoped to their owner ({key}, set from the signed-in user): other users' rows answer 404"]


def _defined(text: str) -> set[str]:
    return {n.name for n in ast.walk(ast.parse(text)) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _with_key_import(text: str, typed: str, site: AccessSite) -> str:
    """A `uuid.UUID` annotation brings its import."""
    if not typed.startswith(("uuid", "UUID")):
        return text
    imp = Import("uuid") if typed.startswith("uuid.") else Import("uuid", "UUID")
    return add_imports(parse_module(text), [imp], site.fmt, site.ours).code


def _index(site: AccessSite, path: str) -> int:
    return next(i for i, e in enumerate(site.edits) if e.path == path)


def _model(site: AccessSite, key: str, owner: FieldSpec, table: str, key_kind: str) -> list[str]:
    """The owner column in the model, and in the resource's Alembic revision where it has one."""
    pascal = site.spec.names.pascal
    declares = re.compile(rf"^class {pascal}\b", re.MULTILINE)  # in its own module, or added to a shared one
    at = next(
        (i for i, e in enumerate(site.edits) if declares.search(e.new) and not declares.search(e.old or "") and not is_test_path(e.path)),
        None,
    )
    if at is None:
        raise ConventionError(f"--rbac ownership: the plan creates no {pascal} model to give an owner column")
    edit = site.edits[at]
    style = ModuleStyle.of(edit.new)
    kind = "mapped" if "mapped_column(" in edit.new else "column" if "Column(" in edit.new else "annotated"
    written = class_field(kind, site.spec.names, owner, partial=False, optional_style=style.optional,
                          sa_prefix=style.sa_prefix, fk_table=table, fk_key=_KEY_TYPES[key_kind],
                          field_module=style.field_module, sequence_style=style.sequence)
    code = format_code(written.code, site.fmt, depth=1)
    column = OwnerColumn(pascal, key, code)
    module = parse_module(edit.new).visit(column)
    if not column.added:
        return []  # cloned with the exemplar's own owner column, and its revision with it
    module = add_imports(module, list(written.imports), site.fmt, site.ours)
    site.edits[at] = replace(edit, new=fix_unused(module.code, edit.path), why=(*edit.why, "owner column"))
    lines = [f"owner column {pascal}.{key} -> {table}"]
    for i, e in enumerate(site.edits):
        if e.created and "create_table" in e.new and "def upgrade" in e.new:
            sa = "sa" if "import sqlalchemy as sa" in e.new else ""
            add = RevisionColumn(_table_of(edit.new, pascal), key, migration_column(site.spec.names, owner, sa, table, _KEY_TYPES[key_kind]))
            new = parse_module(e.new).visit(add)
            if add.added and "index=True" in code:
                new = new.visit(RevisionOps(site.spec.names, (owner,), sa))
            site.edits[i] = replace(e, new=format_code(new.code, site.fmt) if site.fmt.formatter else new.code, why=(*e.why, "owner column"))
            lines.append(f"owner column in the revision {e.path}")
    return lines


def _fixtures(site: AccessSite, key: str, user_model: str | None) -> list[str]:
    """The rows the test fixtures make belong to the user the tests sign in as."""
    main = site.main_headers()
    conftest = site.conftest(main)
    user = conftest.user_fixture(main, user_model)
    pascal = site.spec.names.pascal
    building = [i for i, e in enumerate(site.edits) if is_test_path(e.path) and re.search(rf"\b{pascal}\(", e.new) and "fixture" in e.new]
    if building and user is None:
        raise ConventionError(f"--rbac ownership: {main} takes no user fixture for the tests' {pascal} rows to belong to")
    owned: list[str] = []
    for i in building:
        e = site.edits[i]
        rows = OwnedRows(pascal, key, user or "", user_model)
        new = parse_module(e.new).visit(rows).code
        if rows.owned:
            site.edits[i] = replace(e, new=new, why=(*e.why, f"{pascal} rows owned by {user}"))
            owned += rows.owned
    helpers = _row_helpers(site, pascal)
    for i, e in enumerate(site.edits):
        if helpers and user and is_test_path(e.path) and e.path.endswith(".py"):
            added = frozenset(_defined(e.new) - (_defined(e.old) if e.old else set()))
            passing = OwnedHelperRows(helpers, key, user, added)
            new = parse_module(e.new).visit(passing).code
            if passing.owned:
                site.edits[i] = replace(e, new=new, why=(*e.why, f"{pascal} rows owned by {user}"))
                owned += passing.owned
    return [f"test fixtures' rows owned by {user}: {', '.join(owned)}"] if owned else []


def _row_helpers(site: AccessSite, pascal: str) -> frozenset[str]:
    """The test suite's helpers the plan adds that build a row and merge their keywords into it
    (`create_order(db, **overrides)`): the tests pass them the owner."""
    found = set()
    for e in site.edits:
        if not (is_test_path(e.path) and e.path.endswith(".py")):
            continue
        added = _defined(e.new) - (_defined(e.old) if e.old else set())
        for node in ast.parse(e.new).body:
            if (
                isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                and node.name in added
                and node.args.kwarg is not None
                and not node.name.startswith("test")
                and not any("fixture" in ast.unparse(d) for d in node.decorator_list)
                and any(isinstance(c, ast.Call) and ast.unparse(c.func).rsplit(".", 1)[-1] == pascal for c in ast.walk(node))
            ):
                found.add(node.name)
    return frozenset(found)


def _table_of(model_code: str, model: str) -> str:
    """The model's table: its `__tablename__`, else SQLModel's default, the lowercased class name."""
    for node in ast.walk(ast.parse(model_code)):
        if isinstance(node, ast.ClassDef) and node.name == model:
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and getattr(stmt.targets[0], "id", None) == "__tablename__" and isinstance(stmt.value, ast.Constant):
                    return str(stmt.value.value)
    return model.lower()


def _calls_without(code: str, helpers: set[str], key: str) -> set[str]:
    """The scoped helpers some call leaves without the key (called from outside the routes)."""
    return {
        c.func.id
        for c in ast.walk(ast.parse(code))
        if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id in helpers
        and key not in {k.arg for k in c.keywords}
    }


def _user_reader(site: AccessSite) -> tuple[cst.Param, list[Import], str] | None:
    """Where the auth dependency gives the user's id rather than the user, the project's dependency
    reading the user's row from it (`current_user(user_id = Depends(require_user)) -> User`): a
    parameter depending on it, as the project writes one, its imports and the model."""
    conv, index = site.conv, site.index
    info = index.module(conv.auth.dependency_module) if conv.auth.dependency_module else None
    for func in info.tree.body if info is not None else []:
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) or func.returns is None:
            continue
        model = ast.unparse(func.returns).split(".")[-1]
        defaults = [*func.args.defaults, *(d for d in func.args.kw_defaults if d is not None)]
        if find_model(index, model) is None or not any(
            isinstance(d, ast.Call) and d.args and ast.unparse(d.args[0]).split(".")[-1] == conv.auth.dependency for d in defaults
        ):
            continue
        name = _param_reading(index, func.name, model) or model.lower()
        found = find_model(index, model)
        imports = [Import("fastapi", "Depends"), Import(info.name, func.name), Import(found.module.name, model)]
        param = cst.Param(cst.Name(name), cst.Annotation(cst.Name(model)), default=cst.parse_expression(f"Depends({func.name})"),
                          equal=cst.AssignEqual(cst.SimpleWhitespace(" "), cst.SimpleWhitespace(" ")))
        return param, imports, model
    return None


def _param_reading(index, dependency: str, model: str) -> str | None:
    """The name the project gives a parameter `X: Model = Depends(dependency)`, if it has one."""
    for info in index.modules:
        for func in info.nodes(ast.FunctionDef, ast.AsyncFunctionDef):
            args = func.args.args[len(func.args.args) - len(func.args.defaults):]
            for a, d in zip(args, func.args.defaults):
                if isinstance(d, ast.Call) and d.args and ast.unparse(d.args[0]).split(".")[-1] == dependency and a.annotation is not None and ast.unparse(a.annotation).split(".")[-1] == model:
                    return a.arg
    return None
