"""Registration is copied from a sibling's include; without one it is built from the conventions alone.

Both roads must register the router the same way, so a project with no sibling to copy gets the
same include (and import) its authors would have written.
"""

from __future__ import annotations

import pytest

from codemods.context import build_context
from codemods.render.registration import _from_conventions, render_registration
from codemods.spec import parse_resource
from detectors import ProjectIndex, detect_conventions
from tests.harness import FIXTURES

REGISTERED = ("seed_async", "fullstack_sqlmodel", "domain_packages", "repository_pg")


@pytest.mark.parametrize("name", REGISTERED)
def test_fallback_registration_equals_the_sibling_copy(name: str) -> None:
    index = ProjectIndex(FIXTURES / name)
    ctx = build_context(
        detect_conventions(index.root, index), parse_resource("LineItem", ["qty:int"]), index
    )
    assert render_registration(ctx) == _from_conventions(ctx)


def test_single_file_apps_register_nothing() -> None:
    index = ProjectIndex(FIXTURES / "single_file")
    ctx = build_context(detect_conventions(index.root, index), parse_resource("Order", []), index)
    assert render_registration(ctx) == []
