"""A clone that lost an operation of its exemplar that was asked for is refused in one line: the
route went with the dropped fields' code (fields passed one by one to code that knows only
them), and the new resource would answer 405 where the exemplar answers."""

from __future__ import annotations

import pytest

from codemods.clone.plan import _refuse_lost_operations
from codemods.errors import ConventionError
from codemods.spec import parse_resource
from detectors import ProjectIndex
from detectors.resources import find_footprints
from tests.harness import FIXTURES

SPEC = parse_resource("Order", ["total:decimal"])


@pytest.fixture(scope="module")
def category():
    return next(f for f in find_footprints(ProjectIndex(FIXTURES / "seed_async")) if f.model == "Category")


def test_a_lost_create_is_refused_naming_why(category) -> None:
    reasons = {"create_order": "nothing left once the dropped fields' code went"}
    with pytest.raises(ConventionError) as caught:
        _refuse_lost_operations(category, SPEC, {"create_order"}, reasons, None)
    assert caught.value.args[0] == (
        "cloning Category would lose its create (create_order: nothing left once the dropped fields' "
        "code went); pick another exemplar with --like, or --methods without create"
    )


def test_an_operation_not_asked_for_may_go(category) -> None:
    _refuse_lost_operations(category, SPEC, {"create_order"}, {}, ("list", "get"))


def test_a_dropped_definition_that_is_no_route_is_no_lost_operation(category) -> None:
    _refuse_lost_operations(category, SPEC, {"order_by_name"}, {}, None)
