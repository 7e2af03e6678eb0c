"""`--spec` and `--from-models`: many resources in one run, all-or-nothing, reviewable as patches.

The batch is planned whole before anything is written. A resource that fails leaves the project
untouched (`--keep-going` writes the others); the numbered patches applied in order give exactly
the write-mode tree; `--check` is a CI gate; a second run changes nothing.
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.harness import copy_fixture, run_codemod, run_project_tests, snapshot

SPEC = """\
[defaults]
as_written = false

[[resources]]
name = "Order"   # refers to Customer, given later: Customer is planned first
fields = ["total:decimal", "status:enum[pending,paid]=pending", "customer:fk[Customer]"]  # required

[[resources]]
name = "Customer"
fields = ["name:str!", "email:str!"]
filter = ["email"]

[[resources]]
name = "Report"
fields = ["title:str"]
methods = "read-only"
"""
BROKEN = SPEC.replace('methods = "read-only"', 'methods = "read-only"\n\n[[resources]]\nname = "Invoice"\nfields = ["number:str"]\nlike = "Nothing"') + """
[[resources]]
name = "Tag"
fields = ["label:str"]
"""
CREATED = {f"app/{layer}/{name}.py" for layer in ("crud", "models", "schemas") for name in ("order", "customer", "report")}


def _spec(project: Path, text: str = SPEC) -> Path:
    path = project / "resources.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


def test_a_spec_applies_whole_and_the_project_suite_passes(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _spec(project)
    assert run_codemod(project, "--spec", "resources.toml", "--check").returncode == 1  # a CI gate: missing
    proc = run_codemod(project, "--spec", "resources.toml")
    assert proc.returncode == 0, proc.stderr
    assert all((project / path).is_file() for path in CREATED)
    lines = [line for line in proc.stderr.splitlines() if line.startswith("added ")]
    assert [line.split(":")[0] for line in lines] == ["added Customer", "added Order", "added Report"]
    assert "2 routes" in lines[2]  # read-only
    assert "ForeignKey(\"customers.id\")" in (project / "app/models/order.py").read_text()
    # the required key: the tests take a customer from the fixture the Customer clone added
    assert '"customer_id": customer.id' in (project / "tests/test_orders.py").read_text()

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    for tests in ("tests/test_orders.py", "tests/test_customers.py", "tests/test_reports.py", "tests/test_customers_query.py"):
        assert outcome.passed_in(tests) > 0, tests

    after = snapshot(project)
    again = run_codemod(project, "--spec", "resources.toml")
    assert again.returncode == 0 and "nothing to change" in again.stderr, again.stderr
    assert snapshot(project) == after
    assert run_codemod(project, "--spec", "resources.toml", "--check").returncode == 0


# nested under an order, which points at a customer: each row the tests make has both
NESTED_UNDER_KEYED = """\
[[resources]]
name = "Customer"
fields = ["name:str", "tier:int=1"]

[[resources]]
name = "Order"
fields = ["total:decimal", "status:enum[pending,paid]=pending", "customer_id:fk[Customer]"]

[[resources]]
name = "Line"
fields = ["qty:int", "price:decimal"]
parent = "Order"
filter = ["qty"]
action = ["bump:qty=9"]
"""


def _passed(project: Path, spec: str, marker: str) -> int:
    """The spec applied to `project`, whose suite passes: how many of its passed tests name `marker`."""
    _spec(project, spec)
    proc = run_codemod(project, "--spec", "resources.toml")
    assert proc.returncode == 0, proc.stderr
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok, outcome.explain()
    return sum(1 for line in outcome.output.splitlines() if line.startswith("PASSED") and marker in line)


def _refused(project: Path, spec: str) -> str:
    """The spec refused on `project` (exit 2, the tree untouched): the line saying why."""
    _spec(project, spec)
    before = snapshot(project)
    proc = run_codemod(project, "--spec", "resources.toml")
    assert proc.returncode == 2, proc.stderr
    assert snapshot(project) == before
    return proc.stderr.splitlines()[-1]


# how each makes rows in its tests: a fixture of the module (copied with the fixtures it asks
# for), a helper of the module posting to the create route, a conftest fixture
@pytest.mark.parametrize("fixture", ["domain_packages", "versioned_envelope", "repository_pg", "seed_async"])
def test_a_parent_with_a_required_key_of_its_own_gets_its_row_in_the_nested_tests(fixture: str, tmp_path: Path) -> None:
    # the nested tests, the filters' and the action's
    assert _passed(copy_fixture(fixture, tmp_path), NESTED_UNDER_KEYED, "_lines") >= 8


NESTED_UNDER_OWNED = """\
[[resources]]
name = "Ticket"
fields = ["title:str", "priority:int"]
rbac = "ownership"

[[resources]]
name = "Comment"
fields = ["body:str", "rating:int"]
parent = "Ticket"
filters = ["rating"]
cache = "memory"
actions = ["bump:rating=5"]
"""


# nested under a parent the batch makes owned: its rows are made for the user the tests sign in
# as (a factory passed `owner_id=user.id`, as Ticket's own tests do; a fixture of that user)
@pytest.mark.parametrize("fixture", ["legacy_orm_mode", "repository_pg", "fullstack_sqlmodel", "modular_services"])
def test_a_parent_the_batch_makes_owned_is_made_for_the_signed_in_user(fixture: str, tmp_path: Path) -> None:
    # the nested tests, the filters', the cache's and the action's
    assert _passed(copy_fixture(fixture, tmp_path), NESTED_UNDER_OWNED, "comment") >= 10


# where a nested route also signs in through a role (an admin deletes), only the parent's owner
# who is an admin could reach it, and the exemplar's tests (an admin deleting a user's row) fail
@pytest.mark.parametrize("fixture", ["seed_async", "versioned_envelope"])
def test_a_role_guarded_route_under_an_owned_parent_is_refused_in_one_line(fixture: str, tmp_path: Path) -> None:
    assert _refused(copy_fixture(fixture, tmp_path), NESTED_UNDER_OWNED).startswith(
        "batch error: Comment: convention error: --parent Ticket: its routes keep to the signed-in user's rows, "
        "and delete_comment signs in through require_role('admin') too"
    )


# the same, read-only: the route signing in through a role is left out, nothing is refused
@pytest.mark.parametrize("fixture", ["seed_async", "versioned_envelope"])
def test_a_read_only_resource_under_an_owned_parent_keeps_none_of_the_role_s_routes(fixture: str, tmp_path: Path) -> None:
    read_only = NESTED_UNDER_OWNED.replace('actions = ["bump:rating=5"]', 'methods = "read-only"')
    assert _passed(copy_fixture(fixture, tmp_path), read_only, "comment") >= 4


KEYED_TO_OWNED = """\
[[resources]]
name = "Vendor"
fields = ["name:str(2..60)!", "rating:float(0..5)?", "active:bool=true"]
rbac = "ownership"
sort = ["name"]

[[resources]]
name = "Invoice"
fields = ["vendor_id:fk[Vendor]", "amount:decimal(0..)", "due:date", "state:enum[open,closed]=open"]
filters = ["state", "due"]
actions = ["close:state=closed"]
"""


# a required key to a resource the batch makes owned: its rows are made for the signed-in user
# (`owner_id=user.id`, as its tests make them); sorted by a unique name (no tie to make: a repeat
# is a 409); the templates' update test changes a field that is no foreign key
@pytest.mark.parametrize("fixture", ["modular_services", "users_only"])
def test_a_required_key_to_an_owned_resource_and_a_sort_by_a_unique_name(fixture: str, tmp_path: Path) -> None:
    assert _passed(copy_fixture(fixture, tmp_path), KEYED_TO_OWNED, "invoice") >= 8


def test_like_naming_a_resource_the_spec_adds_is_refused_in_one_line(tmp_path: Path) -> None:
    # its options' test modules would be cloned as its own (a cache test changing a field to the
    # value it was made with)
    spec = '[[resources]]\nname = "Invoice"\nfields = ["number:str"]\ncache = "memory"\n\n'
    spec += '[[resources]]\nname = "Note"\nfields = ["title:str"]\nlike = "Invoice"\n'
    assert _refused(copy_fixture("seed_async", tmp_path), spec).startswith(
        "batch error: Note: convention error: --like Invoice: Invoice is added by this spec; a batch clones the "
        "project's own resources ("
    )


def test_the_patches_applied_in_order_give_the_write_mode_tree(tmp_path: Path) -> None:
    written = copy_fixture("seed_async", tmp_path / "written")
    _spec(written)
    assert run_codemod(written, "--spec", "resources.toml").returncode == 0

    patched = copy_fixture("seed_async", tmp_path / "patched")
    _spec(patched)
    before = snapshot(patched)
    proc = run_codemod(patched, "--spec", "resources.toml", "--patch-dir", str(tmp_path / "patches"))
    assert proc.returncode == 0, proc.stderr
    assert snapshot(patched) == before  # reviewing writes nothing
    patches = sorted((tmp_path / "patches").glob("0*.patch"))
    assert [p.name for p in patches] == ["0001-add-customer.patch", "0002-add-order.patch", "0003-add-report.patch"]
    header = patches[1].read_text().split("diff --git", 1)[0]
    assert header.startswith("# add Order (resource 2 of 3)\n# exemplar ")
    assert "# created: app/crud/order.py" in header and "# route GET /orders  (app/routers/orders.py: list_orders)" in header
    for patch in patches:
        _git(patched, "apply", str(patch))  # each on top of the ones before it (git apply needs no repository)
    assert snapshot(patched) == snapshot(written)

    again = copy_fixture("seed_async", tmp_path / "all")
    _git(again, "apply", str(tmp_path / "patches" / "all.patch"))
    assert snapshot(again) == {k: v for k, v in snapshot(written).items() if k != "resources.toml"}


def test_a_failing_resource_in_the_middle_leaves_the_project_untouched(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _spec(project, BROKEN)
    before = snapshot(project)
    proc = run_codemod(project, "--spec", "resources.toml")
    assert proc.returncode == 2
    # a line per resource planned before it, then the error, naming the resource
    assert proc.stderr.splitlines()[-1].startswith("batch error: Invoice: "), proc.stderr
    assert "nothing was written" in proc.stderr
    assert snapshot(project) == before


def test_keep_going_writes_the_resources_that_succeeded_and_lists_the_failures(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _spec(project, BROKEN)
    proc = run_codemod(project, "--spec", "resources.toml", "--keep-going")
    assert proc.returncode == 2  # something failed: not a clean run, whatever was written
    assert "Invoice: convention error: " in proc.stderr and "Invoice: failed" in proc.stderr
    assert (project / "app/models/tag.py").is_file() and not (project / "app/models/invoice.py").exists()
    assert all((project / path).is_file() for path in CREATED)


def test_keep_going_where_every_resource_fails_says_so_and_writes_nothing(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _spec(project, '[[resources]]\nname = "Invoice"\nfields = ["number:str"]\nlike = "Nothing"\n')
    before = snapshot(project)
    proc = run_codemod(project, "--spec", "resources.toml", "--keep-going")
    assert proc.returncode == 2
    assert "nothing written: 1 of 1 resources failed" in proc.stderr
    assert "every resource of the batch is in place" not in proc.stderr
    assert snapshot(project) == before


def test_keep_going_says_a_resource_keyed_to_a_failed_one_failed_for_that(tmp_path: Path) -> None:
    """Invoice fails; Payment's key to it would find no model: it fails naming Invoice instead."""
    project = copy_fixture("seed_async", tmp_path)
    _spec(project, (
        '[[resources]]\nname = "Invoice"\nfields = ["number:str"]\nlike = "Nothing"\n\n'
        '[[resources]]\nname = "Payment"\nfields = ["amount:decimal", "invoice:fk[Invoice]"]\n'
    ))
    proc = run_codemod(project, "--spec", "resources.toml", "--keep-going", "--dry-run")
    assert proc.returncode == 2
    assert "Payment: its key to Invoice, which failed above" in proc.stderr, proc.stderr


def test_from_models_serves_every_model_without_endpoints_and_names_the_others(tmp_path: Path) -> None:
    from tests.test_from_model_e2e import _add_model

    project = copy_fixture("seed_async", tmp_path)
    _add_model("seed_async", project)  # Supplier: a model, no endpoints yet
    proc = run_codemod(project, "--from-models", "app/models", "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert "Item: has endpoints already (app/models/item.py); skipped" in proc.stderr
    assert "Category: has endpoints already (app/models/category.py); skipped" in proc.stderr
    assert "+++ b/app/routers/suppliers.py" in proc.stdout and "app/models/supplier.py" not in proc.stdout


def test_from_models_takes_the_one_module_a_project_keeps_its_models_in(tmp_path: Path) -> None:
    from tests.test_from_model_e2e import _add_model

    project = copy_fixture("legacy_orm_mode", tmp_path)
    model, path = _add_model("legacy_orm_mode", project)  # Publisher, appended to app/models.py
    proc = run_codemod(project, "--from-models", path, "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert "Author: has endpoints already (app/models.py); skipped" in proc.stderr
    assert f"{model}: exemplar " in proc.stderr and "publishers" in proc.stdout


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("Order", "--spec", "resources.toml"), "--spec gives the resources: no NAME or FIELD arguments"),
        (("--from-models", "app/main.txt"), "--from-models app/main.txt: neither a directory nor a Python module"),
        (("--spec", "resources.toml", "--from-models", "app"), "--spec and --from-models cannot be combined"),
        (("Order", "--keep-going"), "--keep-going goes with --spec or --from-models"),
        (("--spec", "resources.toml", "--dry-run", "--patch-dir", "p"), "--dry-run and --patch-dir cannot be combined"),
        (("--spec", "missing.toml"), "--spec missing.toml: No such file or directory"),
        (("--from-models", "../elsewhere"), "--from-models ../elsewhere: not inside the project"),
    ],
)
def test_bad_batch_command_lines_are_one_line_errors(tmp_path: Path, args: tuple[str, ...], error: str) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _spec(project)
    before = snapshot(project)
    proc = run_codemod(project, *args)
    assert proc.returncode == 2 and error in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
    assert snapshot(project) == before


def test_from_models_where_every_model_is_served_is_in_place(tmp_path: Path) -> None:
    """A second `--from-models` (or a CI gate's `--check`) finds nothing to add: exit 0; a folder
    holding no model at all is a mistake: exit 2."""
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    for mode in ("--yes", "--check"):
        proc = run_codemod(project, "--from-models", "app/models", mode)
        assert proc.returncode == 0, proc.stderr
        assert "every model there is passed over; nothing to add" in proc.stderr
    assert snapshot(project) == before
    proc = run_codemod(project, "--from-models", "app/routers", "--yes")
    assert proc.returncode == 2 and "--from-models app/routers: no model there; nothing to add" in proc.stderr
