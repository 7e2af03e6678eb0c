"""`--rbac ownership | role:ROLE | none`, and the exemplar's own owner rule, end to end.

Each case runs the CLI on a fresh fixture copy, then the project's own suite with the generated
tests (`tests/test_orders_access.py`): 401 without credentials, 403 without the role, and a
second signed-in user who can neither list, read, change nor delete the first user's rows. A
second run changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import FIXTURES, copy_fixture, run_codemod, run_project_tests, snapshot

ORDER = ("Order", "total:decimal")
ACCESS = "tests/test_orders_access.py"


def _apply(name: str, tmp_path: Path, *flags: str) -> tuple[Path, str]:
    project = copy_fixture(name, tmp_path)
    proc = run_codemod(project, *ORDER, *flags, "--yes")
    assert proc.returncode == 0, proc.stderr
    return project, proc.stderr


def _second_run_changes_nothing(project: Path, *flags: str) -> None:
    after = snapshot(project)
    again = run_codemod(project, *ORDER, *flags, "--yes", "--allow-dirty")
    assert again.returncode == 0, again.stderr
    assert snapshot(project) == after


def test_ownership_added_where_the_exemplar_has_none(tmp_path: Path) -> None:
    """seed_async clones Category (no owner, delete guarded by role): owner column, scoped routes."""
    project, said = _apply("seed_async", tmp_path, "--rbac", "ownership")
    model = (project / "app/models/order.py").read_text()
    router = (project / "app/routers/orders.py").read_text()
    assert 'owner_id: Mapped[int] = mapped_column(ForeignKey("users.id")' in model
    assert "owner_id" not in (project / "app/schemas/order.py").read_text()  # never from clients
    assert router.count("order.owner_id != current_user.id") == 3  # get, update, delete
    assert "owner_id=current_user.id" in router and "require_role" not in router
    assert "other_auth_headers" in (project / "tests/conftest.py").read_text()  # made from auth_headers
    assert "test_delete_order_requires_admin" in said  # the guard's 403 test went with the guard

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in(ACCESS) == 9, outcome.explain()  # 5 x 401, list/read/change/delete
    _second_run_changes_nothing(project, "--rbac", "ownership")


def test_ownership_where_rows_and_data_access_live_in_shared_modules(tmp_path: Path) -> None:
    """legacy_orm_mode: the model joins app/models.py, the data access app/crud.py, the tests'
    rows come from tests/factories.py, and the user from a factory too."""
    project, _ = _apply("legacy_orm_mode", tmp_path, "--rbac", "ownership")
    assert "owner_id = Column(" in (project / "app/models.py").read_text()
    assert "models.Order(owner_id=owner_id, **order_in.dict())" in (project / "app/crud.py").read_text()
    conftest = (project / "tests/conftest.py").read_text()
    assert 'factories.create_user(db, email="other-user@example.com")' in conftest  # the second user
    assert "owner_id=user.id" in (project / "tests/test_orders.py").read_text()  # factories' rows are the user's

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in(ACCESS) > 0 and outcome.passed_in("tests/test_orders.py") > 0
    _second_run_changes_nothing(project, "--rbac", "ownership")


def test_ownership_where_the_list_reads_through_a_shared_base_class(tmp_path: Path) -> None:
    """versioned_envelope: every repository inherits get and page_after from one generic base;
    the clone's repository gets its own page_after keeping to the owner, and the base and the
    other resources' repositories stay byte-identical."""
    project, _ = _apply("versioned_envelope", tmp_path, "--rbac", "ownership")
    for path in ("service/repos/base.py", "service/repos/shipment.py", "service/repos/warehouse.py"):
        assert (project / path).read_bytes() == (FIXTURES / "versioned_envelope" / path).read_bytes(), path
    repo = (project / "service/repos/order.py").read_text()
    assert "def page_after(" in repo and ".where(self.entity.owner_id == owner_id)" in repo
    assert "repo.page_after(cursor, limit, owner_id=user.id)" in (project / "service/api/v2/orders.py").read_text()

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/api/test_orders_access.py") > 0, outcome.explain()
    _second_run_changes_nothing(project, "--rbac", "ownership")


def test_ownership_on_templates_with_alembic(tmp_path: Path) -> None:
    """users_only has no resource to clone: the templates' routes query inline; the revision
    creates the owner column and its index (the project's models-versus-migrations test agrees)."""
    project, _ = _apply("users_only", tmp_path, "--rbac", "ownership")
    revision = (project / "alembic/versions/0002_create_orders.py").read_text()
    assert 'sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False)' in revision
    assert "select(Order).where(Order.owner_id == current_user.id)" in (project / "app/api/routes/orders.py").read_text()

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/test_migrations.py") and outcome.passed_in("tests/api/test_orders_access.py") == 9, outcome.explain()


def test_the_exemplars_owner_rule_is_kept_and_proved(tmp_path: Path) -> None:
    """repository_pg's Note keeps rows to their owner: with no flag the clone does, and gets the
    cross-user tests its cloned tests lack (they have the read one), with the project's second user."""
    project, said = _apply("repository_pg", tmp_path)
    assert "rows scoped to their owner, as the exemplar does" in said
    tests = (project / ACCESS).read_text()
    assert "other_auth_headers" in tests and "cannot_read" not in tests

    outcome = run_project_tests(project, "-rA")
    if outcome.skipped and not outcome.passed_in(ACCESS):
        pytest.skip("repository_pg: no PostgreSQL on 127.0.0.1:5432 (the project's tests skipped)")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in(ACCESS) == 3, outcome.explain()
    _second_run_changes_nothing(project)


def test_the_projects_own_refusal_for_another_users_row(tmp_path: Path) -> None:
    """fullstack_sqlmodel answers 403 for another user's row and lets superusers see every row:
    the superuser's rows are tried by the normal user, and 403 is expected."""
    project, said = _apply("fullstack_sqlmodel", tmp_path)
    tests = (project / "tests/api/routes/test_orders_access.py").read_text()
    assert "normal_user_token_headers cannot list, read, change or delete superuser_token_headers's rows" in said
    assert "response.status_code == 403" in tests

    outcome = run_project_tests(project, "tests/api/routes/test_orders.py", "tests/api/routes/test_orders_access.py", "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/api/routes/test_orders_access.py") == 4, outcome.explain()


def test_role_admin_through_the_projects_role_check(tmp_path: Path) -> None:
    project, said = _apply("seed_async", tmp_path, "--rbac", "role:admin")
    router = (project / "app/routers/orders.py").read_text()
    assert router.count('Depends(require_role("admin"))') == 5
    assert "sign in with admin_headers" in said

    outcome = run_project_tests(project, "tests/test_orders.py", ACCESS, "-rA")  # nothing shared changed
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in(ACCESS) == 10, outcome.explain()  # 5 x 401, 5 x 403
    _second_run_changes_nothing(project, "--rbac", "role:admin")


def _without_a_role_check(project: Path) -> None:
    """seed_async with no role check, and its users' roles an enum column."""
    deps = project / "app/dependencies.py"
    text = deps.read_text()
    text = text[: text.index("def require_role")].rstrip() + "\n"
    deps.write_text(text.replace("from collections.abc import Awaitable, Callable\n\n", ""))
    for router in ("app/routers/users.py", "app/routers/categories.py"):
        path = project / router
        path.write_text(path.read_text().replace('Depends(require_role("admin"))', "Depends(get_current_user)").replace(", require_role", ""))
    model = project / "app/models/user.py"
    model.write_text(
        model.read_text()
        .replace("from datetime import datetime\n", "import enum\nfrom datetime import datetime\n")
        .replace("import DateTime, String, func", "import DateTime, Enum, String, func")
        .replace("class User(Base):", 'class Role(str, enum.Enum):\n    user = "user"\n    admin = "admin"\n\n\nclass User(Base):')
        .replace('role: Mapped[str] = mapped_column(String(20), default="user", index=True)', "role: Mapped[Role] = mapped_column(Enum(Role), default=Role.user)")
    )


def test_role_admin_writes_a_factory_where_the_project_has_no_role_check(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _without_a_role_check(project)
    proc = run_codemod(project, *ORDER, "--rbac", "role:admin", "--yes", "--allow-dirty")
    assert proc.returncode == 0, proc.stderr
    assert "modified app/dependencies.py  (a require_role factory for --rbac role:admin)" in proc.stderr
    assert "def require_role(*roles: str):\n    async def role_checker(" in (project / "app/dependencies.py").read_text()

    outcome = run_project_tests(project, "tests/test_orders.py", ACCESS, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in(ACCESS) == 10, outcome.explain()
    _second_run_changes_nothing(project, "--rbac", "role:admin")


def test_none_takes_the_role_guard_out(tmp_path: Path) -> None:
    project, _ = _apply("seed_async", tmp_path, "--rbac", "none")
    assert "require_role" not in (project / "app/routers/orders.py").read_text()
    assert "test_delete_order_requires_admin" not in (project / "tests/test_orders.py").read_text()

    outcome = run_project_tests(project, "tests/test_orders.py")
    assert outcome.ok, outcome.explain()
    _second_run_changes_nothing(project, "--rbac", "none")


@pytest.mark.parametrize(
    ("name", "flags", "reason"),
    [
        ("single_file", ("--rbac", "ownership"), "no auth dependency"),
        ("repository_pg", ("--rbac", "none"), "scopes rows to their owner"),
        ("versioned_envelope", ("--rbac", "role:admin,editor"), "takes one role"),
        ("legacy_orm_mode", ("--rbac", "role:admin"), "holds the roles admin"),
    ],
)
def test_refused_in_one_line(name: str, flags: tuple[str, ...], reason: str, tmp_path: Path) -> None:
    project = copy_fixture(name, tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, *ORDER, *flags, "--yes")
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if reason in line]
    assert len(errors) == 1, proc.stderr
    assert snapshot(project) == before
