"""credentials_tests and headers_fixture: the tests `--auth jwt|api-key` writes for the project."""

from __future__ import annotations

import pytest

from codemods.clone.auth_tests import TEST_SECRET, credentials_tests, headers_fixture
from codemods.clone.route_tests import Route

ROUTES = [
    Route("list_orders", "get", "list", None, 200, (), ()),
    Route("get_order", "get", "get", "order_id", 200, (), ()),
    Route("cancel_order", "post", "action", "order_id", 200, (), ()),
]


def test_sync_jwt() -> None:
    text = credentials_tests("jwt", ROUTES, ("app.main", "app"), "client", "auth_headers", "orders", False, "none")
    compile(text, "test_orders_auth.py", "exec")
    assert '("GET", app.url_path_for("get_order", order_id="1")),' in text
    assert '("POST", app.url_path_for("cancel_order", order_id="1")),' in text
    assert "def test_orders_refuse_a_request_without_credentials(client, method, url):" in text
    assert "def test_orders_refuse_a_token_signed_with_another_secret(client, auth_headers, method, url):" in text
    assert '"Bearer not-a-token"' in text and "await" not in text


def test_async_api_key_with_the_apps_own_name() -> None:
    text = credentials_tests("api-key", ROUTES, ("src.main", "api"), "ac", "api_key_headers", "orders", True, "anyio")
    compile(text, "test_orders_auth.py", "exec")
    assert "from src.main import api as app" in text
    assert "@pytest.mark.anyio\nasync def test_orders_refuse_a_wrong_key(ac, api_key_headers, method, url):" in text
    assert "response = await ac.request(method, url)" in text


def test_a_client_of_its_own() -> None:
    text = credentials_tests("api-key", ROUTES, ("app.main", "app"), "client", "api_key_headers", "orders", False, "none", True)
    compile(text, "test_orders_auth.py", "exec")
    assert "from fastapi.testclient import TestClient" in text
    assert "def client():" in text and "return TestClient(app)" in text


@pytest.mark.parametrize(
    ("kind", "setting", "line"),
    [
        ("jwt", None, 'monkeypatch.setenv("JWT_SECRET", TEST_SECRET)'),
        ("jwt", ("settings", "jwt_secret"), "monkeypatch.setattr(settings, 'jwt_secret', TEST_SECRET)"),
        ("api-key", None, 'monkeypatch.setenv("API_KEY", TEST_KEY)'),
    ],
)
def test_the_fixture_sets_the_secret_for_the_test_only(kind, setting, line) -> None:
    code, imports = headers_fixture(kind, "h", setting, "JWT_SECRET" if kind == "jwt" else "API_KEY")
    compile(code, "conftest.py", "exec")
    assert line in code and "def h(monkeypatch):" in code
    assert ("import jwt" in imports) == (kind == "jwt")
    assert len(TEST_SECRET) >= 32  # PyJWT warns on shorter HS256 keys
