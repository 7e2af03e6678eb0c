"""`--auth jwt | api-key | none`, end to end: the project's own suite and the generated tests pass.

jwt and api-key in a project without auth write the dependency module beside its shared code,
put it on the new routes, sign the new tests in through a conftest fixture and prove 401 without
credentials and with bad ones. none takes the project's auth off the new routes and their
tests. A kind other than the project's own, or a route reading the signed-in user under none,
is refused in one line with nothing written. A second run changes nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.harness import (
    ORDER,
    REPO_ROOT,
    copy_fixture,
    run,
    run_codemod,
    run_project_tests,
    snapshot,
)

AUTH_TESTS = "tests/test_orders_auth.py"


@pytest.mark.parametrize(
    ("kind", "dependency", "fixture"),
    [("jwt", "get_current_user", "auth_headers"), ("api-key", "verify_api_key", "api_key_headers")],
)
def test_a_project_without_auth_gets_it_on_the_new_routes(kind: str, dependency: str, fixture: str, tmp_path: Path) -> None:
    project = copy_fixture("single_file", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *ORDER, "--auth", kind, "--yes")
    assert proc.returncode == 0, proc.stderr
    assert f"auth {kind}: {dependency} written in auth.py" in proc.stderr
    written = snapshot(project)
    assert {p for p in written if written[p] != before.get(p)} == {
        "main.py", "auth.py", "tests/conftest.py", "tests/test_main.py", AUTH_TESTS,
    }
    module = (project / "auth.py").read_text()
    assert f"os.environ.get('{'JWT_SECRET' if kind == 'jwt' else 'API_KEY'}')" in module  # never in code
    assert ("jwt.decode(" in module) if kind == "jwt" else ("hmac.compare_digest(" in module)
    assert (project / "main.py").read_text().count(f"Depends({dependency})") == 5
    assert f"def {fixture}(monkeypatch)" in (project / "tests/conftest.py").read_text()

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in(AUTH_TESTS) == 15, outcome.explain()  # 5 routes: none, bad, malformed

    if kind == "jwt":  # once is enough: the second run's plan is empty whatever the kind
        after = snapshot(project)
        again = run_codemod(project, *ORDER, "--auth", kind, "--yes")
        assert again.returncode == 0 and "already exists" in again.stderr, again.stderr
        assert snapshot(project) == after


def test_the_secret_is_a_new_field_of_the_projects_settings(tmp_path: Path) -> None:
    project = copy_fixture("single_file", tmp_path)
    (project / "config.py").write_text(
        "from pydantic_settings import BaseSettings\n\n\n"
        "class Settings(BaseSettings):\n    database_url: str = 'sqlite:///./library.db'\n\n\n"
        "settings = Settings()\n"
    )
    proc = run_codemod(project, *ORDER, "--auth", "jwt", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "jwt_secret: Optional[str] = None" in (project / "config.py").read_text()
    assert "settings.jwt_secret" in (project / "auth.py").read_text()
    assert "monkeypatch.setattr(settings, 'jwt_secret', TEST_SECRET)" in (project / "tests/conftest.py").read_text()
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok and outcome.passed_in(AUTH_TESTS) == 15, outcome.explain()


def test_api_key_in_a_project_whose_tests_have_no_client_fixture(tmp_path: Path) -> None:
    project = tmp_path / "tutorial_sql_app"
    shutil.copytree(REPO_ROOT / "tests/sample_projects/tutorial_sql_app", project)
    proc = run_codemod(project, *ORDER, "--auth", "api-key", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "from .auth import verify_api_key" in (project / "sql_app/main.py").read_text()
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok and outcome.passed_in(AUTH_TESTS) == 15, outcome.explain()  # with a client of its own
    probe = (
        "import os\nfrom fastapi.testclient import TestClient\nfrom sql_app.main import app\n"
        "client = TestClient(app)\nos.environ['API_KEY'] = 'k'\n"
        "print(client.get('/orders/').status_code, client.get('/orders/', headers={'X-API-Key': 'x'}).status_code,"
        " client.get('/orders/', headers={'X-API-Key': 'k'}).status_code)\n"
    )
    answered = run(project, "python", "-c", probe)
    assert answered.stdout.split() == ["401", "401", "200"], answered.stderr


def test_none_takes_the_projects_auth_off_the_new_routes(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    proc = run_codemod(project, *ORDER, "--auth", "none", "--yes")
    assert proc.returncode == 0, proc.stderr
    router = (project / "app/routers/orders.py").read_text()
    assert "get_current_user" not in router and "require_role" not in router
    tests = (project / "tests/test_orders.py").read_text()
    assert "headers" not in tests and "403" not in tests
    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()

    after = snapshot(project)
    again = run_codemod(project, *ORDER, "--auth", "none", "--yes")
    assert again.returncode == 0 and "already exists" in again.stderr, again.stderr
    assert snapshot(project) == after


@pytest.mark.parametrize(
    ("fixture", "kind", "message"),
    [
        ("domain_packages", "jwt", (
            "--auth jwt: the project authenticates with an API key header (verify_api_key in "
            "src.auth); a second, parallel auth is refused: use --auth existing or none"
        )),
        ("fullstack_sqlmodel", "none", (
            "--auth none: read_orders in app/api/routes/orders.py reads current_user, the "
            "signed-in user (owner scoping, created_by); the route cannot go without auth"
        )),
    ],
)
def test_refused_in_one_line_with_nothing_written(fixture: str, kind: str, message: str, tmp_path: Path) -> None:
    project = copy_fixture(fixture, tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *ORDER, "--auth", kind, "--yes")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == f"convention error: {message}"
    assert snapshot(project) == before


def test_the_projects_own_kind_is_existing(tmp_path: Path) -> None:
    project = copy_fixture("domain_packages", tmp_path)
    proc = run_codemod(project, *ORDER, "--auth", "api-key", "--dry-run", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "auth existing: the project already authenticates with an API key header" in proc.stderr
