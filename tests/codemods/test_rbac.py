"""`--rbac`: parsing, and the access tests written from the planned routes."""

from __future__ import annotations

import ast

import pytest

from codemods.clone.access_tests import Access, write_access_tests
from codemods.clone.route_tests import Route
from codemods.errors import SpecError
from codemods.option_values import RbacChoice, parse_rbac
from codemods.spec import parse_resource
from detectors.conventions import TestsFinding as Finding


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("none", RbacChoice("none")),
        ("ownership", RbacChoice("ownership")),
        ("role:admin", RbacChoice("role", ("admin",))),
        ("role:admin,editor,admin", RbacChoice("role", ("admin", "editor"))),
    ],
)
def test_parse(text: str, choice: RbacChoice) -> None:
    assert parse_rbac(text) == choice


@pytest.mark.parametrize("text", ["owner", "role", "role:", "role:admin,", "role:my-role", "none:x", "role:class"])
def test_parse_refuses(text: str) -> None:
    with pytest.raises(SpecError):
        parse_rbac(text)


SPEC = parse_resource("Order", ["total:decimal", "note:str"])
TESTS = Finding(client="httpx_async", async_marker="asyncio", client_fixture="client",
                     fixture_for=(("get_current_user", "auth_headers"),))
ROUTES = (
    Route("list_orders", "get", "list", None, 200, (), ("get_current_user",)),
    Route("create_order", "post", "create", None, 201, (), ("get_current_user",)),
    Route("get_order", "get", "get", "order_id", 200, (), ("get_current_user",)),
    Route("update_order", "patch", "update", "order_id", 200, (), ("get_current_user",)),
    Route("delete_order", "delete", "delete", "order_id", 204, (), ("get_current_user",)),
)


def _tests(access: Access) -> dict[str, str]:
    text, _ = write_access_tests(access, SPEC.names, SPEC.fields, ("app.main", "app"), TESTS, "int")
    assert text is not None
    tree = ast.parse(text)
    return {n.name: ast.unparse(n) for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def test_role_tests_cover_every_route() -> None:
    tests = _tests(Access(ROUTES, "admin_headers", lacking="auth_headers"))
    assert len([t for t in tests if t.endswith("_needs_credentials")]) == 5
    forbidden = [t for t in tests if t.endswith("_forbidden_without_the_role")]
    assert len(forbidden) == 5
    assert "headers=auth_headers" in tests["test_delete_order_forbidden_without_the_role"]
    assert "== 403" in tests["test_delete_order_forbidden_without_the_role"]


def test_owner_tests_skip_what_the_resource_covers() -> None:
    access = Access(ROUTES, "auth_headers", anonymous=False, other="other_auth_headers", skip_ops=frozenset({"get"}))
    tests = _tests(access)
    assert set(tests) == {
        "test_other_user_does_not_list_orders",
        "test_other_user_cannot_change_order",
        "test_other_user_cannot_delete_order",
        "_ids",
    }
    change = tests["test_other_user_cannot_change_order"]
    assert "headers=other_auth_headers" in change and "== 404" in change
    assert "kept.json()['total'] == created.json()['total']" in change  # unchanged for its owner


def test_another_status_for_another_users_row() -> None:
    tests = _tests(Access(ROUTES, "auth_headers", anonymous=False, other="other_auth_headers", other_status=403))
    assert "response.status_code == 403" in tests["test_other_user_cannot_read_order"]
