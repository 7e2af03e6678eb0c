"""`--parent` where the new tests make rows through the routes with URLs written out
(`client.post(f"{settings.API_V1_STR}/reviews/", ...)`): each test makes its parent through
the parent's create route.

In order: each test makes its parent and requests under it (ParentThroughUrl, with the payload
from the parent's create schema: parent_payload), then the four tests of the nesting are derived
from the test reading one row (UrlParentCases, needs the nested requests).
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.nesting.parent import Parent
from codemods.clone.nesting.route_parent import RouteMaker, parent_payload
from codemods.clone.nesting.url_cases import UrlParentCases
from codemods.clone.nesting.url_parent import ParentThroughUrl, requests_segment
from codemods.errors import ConventionError
from codemods.imports import Import, add_imports


def writes_urls(text: str, segment: str, functions: frozenset[str]) -> bool:
    """Whether tests of `functions` request the clone's URLs written out."""
    return requests_segment(cst.parse_module(text), segment, functions)


def nest_url_tests(
    tests, texts, parent: Parent, names, segment: str, functions, missing: str, fmt, first_party
) -> None:
    """Step 4 where tests write URLs out: each makes its parent through the parent's create
    route, and the nesting's four tests are made the same way. `functions`: per test module,
    the tests the clone adds."""
    model, create = parent.footprint.model, parent.create
    if create is None or create.guards:
        raise ConventionError(
            f"--parent {model}: the new tests make rows through the routes, and it has no unguarded "
            "create route without path parameters to make one through"
        )
    payload = parent_payload(model, parent.footprint.fields, parent.footprint.derived)
    helper = f"new_{parent.names.snake}"
    maker = RouteMaker(
        helper,
        model,
        create.function,
        payload,
        create.status,
        parent.footprint.key[0],
        create.signed_in,
        None,
    )
    for e in tests:
        module = cst.parse_module(texts[e.path])
        through = ParentThroughUrl(
            maker, segment, parent.segment, parent.key, missing, functions[e.path]
        )
        module = module.visit(through)
        if through.unreached:
            raise ConventionError(
                f"--parent: {through.unreached[0]} sends no credentials for {create.function}, "
                "which reads the signed-in user, or no test creates a "
                f"{names.pascal} to take the create URL from"
            )
        cases = UrlParentCases(
            segment,
            parent.segment,
            parent.key,
            missing,
            helper,
            parent.names.snake,
            names.plural_snake,
        )
        module = module.visit(cases)
        if not cases.found:
            raise ConventionError(
                f"--parent: {e.path} has no test reading one {names.pascal} to derive the nesting tests from"
            )
        if "uuid4()" in payload:
            module = add_imports(module, [Import("uuid", "uuid4")], fmt, first_party)
        texts[e.path] = module.code
