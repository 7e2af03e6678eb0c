"""`--rbac none | role:admin[,editor] | ownership`: who may do what to which rows.

Parsed once; then a pass over the planned code, after `--auth`. `role`: every route of the
resource requires one of the roles through the project's role check (RoleGuard), else through a
`require_role` factory written beside its auth dependency (RoleFactory); the resource's tests sign
in with a user holding a role (SwapSigner). `ownership`: rows scoped to their owner, kept where
the exemplar has such a rule, else added (owner_scope). `none`: the exemplar's role guard taken
out (Unguard). With no flag, an owner rule the exemplar has is kept and proved. Either way the
access tests (clone/access_tests.py) prove 401, 403 and that a second user cannot reach the rows.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from codemods.access_site import AccessSite as _Site
from codemods.access_site import new_router as _new_router
from codemods.clone.access_tests import Access
from codemods.clone.signed_in import role_attributes, with_role
from codemods.clone.signers import DropRefusals, SwapSigner
from codemods.errors import ConventionError
from codemods.imports import Import, add_imports
from codemods.option_values import RbacChoice
from codemods.owner_scope import with_owner
from codemods.parsing import parse_module
from codemods.plan import Plan
from codemods.role_factory import IMPORTS as FACTORY_IMPORTS
from codemods.role_factory import NAME as FACTORY
from codemods.role_factory import RoleFactory
from codemods.role_guard import RoleGuard
from codemods.spec import ResourceSpec
from codemods.unguard import Unguard
from detectors.conventions import Conventions
from detectors.model_columns import find_model, model_columns
from detectors.project import ProjectIndex, is_test_path


def with_rbac(
    plan: Plan,
    choice: RbacChoice | None,
    spec: ResourceSpec,
    index: ProjectIndex,
    conv: Conventions,
    key_type: str = "int",
) -> tuple[Plan, list[str]]:
    """The plan with access controlled as `choice` asks (None: as the exemplar does, with tests
    proving its owner rule); and the lines saying what was done."""
    found = _new_router(plan.edits, conv)
    if found is None:  # the routes are in place already: a second run changes nothing
        return _completing(plan, choice, spec)
    at, routes = found
    site = _Site(plan, at, routes, spec, index, conv, key_type)
    if choice is None:
        if site.owner_scoped():
            return site.prove_owner(kept=True)
        if site.changes_guarded():  # anyone reads; only the owner (or a role) changes
            return site.prove_owner(kept=True, only=frozenset({"update", "delete"}))
        return plan, []
    if choice.kind == "none":
        return _without_rules(site, choice)
    if not site.user_dependencies():
        raise ConventionError(
            f"--rbac {choice}: the routes read no signed-in user (the project has no auth dependency, or --auth none "
            "took it off); add one with --auth"
        )
    if choice.kind == "role":
        return _with_roles(site, choice)
    if site.owner_scoped():
        return site.prove_owner(kept=True)
    return with_owner(site)


def _with_roles(site: _Site, choice: RbacChoice) -> tuple[Plan, list[str]]:
    """Every route of the resource requires one of the roles, through the project's role check;
    its tests sign in with a user holding one, and access tests prove 401 and 403."""
    guard, check, module = _guard(site, choice)
    users = site.user_dependencies()
    transformer = RoleGuard(users, check, guard)
    tree = parse_module(site.router.new).visit(transformer)
    needed = [Import("fastapi", "Depends")] + ([Import(module, check)] if module is not None else [])
    tree = add_imports(tree, needed, site.fmt, site.ours)
    site.set_router(tree.code, f"--rbac {choice}")
    lines = [f"every route requires {' or '.join(choice.roles)} ({guard})"]
    main = site.main_headers()
    conftest = site.conftest(main)
    candidates = list(site.conv.tests.auth_fixtures) or [main]
    if guard == check:  # a flag check: the users it lets through have the flag set
        flag = role_attributes(site.role_check())
        granted = [f for f in candidates if f in conftest.fixtures and True in conftest.settings(f, flag).values()]
    else:
        granted = with_role(conftest, candidates, choice.roles)
    if not granted:
        raise ConventionError(
            f"--rbac {choice}: no test fixture signs in a user with the role {' or '.join(choice.roles)}; add one to {conftest.path}"
        )
    drop = DropRefusals()  # the exemplar's guard tests: the access tests prove 403 on every route
    site.rewrite_tests(drop, "403 proved by the access tests")
    if drop.dropped:
        lines.append(f"dropped (the access tests prove 403 on every route): {', '.join(drop.dropped)}")
    if main not in granted:
        swap = SwapSigner(main, granted[0])
        site.rewrite_tests(swap, f"signed in as {granted[0]}")
        lines.append(f"the resource's tests sign in with {granted[0]}")
    lacking = main if main not in granted else next(
        (f for f in site.conv.tests.auth_fixtures if f not in granted and f in conftest.fixtures), None
    )
    lines.append(site.add_access_tests(Access(tuple(site.routes), granted[0], lacking=lacking)))
    return site.done(lines)


def _guard(site: _Site, choice: RbacChoice) -> tuple[str, str, str | None]:
    """The guard's code, the check's name and the module to import it from (None: there already)."""
    rbac, check = site.conv.rbac, site.role_check()
    quote = "'" if site.fmt.quotes == "single" else '"'
    roles = ", ".join(f"{quote}{r}{quote}" for r in choice.roles)
    if not rbac.dependency or check is None or "role" not in (rbac.kind, *rbac.also):
        module = _write_factory(site, choice, quote)
        return f"{FACTORY}({roles})", FACTORY, module
    inner = [n for n in ast.walk(check) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not check]
    if inner:  # a factory: `require_role("admin")` builds the checker
        takes_many = check.args.vararg is not None
        if len(choice.roles) > 1 and not takes_many:
            raise ConventionError(
                f"--rbac {choice}: {rbac.dependency} takes one role; the project has no check for one of several"
            )
        guard = f"{rbac.dependency}({roles})"
    elif choice.roles == ("admin",):  # a check of a flag (`is_superuser`): the one role it can mean
        guard = rbac.dependency
    else:
        raise ConventionError(
            f"--rbac {choice}: the project's role check {rbac.dependency} tests a flag, not named roles; only role:admin maps to it"
        )
    defined = rbac.dependency in {n.name for n in ast.parse(site.router.new).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return guard, rbac.dependency, None if defined else rbac.dependency_module


def _without_rules(site: _Site, choice: RbacChoice) -> tuple[Plan, list[str]]:
    """No role guard on the resource's routes (any signed-in user may call them); rows scoped to an
    owner are refused, since their column and queries cannot be taken out safely."""
    if site.owner_scoped():
        raise ConventionError(
            "--rbac none: the exemplar scopes rows to their owner; taking that out of its model and queries is not supported"
        )
    rbac, users = site.conv.rbac, site.user_dependencies()
    if not rbac.dependency or not users:
        return site.done(["no role guard or owner rule to take out"])
    user = min(users)
    transformer = Unguard(rbac.dependency, user)
    text = parse_module(site.router.new).visit(transformer).code
    if not transformer.unguarded:
        return site.done(["no role guard or owner rule to take out"])
    site.set_router(text, "--rbac none")
    drop = DropRefusals()
    site.rewrite_tests(drop, "the role guard is gone")
    lines = [f"role guard taken out of {', '.join(transformer.unguarded)}: any signed-in user may call them"]
    if drop.dropped:
        lines.append(f"dropped (they expected the guard's 403): {', '.join(drop.dropped)}")
    return site.done(lines)


def _completing(plan: Plan, choice: RbacChoice | None, spec: ResourceSpec) -> tuple[Plan, list[str]]:
    """A run completing the resource brings back none of the tests of a guard taken out."""
    if choice is None or choice.kind == "role":
        return plan, []
    edits = list(plan.edits)
    for i, e in enumerate(edits):
        if e.old is None or not is_test_path(e.path) or spec.names.plural_snake not in e.path:
            continue
        before = {n.name for n in ast.parse(e.old).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        added = frozenset(n.name for n in ast.parse(e.new).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name not in before)
        drop = DropRefusals(among=added)
        new = parse_module(e.new).visit(drop).code
        if drop.dropped:
            edits[i] = replace(e, new=new)
    return replace(plan, edits=tuple(edits)), []


def _write_factory(site: _Site, choice: RbacChoice, quote: str) -> str:
    """A `require_role` factory written beside the project's auth dependency (RoleFactory); the
    module it is in. The role is read from the user model's enum column holding the roles."""
    conv, index = site.conv, site.index
    info = index.module(conv.auth.dependency_module) if conv.auth.dependency_module else None
    dependency = next(
        (n for n in (info.tree.body if info else []) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == conv.auth.dependency),
        None,
    )
    model = find_model(index, conv.auth.user_model) if conv.auth.user_model else None
    column = next(
        (c for c in model_columns(index, model) if c.kind == "enum" and set(choice.roles) <= set(c.enum_values)), None
    ) if model is not None else None
    if info is None or dependency is None or column is None:
        raise ConventionError(
            f"--rbac {choice}: the project has no role check, and no column of the model its auth dependency returns "
            f"({conv.auth.user_model or 'none'}) holds the roles {', '.join(choice.roles)} (an enum with those values) for one to read"
        )
    text = next((e.new for e in site.edits if e.path == info.path), info.source)
    factory = RoleFactory(dependency.name, conv.auth.user_model or "", column.name, isinstance(dependency, ast.AsyncFunctionDef), quote)
    module = parse_module(text).visit(factory)
    if factory.added:
        module = add_imports(module, list(FACTORY_IMPORTS), site.fmt, site.ours)
        site.set_text(info.path, site.formatted(text, module.code), f"a {FACTORY} factory for --rbac {choice}")
    return info.name
