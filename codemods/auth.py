"""`--auth existing | jwt | api-key | none`: what the new resource's routes ask of the caller.

Parsed once; then a pass over the planned code: `existing` keeps the project's own dependency,
`none` takes it off (auth_none), and `jwt`/`api-key` in a project without auth write the
dependency module in the project's layout and wire it in like the project's own (auth_new). The
same kind as the project's is `existing`; another kind is refused. The passes after this one see
the auth it leaves (`conventions_after`).
"""

from __future__ import annotations

from dataclasses import replace

from codemods.auth_new import FIXTURES, PARAMS, with_new_auth
from codemods.auth_none import completed_without_credentials, without_auth
from codemods.auth_planned import new_routes
from codemods.errors import ConventionError
from codemods.option_values import AuthChoice
from codemods.plan import Plan
from codemods.spec import ResourceSpec
from detectors.conventions import UNKNOWN, AuthFinding, Conventions
from detectors.project import ProjectIndex

_PROJECT_KINDS = {"jwt": "jwt_bearer", "api-key": "api_key_header"}
_SPELLED = {"jwt_bearer": "bearer tokens (JWT)", "api_key_header": "an API key header", "other": "a scheme of its own"}


def with_auth(
    plan: Plan,
    choice: AuthChoice | None,
    spec: ResourceSpec,
    index: ProjectIndex,
    conv: Conventions,
    key_type: str = "int",
) -> tuple[Plan, list[str]]:
    """The plan with the routes authenticated as `choice` asks; and the lines saying what was done."""
    if choice is None or choice.kind == "existing":
        return plan, []
    has_auth = conv.auth.kind not in ("none", UNKNOWN)
    if choice.kind != "none" and has_auth:
        where = f"{conv.auth.dependency} in {conv.auth.dependency_module}" if conv.auth.dependency else "its routes"
        if conv.auth.kind != _PROJECT_KINDS[choice.kind]:
            raise ConventionError(
                f"--auth {choice.kind}: the project authenticates with {_SPELLED.get(conv.auth.kind, conv.auth.kind)} "
                f"({where}); a second, parallel auth is refused: use --auth existing or none"
            )
        line = f"auth existing: the project already authenticates with {_SPELLED[conv.auth.kind]} ({where}), as --auth {choice.kind} asks"
        return replace(plan, explain=(*plan.explain, line)), [line]
    routes = new_routes(plan.edits)
    if choice.kind == "none" and not routes:
        return completed_without_credentials(plan, conv)
    if not routes:
        return plan, []  # the routes are in place already: a second run changes nothing
    if choice.kind == "none":
        return without_auth(plan, routes, index, conv)
    return with_new_auth(plan, routes, choice.kind, spec, index, conv)


# -- for the passes after this one -----------------------------------------------------------


def conventions_after(conv: Conventions, choice: AuthChoice | None, plan: Plan) -> Conventions:
    """The conventions the later passes (`--rbac`, `--filter`, `--cache`...) read: the auth this
    pass wrote, or took off, as a second run would detect it, with the fixture signing it in."""
    if choice is None or choice.kind == "existing":
        return conv
    if choice.kind == "none":
        return replace(conv, auth=AuthFinding(kind="none", note="--auth none: the new routes ask for no credentials"))
    param, dependency = PARAMS[choice.kind]
    written = any(e.created and f"def {dependency}(" in e.new and e.path.endswith(".py") for e in plan.edits)
    if not written:
        return conv  # the project's own auth, or the routes were in place already
    auth = AuthFinding(
        kind=_PROJECT_KINDS[choice.kind], dependency=dependency, applied="endpoint", param=param,
        note=f"--auth {choice.kind}: written by this run",
    )
    fixture = FIXTURES[choice.kind]
    signed = any(e.path.endswith("conftest.py") and f"def {fixture}(" in e.new for e in plan.edits)
    tests = conv.tests if not signed else replace(
        conv.tests, fixture_for=(*conv.tests.fixture_for, (dependency, fixture)),
        auth_fixtures=(*conv.tests.auth_fixtures, fixture),
    )
    return replace(conv, auth=auth, tests=tests)
