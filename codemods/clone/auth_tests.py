"""Tests of the auth `--auth jwt` or `--auth api-key` wrote, for the project's suite.

A conftest fixture signs requests in (a token minted with the test secret, or the test key, set
for the test's run only), and a test module proves every new route answers 401 without
credentials and with bad ones (a token signed with another secret, a wrong key).
"""

from __future__ import annotations

from codemods.clone.route_tests import Route

TEST_SECRET = "test-secret-for-the-test-suite-only"  # 32 bytes at least: PyJWT warns on shorter HS256 keys
TEST_KEY = "test-api-key"


def headers_fixture(kind: str, name: str, setting: tuple[str, str] | None, env_name: str) -> tuple[str, list[str]]:
    """The fixture producing signed-in headers, and the import lines it needs. `setting` is the
    (settings object, field) holding the secret, else it is set in the environment."""
    value = "TEST_SECRET" if kind == "jwt" else "TEST_KEY"
    if setting is not None:
        set_line = f"    monkeypatch.setattr({setting[0]}, {setting[1]!r}, {value})"
    else:
        set_line = f'    monkeypatch.setenv("{env_name}", {value})'
    if kind == "jwt":
        body = [
            set_line,
            f'    token = jwt.encode({{"sub": "test-user"}}, {value}, algorithm="HS256")',
            '    return {"Authorization": f"Bearer {token}"}',
        ]
        doc = "Headers signed in with a token minted from the test secret, set for this test."
        imports = ["import jwt", "import pytest"]
    else:
        body = [set_line, f'    return {{"X-API-Key": {value}}}']
        doc = "Headers carrying the test API key, set for this test."
        imports = ["import pytest"]
    constant = f'{value} = "{TEST_SECRET if kind == "jwt" else TEST_KEY}"'
    code = "\n".join([constant, "", "", "@pytest.fixture", f"def {name}(monkeypatch):", f'    """{doc}"""', *body]) + "\n"
    return code, imports


def credentials_tests(
    kind: str,
    routes: list[Route],
    app: tuple[str, str],
    client: str,
    fixture: str,
    plural: str,
    is_async: bool,
    marker: str,
    own_client: bool = False,
) -> str:
    """A test module: each route answers 401 without credentials and with bad ones. The bad
    ones are checked with the test secret set (through `fixture`), so they fail on their own.
    `own_client`: the module makes its client (`client`), the project's tests having no fixture."""
    lines = ["import pytest", ""]
    if kind == "jwt":
        lines[0:0] = ["import jwt"]
    if own_client:
        lines[-1:-1] = ["from fastapi.testclient import TestClient"]
    imports = [f"from {app[0]} import {app[1]}" + (" as app" if app[1] != "app" else "")]
    lines += sorted(imports)
    entries = []
    for r in routes:
        url = f'app.url_path_for("{r.function}"' + (f', {r.param}="1")' if r.param else ")")
        entries.append(f'    ("{r.method.upper()}", {url}),')
    lines += ["", "ROUTES = [", *entries, "]"]
    aw = "await " if is_async else ""
    deco = {"asyncio": "@pytest.mark.asyncio\n", "anyio": "@pytest.mark.anyio\n"}.get(marker, "") if is_async else ""
    define = "async def" if is_async else "def"
    if kind == "jwt":
        bad = 'jwt.encode({"sub": "test-user"}, "another-secret-which-is-not-the-test-one", algorithm="HS256")'
        bad_headers = '{"Authorization": f"Bearer {forged}"}'
        bad_setup = [f"    forged = {bad}"]
        bad_name = "a_token_signed_with_another_secret"
    else:
        bad_headers, bad_setup, bad_name = '{"X-API-Key": "not-the-key"}', [], "a_wrong_key"
    parametrize = '@pytest.mark.parametrize(("method", "url"), ROUTES)'
    if own_client:
        lines += [
            "", "",
            "@pytest.fixture",
            f"def {client}():",
            '    """A client of the app as it runs: every request here is refused before it reads a row."""',
            "    return TestClient(app)",
        ]
    lines += [
        "", "",
        parametrize,
        f"{deco}{define} test_{plural}_refuse_a_request_without_credentials({client}, method, url):",
        f"    response = {aw}{client}.request(method, url)",
        "    assert response.status_code == 401",
        "", "",
        parametrize,
        f"{deco}{define} test_{plural}_refuse_{bad_name}({client}, {fixture}, method, url):",
        *bad_setup,
        f"    response = {aw}{client}.request(method, url, headers={bad_headers})",
        "    assert response.status_code == 401",
        "", "",
        parametrize,
        f"{deco}{define} test_{plural}_refuse_a_malformed_credential({client}, {fixture}, method, url):",
        f"    response = {aw}{client}.request(method, url, headers="
        + ('{"Authorization": "Bearer not-a-token"})' if kind == "jwt" else '{"X-API-Key": ""})'),
        "    assert response.status_code == 401",
    ]
    return "\n".join(lines) + "\n"
