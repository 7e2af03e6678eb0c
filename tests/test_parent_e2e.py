"""`--parent`: a nested resource, end to end on fixture projects of different styles.

Each case runs the CLI on a fresh copy of a fixture, then reads the project back: the app serves
the new routes under one row of the parent, the new resource points at the parent, and the
project's own suite passes with the generated tests (404 for a missing parent and for another
parent's row among them). A patch applies to the same tree the write gives; a second run
changes nothing. Bad input is refused in one line, and nothing is written.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from detectors import ProjectIndex
from detectors.resources import find_footprints
from tests.harness import copy_fixture, run, run_codemod, run_project_tests, snapshot

# fixture -> (arguments, app module, parent, nested collection path, test module of the new resource)
CASES = {
    # functions data access, a conftest fixture for the parent, cursor pages
    "seed_async": (
        ("Review", "rating:int", "--parent", "Item"),
        "app.main",
        "Item",
        "/items/{item_id}/reviews",
        "tests/test_reviews.py",
    ),
    # the exemplar already points at the parent: its payload's key becomes the path's
    "seed_async-fk": (
        ("Review", "rating:int", "--parent", "Category", "--like", "Item"),
        "app.main",
        "Category",
        "/categories/{category_id}/reviews",
        "tests/test_reviews.py",
    ),
    # service class, rows read by a dependency, prefix set on include_router, fixtures per module
    "domain_packages": (
        ("Review", "rating:int", "--parent", "Supplier"),
        "src.main",
        "Supplier",
        "/suppliers/{supplier_id}/reviews",
        "tests/test_reviews.py",
    ),
    # a generic CRUDBase[Model, ...] whose subclass builds and queries `self.model`; tests write
    # URLs out and make rows (and so parents) through the routes
    "legacy_crudbase": (
        ("Review", "rating:int", "--parent", "Item"),
        "app.main",
        "Item",
        "/api/v1/items/{item_id}/reviews/",
        "tests/test_reviews.py",
    ),
    # the whole app (models, schemas, routes) in one main.py, its tests in one module beside the
    # parent's: only the clone's definitions there are nested, parents made by the tests' helper
    "single_file": (
        ("Review", "rating:int", "--parent", "Author"),
        "main",
        "Author",
        "/authors/{author_id}/reviews/",
        "tests/test_main.py",
    ),
    # the exemplar already points at the parent; tests make rows with async helpers of their
    # module posting to the create routes (the parent's: `create_project`), no fixture; PostgreSQL
    "repository_pg": (
        ("Review", "rating:int", "--parent", "Project"),
        "app.main",
        "Project",
        "/api/v1/projects/{project_id}/reviews",
        "tests/test_reviews.py",
    ),
    # rows read through a generic Repository base every resource's repository shares (get,
    # page_after): the row checked in the clone's own helper, the list in its own copy of
    # page_after; tests are methods of a class, the URL a module constant
    "versioned_envelope": (
        ("Review", "rating:int", "--parent", "Warehouse"),
        "service.main",
        "Warehouse",
        "/api/v2/warehouses/{warehouse_id}/reviews",
        "tests/api/test_reviews.py",
    ),
    # a service class loading rows through its shared `_load` (ensure_owner): the row checked
    # right after it; tests make rows with factories conftest fixtures give, the parent's too
    "modular_services": (
        ("Review", "rating:int", "--parent", "Collection"),
        "app.main",
        "Collection",
        "/collections/{collection_id}/reviews",
        "tests/modules/test_reviews.py",
    ),
}
# where a row's path is not the collection's then `/{review_id}`
ITEM_PATHS = {
    "legacy_crudbase": "/api/v1/items/{item_id}/reviews/{id}",
    "single_file": "/authors/{author_id}/reviews/{review_id}",
}


def _paths(project: Path, app_module: str) -> set[str]:
    """The paths the project's app serves, read from its own OpenAPI schema."""
    code = f"import {app_module} as m; print('\\n'.join(m.app.openapi()['paths']))"
    proc = run(project, sys.executable, "-c", code)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.split())


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_nested_resource_works_and_a_second_run_changes_nothing(
    case: str, tmp_path: Path
) -> None:
    args, app_module, parent, collection, tests = CASES[case]
    fixture = case.split("-")[0]
    project = copy_fixture(fixture, tmp_path / "write")
    proc = run_codemod(project, *args, "--yes")
    assert proc.returncode == 0, proc.stderr

    paths = _paths(project, app_module)
    item = ITEM_PATHS.get(case, f"{collection}/{{review_id}}")
    assert {collection, item} <= paths, sorted(paths)
    assert "/reviews" not in paths
    review = next(f for f in find_footprints(ProjectIndex(project)) if f.model == "Review")
    assert set(review.ops) == {"list", "get", "create", "update", "delete"}
    key = collection.split("{")[1].split("}")[0]
    assert (key, parent) in review.references

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    passed = [line for line in outcome.output.splitlines() if line.startswith(f"PASSED {tests}::")]
    nesting = (f"_of_missing_{parent.lower()}_", f"_of_other_{parent.lower()}_")
    assert sum(any(t in line for t in nesting) for line in passed) == 4, outcome.output[-3000:]

    after = snapshot(project)
    again = run_codemod(project, *args, "--yes")
    assert again.returncode == 0 and "already exists" in again.stderr, again.stderr
    assert snapshot(project) == after

    patched = copy_fixture(fixture, tmp_path / "patch")
    patch = run_codemod(patched, *args, "--patch", "-", "--yes")
    assert patch.returncode == 0, patch.stderr
    applied = subprocess.run(
        ["git", "apply", "-"],
        check=False,
        cwd=patched,
        input=patch.stdout,
        text=True,
        capture_output=True,
    )
    assert applied.returncode == 0, applied.stderr
    assert snapshot(patched) == after


# what each option writes a test module for: their tests request the routes under a parent row
OPTIONS = ("--filter", "rating", "--cache", "memory", "--action", "bump:rating=5")


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_options_tests_request_the_nested_routes_under_a_parent_row(case: str, tmp_path: Path) -> None:
    """The parent's row comes as the nested tests get theirs: its fixture (copied where it serves
    its own module only, with the fixtures it asks for), its helper or factory (for the user the
    requests sign in as, where the parent is owned), or a post to its create route."""
    args, _app, _parent, _collection, tests = CASES[case]
    project = copy_fixture(case.split("-")[0], tmp_path)
    proc = run_codemod(project, *args, *OPTIONS, "--yes")
    assert proc.returncode == 0, proc.stderr
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    folder = tests.rsplit("/", 1)[0]
    # single_file's nested routes spell their whole paths: the filters' and cache's tests, written
    # from the create route, are left out there, saying why
    written = [m for m in ("query", "cache", "actions") if (project / f"{folder}/test_reviews_{m}.py").is_file()]
    assert len(written) == (1 if case == "single_file" else 3), written
    for module in written:
        assert outcome.passed_in(f"{folder}/test_reviews_{module}.py") > 0, outcome.explain()


def test_clients_never_send_the_parent_s_key(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    assert run_codemod(project, "Review", "rating:int", "--parent", "Item", "--yes").returncode == 0
    schemas = (project / "app/schemas/review.py").read_text()
    inputs, _, response = schemas.partition("class ReviewResponse")
    assert "item_id" not in inputs and "item_id: int" in response


@pytest.mark.parametrize(
    ("parent", "message"),
    [
        ("Nope", "--parent Nope: no model of that name"),
        ("Review", "--parent Review: a resource cannot be nested under itself"),
    ],
)
def test_a_bad_parent_is_one_line_and_exit_2(parent: str, message: str, tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, "Review", "rating:int", "--parent", parent, "--yes")
    assert proc.returncode == 2, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and message in errors[0], proc.stderr
    assert snapshot(project) == before


def test_nesting_goes_with_methods_left_out(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    args = ("Review", "rating:int", "--parent", "Item", "--methods", "list,get,create", "--yes")
    proc = run_codemod(project, *args)
    assert proc.returncode == 0, proc.stderr
    paths = _paths(project, "app.main")
    assert {"/items/{item_id}/reviews", "/items/{item_id}/reviews/{review_id}"} <= paths
    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()


def test_tests_making_rows_through_the_routes_make_their_parent_through_its_create_route(
    tmp_path: Path,
) -> None:
    # Category's tests gone: the clone's tests are written from its routes, and make rows by
    # POSTing; each makes its category through POST /categories, signed in as the tests are
    project = copy_fixture("seed_async", tmp_path)
    (project / "tests/test_categories.py").unlink()
    args = ("Review", "rating:int", "--like", "Category", "--parent", "Category", "--yes")
    proc = run_codemod(project, *args)
    assert proc.returncode == 0, proc.stderr
    assert "written from the routes" in proc.stderr

    paths = _paths(project, "app.main")
    assert {
        "/categories/{category_id}/reviews",
        "/categories/{category_id}/reviews/{review_id}",
    } <= paths
    tests = (project / "tests/test_reviews.py").read_text()
    assert 'app.url_path_for("create_category")' in tests and "uuid4()" in tests

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    passed = [
        line
        for line in outcome.output.splitlines()
        if line.startswith("PASSED tests/test_reviews.py::")
    ]
    nesting = ("_of_missing_category_", "_of_other_category_")
    assert sum(any(t in line for t in nesting) for line in passed) == 4, outcome.output[-3000:]

    after = snapshot(project)
    again = run_codemod(project, *args)
    assert again.returncode == 0, again.stderr
    assert snapshot(project) == after


# the first resource's access tests (the exemplar's owner rule, proved) are cloned with the nested
# one; its parent's lookup keeps to the signed-in user's rows, so another user asking under it is
# refused there: what it answers them (the project's own 403, else 404), not the list's 200
OWNED_PARENT = {
    "repository_pg": ("tests/test_reviews_access.py", 404),  # PostgreSQL
    "fullstack_sqlmodel": ("tests/api/routes/test_reviews_access.py", 403),  # SQLite
}


@pytest.mark.parametrize("fixture", sorted(OWNED_PARENT))
def test_another_user_under_an_owned_parent_gets_what_its_lookup_answers(
    fixture: str, tmp_path: Path
) -> None:
    access, refused = OWNED_PARENT[fixture]
    project = copy_fixture(fixture, tmp_path)
    first = run_codemod(project, "Customer", "name:str", "--yes")
    assert first.returncode == 0, first.stderr
    args = ("Review", "rating:int", "--parent", "Customer", "--yes")
    nested = run_codemod(project, *args)
    assert nested.returncode == 0, nested.stderr

    tests = (project / access).read_text()
    listing = tests.split("def test_other_user_does_not_list_reviews(")[1].split("\ndef ")[0]
    assert f"assert response.status_code == {refused}, response.text" in listing
    assert "_ids(" not in tests  # no list body to read ids from

    outcome = run_project_tests(project, "-rA")
    if outcome.skipped and not outcome.passed_in(access):
        pytest.skip(f"{fixture}: PostgreSQL not reachable on 127.0.0.1:5432 (the project's tests skipped)")
    assert outcome.ok, outcome.explain()
    assert f"PASSED {access}::test_other_user_does_not_list_reviews" in outcome.output
    nesting = ("_of_missing_customer_", "_of_other_customer_")
    passed = [line for line in outcome.output.splitlines() if line.startswith(f"PASSED {access}::")]
    assert sum(any(t in line for t in nesting) for line in passed) == 4, outcome.output[-3000:]

    after = snapshot(project)
    again = run_codemod(project, *args)
    assert again.returncode == 0 and "already exists" in again.stderr, again.stderr
    assert snapshot(project) == after


def _review_keys(project: Path) -> list[str]:
    return [line.strip() for line in (project / "app/models.py").read_text().splitlines() if line.strip().startswith("project_id: int = Field(")]


def test_a_sqlmodel_key_deletes_with_its_parent_where_the_project_s_sqlmodel_can_say_so(tmp_path: Path) -> None:
    """The model says what its revision says (else `alembic check` finds the difference): the
    fixture's own fields pass `ondelete`, so the key's field does too."""
    project = copy_fixture("fullstack_sqlmodel", tmp_path)
    assert run_codemod(project, "Review", "rating:int", "--parent", "Project", "--yes").returncode == 0
    keys = _review_keys(project)
    assert keys and all('ondelete="CASCADE"' in k for k in keys), keys
    assert run_project_tests(project).ok


def test_an_older_sqlmodel_key_is_left_as_its_field_can_say_it(tmp_path: Path) -> None:
    """SQLModel before 0.0.21 has no `ondelete`: the key's field is written without it (the
    app would no longer import), and so the revision would be."""
    project = copy_fixture("fullstack_sqlmodel", tmp_path)
    models = project / "app/models.py"
    models.write_text(models.read_text().replace(', ondelete="CASCADE"', ""))
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("sqlmodel>=0.0.22", "sqlmodel>=0.0.16"))
    proc = run_codemod(project, "Review", "rating:int", "--parent", "Project", "--yes")
    assert proc.returncode == 0, proc.stderr
    keys = _review_keys(project)
    assert keys and not any("ondelete" in k for k in keys), keys


def test_a_helper_keeping_a_field_with_a_default_makes_its_parent_too(tmp_path: Path) -> None:
    # single_file: `create_author(client, name='Ursula K. Le Guin')` cloned for Review(body) keeps
    # its default; the parent it reads came as a parameter after it (no default after one with a
    # default: code that did not parse), and the summary names the routes as nested
    project = copy_fixture("single_file", tmp_path)
    proc = run_codemod(project, "Review", "body:str", "--parent", "Author", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "route POST /authors/{author_id}/reviews/  (main.py: create_review)" in proc.stderr
    tests = (project / "tests/test_main.py").read_text()
    assert "def create_review(client, body='Ursula K. Le Guin', author=None):\n    if author is None:\n" in tests
    outcome = run_project_tests(project)
    assert outcome.ok, outcome.explain()
