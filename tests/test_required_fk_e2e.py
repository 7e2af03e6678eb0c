"""A required foreign key: the generated tests point each row they make at a row of the target,
made as the project's tests make one (its conftest fixture, its factory); without any way it is
refused in one line (tests/codemods/test_clone_required_fk.py)."""

from __future__ import annotations

from pathlib import Path

from tests.harness import copy_fixture, run_codemod, run_project_tests


def test_rows_take_their_required_key_from_the_target_s_fixture(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    args = ("Order", "total:decimal", "status:enum[pending,paid]=pending", "category:fk[Category]", "--filter", "status")
    proc = run_codemod(project, *args)
    assert proc.returncode == 0, proc.stderr
    tests = (project / "tests/test_orders.py").read_text()
    assert '"category_id": category.id' in tests  # the payloads the cloned tests post
    assert "customer_id" not in tests
    query = (project / "tests/test_orders_query.py").read_text()
    assert "category_id=category.id" in query  # --filter's own tests pass it to their row maker
    conftest = (project / "tests/conftest.py").read_text()
    assert "category_id=category.id" in conftest  # the order fixture builds its row with it
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/test_orders.py") > 0 and outcome.passed_in("tests/test_orders_query.py") > 0


def test_a_key_to_the_user_a_conftest_fixture_gives_reaches_the_helpers_through_their_callers(tmp_path: Path) -> None:
    # users_only: nothing to clone (our templates write the resource); its conftest's `user`
    # fixture makes the user with a helper of its own, typed `-> User`; the templates' tests make
    # orders with a helper of the test module, which takes the user from the tests calling it
    project = copy_fixture("users_only", tmp_path)
    proc = run_codemod(project, "Order", "total:decimal", "buyer_id:fk[User]")
    assert proc.returncode == 0, proc.stderr
    tests = (project / "tests/api/test_orders.py").read_text()
    assert "json=order_payload(n, buyer_id=user.id)" in tests
    assert "created = create_order(client, user_token_headers, user=user)" in tests
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/api/test_orders.py") > 0


def test_without_a_fixture_the_tests_make_the_target_s_row_with_its_factory(tmp_path: Path) -> None:
    project = copy_fixture("legacy_orm_mode", tmp_path)  # its tests make rows with tests/factories.py
    proc = run_codemod(project, "Order", "total:decimal", "author:fk[Author]")
    assert proc.returncode == 0, proc.stderr
    tests = (project / "tests/test_orders.py").read_text()
    # as test_books.py makes its author: the factory, the db fixture asked for where missing
    assert "author = factories.create_author(db)" in tests and '"author_id": author.id' in tests
    factories = (project / "tests/factories.py").read_text()
    assert "def create_order(db, author=None, **overrides):\n    if author is None:\n        author = create_author(db)\n" in factories
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/test_orders.py") > 0


def test_a_list_s_meta_sharing_a_field_s_name_gets_no_key(tmp_path: Path) -> None:
    """domain_packages' list tests compare `meta` with `{"page": 1, ..., "total": 0}`: with a
    `total` field that dict looks like a row, but `page` and `size` are no columns of it."""
    project = copy_fixture("domain_packages", tmp_path)
    proc = run_codemod(project, "Order", "total:decimal", "supplier:fk[Supplier]")
    assert proc.returncode == 0, proc.stderr
    tests = (project / "tests/test_orders.py").read_text()
    assert '"meta": {"page": 1, "size": 20, "total": 0, "pages": 0},' in tests
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    assert outcome.passed_in("tests/test_orders.py") > 0
