"""A resource's routes under a parent row (`/authors/{author_id}/reviews/`) serve its collection
and its rows, not one row of the parent."""

from __future__ import annotations

import pytest

from codemods.names import ResourceNames
from detectors.resources import op_of_route, own_path

REVIEW = ResourceNames.parse("Review")


@pytest.mark.parametrize(
    ("method", "path", "op"),
    [
        ("get", "/authors/{author_id}/reviews/", "list"),
        ("post", "/authors/{author_id}/reviews", "create"),
        ("get", "/authors/{author_id}/reviews/{review_id}", "get"),
        ("delete", "/authors/{author_id}/reviews/{review_id}", "delete"),
        ("get", "/reviews/", "list"),
        ("get", "/reviews/{id}", "get"),
        ("get", "/", "list"),  # a route under its router's prefix
    ],
)
def test_the_operation_is_read_from_the_resource_s_own_segment_on(
    method: str, path: str, op: str
) -> None:
    assert op_of_route(method, own_path(path, REVIEW)) == op


def test_a_path_not_naming_the_resource_after_a_parameter_is_read_whole() -> None:
    # an action on one row stays no create; another resource's path is left as it is
    assert own_path("/reviews/{id}/approve", REVIEW) == "reviews/{id}/approve"
    assert op_of_route("post", own_path("/reviews/{id}/approve", REVIEW)) is None
    assert own_path("/{author_id}/books", REVIEW) == "/{author_id}/books"
    assert own_path(None, REVIEW) is None
