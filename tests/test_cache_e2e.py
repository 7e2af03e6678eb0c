"""`--cache headers|memory|redis`: the new resource's reads cached, end to end, in the project's suite.

headers: an ETag and max-age on the reads, 304 on If-None-Match, a new ETag for a changed row.
memory and redis: a read after an update sees it, a read after a delete is 404. The generated
tests run in the project's own suite; the Redis ones against the real server, skipping with
the reason where none answers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import copy_fixture, run, run_codemod, run_project_tests, snapshot

ORDER = ("Order", "total:decimal", "status:enum[pending,paid]=pending", "note:text?", "customer_name:str")
HELPER = {
    # async, pydantic 2, shared helpers in app/core/
    "seed_async": {"headers": "app/core/http_cache.py", "memory": "app/core/memory_cache.py", "redis": "app/core/redis_cache.py"},
    # sync, pydantic 1 spellings, no helpers package: beside the routers package
    "legacy_orm_mode": {"headers": "app/http_cache.py", "memory": "app/memory_cache.py", "redis": "app/redis_cache.py"},
}
CASES = [(name, kind) for name in sorted(HELPER) for kind in HELPER[name]]
TESTS = "tests/test_orders_cache.py"


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_cache_works_in_the_project(name: str, kind: str, tmp_path: Path) -> None:
    project = copy_fixture(name, tmp_path)
    proc = run_codemod(project, *ORDER, "--cache", kind, "--yes")
    assert proc.returncode == 0, proc.stderr
    assert (project / HELPER[name][kind]).is_file()
    assert f"cache helper written: {HELPER[name][kind]}" in proc.stderr

    outcome = run_project_tests(project, "-rA")
    if kind == "redis" and outcome.skipped and not outcome.passed_in(TESTS):
        pytest.skip(f"{name}: Redis not reachable on 127.0.0.1:6379 (the generated tests skipped)")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in(TESTS) == 2, outcome.explain()  # see the module docstring

    after = snapshot(project)
    again = run_codemod(project, *ORDER, "--cache", kind, "--yes")
    assert again.returncode == 0 and "already exists" in again.stderr, again.stderr
    assert snapshot(project) == after


def test_without_forgetting_a_memory_cache_would_serve_the_old_row(tmp_path: Path) -> None:
    """The generated tests see the cache: with the writes' invalidation taken out, they fail."""
    project = copy_fixture("seed_async", tmp_path)
    assert run_codemod(project, *ORDER, "--cache", "memory", "--yes").returncode == 0
    router = project / "app/routers/orders.py"
    router.write_text(router.read_text().replace("memory_cache.forget(", "(lambda *args: None)("))
    outcome = run_project_tests(project, TESTS, "-rA")
    assert outcome.failed == 2, outcome.explain()


def test_beside_the_filter_tests_the_cache_tests_send_no_headers_nobody_signs_in_with(tmp_path: Path) -> None:
    """single_file signs nobody in: the filter tests' helper takes `headers` (None from each test),
    and the cache tests, written after them, must not take it for a fixture."""
    project = copy_fixture("single_file", tmp_path)
    proc = run_codemod(project, *ORDER, "--filter", "status", "--cache", "memory", "--yes")
    assert proc.returncode == 0, proc.stderr
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok and outcome.errors == 0, outcome.explain()
    assert outcome.passed_in(TESTS) == 2, outcome.explain()


def test_redis_tests_skip_saying_why_without_a_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_fixture("seed_async", tmp_path)
    assert run_codemod(project, *ORDER, "--cache", "redis", "--yes").returncode == 0
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    outcome = run_project_tests(project, TESTS, "-rs")
    assert outcome.skipped == 2 and outcome.failed == 0, outcome.explain()
    assert "Redis is not reachable (REDIS_URL)" in outcome.output


def test_the_config_sets_the_max_age(tmp_path: Path) -> None:
    project = copy_fixture("legacy_orm_mode", tmp_path)
    with (project / "pyproject.toml").open("a") as config:
        config.write('\n[tool.add_crud]\ncache = "headers:120"\n')
    proc = run_codemod(project, *ORDER, "--dry-run", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "route_class=http_cache.cached_route(120)" in proc.stdout
    assert "cache=headers:120 (pyproject.toml)" in proc.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("fast", "--cache 'fast': 'fast' is not one of none, headers[:max_age], memory[:ttl] or redis[:ttl]"),
        ("headers:abc", "--cache 'headers:abc': 'abc' is not a whole number of seconds"),
    ],
)
def test_bad_values_are_one_line_and_exit_2(value: str, message: str, tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *ORDER, "--cache", value, "--yes")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert message in proc.stderr
    assert snapshot(project) == before


def test_redis_without_the_package_in_the_project_is_refused(tmp_path: Path) -> None:
    """The project's own environment (its .venv) decides; nothing is added to its dependencies."""
    bare = Path("/usr/bin/python3")
    if not bare.is_file() or run_codemod(tmp_path, "--version").returncode != 0:
        pytest.skip("no system interpreter to stand for a project environment without redis")
    project = copy_fixture("seed_async", tmp_path)
    (project / ".venv/bin").mkdir(parents=True)
    (project / ".venv/bin/python").symlink_to(bare)
    probe = run(project, str(project / ".venv/bin/python"), "-c", "import redis")
    if probe.returncode == 0:
        pytest.skip(f"{bare} has redis installed")
    before = snapshot(project)
    proc = run_codemod(project, *ORDER, "--cache", "redis", "--yes")
    assert proc.returncode == 2 and "has no redis package" in proc.stderr.strip().splitlines()[-1], proc.stderr
    assert snapshot(project) == before


def test_headers_on_routes_of_the_app_itself_are_refused(tmp_path: Path) -> None:
    """single_file declares its routes on the app: no router to give a route class."""
    project = copy_fixture("single_file", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *ORDER, "--cache", "headers", "--yes")
    last = proc.stderr.strip().splitlines()[-1]
    assert proc.returncode == 2 and "rather than an APIRouter of their own" in last, proc.stderr
    assert snapshot(project) == before
