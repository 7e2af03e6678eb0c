"""`--parent` where the new tests make rows through the routes (written from them, every URL
from `app.url_path_for`): each test makes its parent through the parent's create route.

In order: the fixture lifting guards lifts the parent's create route's too (LiftGuards), each
test makes its parent and requests under it (ParentThroughRoute, with the payload from the
parent's create schema: parent_payload), a request another user sends under it expects what
the parent's lookup answers them where it keeps to the user's own rows (OthersParentAnswers),
and the four tests of the nesting are derived from the test reading one row (RouteParentCases,
needs the nested requests).
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.guards_off import LiftGuards
from codemods.clone.nesting.others_parent import OthersParentAnswers
from codemods.clone.nesting.parent import Parent
from codemods.clone.nesting.route_cases import RouteParentCases
from codemods.clone.nesting.route_parent import ParentThroughRoute, RouteMaker, parent_payload
from codemods.errors import ConventionError
from codemods.imports import Import, add_imports
from detectors.project import module_name


def nest_route_tests(
    tests, texts, parent: Parent, names, served, missing: str, fmt, first_party, going: frozenset[str] = frozenset()
) -> None:
    """Step 4 where tests make rows through the routes: each test makes its parent through the
    parent's create route, and the nesting's four tests are made the same way (in the first module
    with a test reading one row)."""
    model, create = parent.footprint.model, parent.create
    if create is None:
        raise ConventionError(
            f"--parent {model}: the new tests make rows through the routes, and it has no create "
            "route without path parameters to make one through"
        )
    payload = parent_payload(model, parent.footprint.fields, parent.footprint.derived)
    helper = f"new_{parent.names.snake}"
    ops = {op: f for f, op in served.items()}
    derived = False  # the four tests of the nesting, added to one module
    imports = [
        Import("uuid", "uuid4"),
        *(Import(module_name(create.module), g) for g in create.guards),
    ]
    for e in tests:
        module = cst.parse_module(texts[e.path])
        app = _app_expression(module)
        lift = LiftGuards(list(create.guards), app)
        if create.guards:
            module = module.visit(lift)
        maker = RouteMaker(
            helper,
            model,
            create.function,
            payload,
            create.status,
            parent.footprint.key[0],
            create.signed_in,
            lift.fixture if create.guards else None,
        )
        through = ParentThroughRoute(maker, set(served), parent.key, missing)
        module = module.visit(through)
        if through.unreached:
            raise ConventionError(
                f"--parent: {through.unreached[0]} sends no credentials for {create.function}, "
                "which reads the signed-in user"
            )
        if parent.route.owned is not None:  # another user is refused at the parent's lookup
            answers = OthersParentAnswers(helper, parent.route.owned.status)
            module = module.visit(answers)
            undecided = sorted(set(answers.undecided) - going)  # `going`: taken out by --methods after
            if undecided:
                raise ConventionError(
                    f"--parent {model}: {undecided[0]} asks under another user's {model}, "
                    f"which {parent.route.function} refuses by a status its own code does not say"
                )
        if "get" in ops and "list" in ops and not derived:  # once: the first module reading a row
            cases = RouteParentCases(
                ops["get"],
                ops["list"],
                parent.key,
                missing,
                helper,
                parent.names.snake,
                names.plural_snake,
            )
            module = module.visit(cases)
            derived = cases.found
        used = {n.value for n in m.findall(module, m.Name())}
        module = add_imports(module, [i for i in imports if i.bound in used], fmt, first_party)
        texts[e.path] = module.code
    if "get" in ops and "list" in ops and not derived:
        raise ConventionError(
            f"--parent: {tests[0].path} has no test reading one {names.pascal} to derive the "
            "nesting tests from"
        )


def calls_routes(text: str, functions: set[str]) -> bool:
    """Whether a test module requests one of `functions` by name (`app.url_path_for("create_review")`)."""
    return any(
        isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "url_path_for"
        and n.args
        and isinstance(n.args[0], ast.Constant)
        and n.args[0].value in functions
        for n in ast.walk(ast.parse(text))
    )


def _app_expression(module: cst.Module) -> str:
    """What the tests call `url_path_for` on (`app`)."""
    for call in m.findall(module, m.Call(func=m.Attribute(attr=m.Name("url_path_for")))):
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute):  # as matched
            return module.code_for_node(call.func.value)
    return "app"
