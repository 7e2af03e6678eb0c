"""The FastAPI tutorial's `sql_app` layout: endpoints on the app, one crud/models/schemas module
each, names referred to through their modules (`schemas.User`), pydantic v1 `orm_mode`, and a
read schema named like its model. Generated code must follow it and work end to end."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tests.harness import ORDER, run, run_codemod, run_project_tests, snapshot

SAMPLE = Path(__file__).parent / "sample_projects" / "tutorial_sql_app"
RESOURCE = ORDER
SMOKE = """
from fastapi.testclient import TestClient
from sql_app.main import app

client = TestClient(app)
created = client.post("/orders/", json={"total": "9.99", "customer_name": "Ada"})
assert created.status_code == 201, created.text
order_id = created.json()["id"]
assert client.get(f"/orders/{order_id}").json()["status"] == "pending"
assert client.get("/orders/", params={"skip": 0, "limit": 1}).status_code == 200
assert client.get("/orders/", params={"limit": 101}).status_code == 422
patched = client.patch(f"/orders/{order_id}", json={"note": "ring twice"})
assert patched.json()["note"] == "ring twice" and patched.json()["customer_name"] == "Ada"
assert client.delete(f"/orders/{order_id}").status_code == 204
assert client.get(f"/orders/{order_id}").status_code == 404
print("ok")
"""


def test_tutorial_layout_gets_qualified_working_code(tmp_path: Path) -> None:
    project = tmp_path / "tutorial_sql_app"
    shutil.copytree(SAMPLE, project)
    before = snapshot(project)

    proc = run_codemod(project, *RESOURCE)
    assert proc.returncode == 0, proc.stderr
    assert "tests not generated" not in proc.stderr
    after = snapshot(project)
    assert {p for p in before if before[p] != after.get(p)} == {
        "sql_app/models.py",
        "sql_app/schemas.py",
        "sql_app/crud.py",
        "sql_app/main.py",
    }
    assert set(after) - set(before) == {"tests/test_orders.py"}

    main = (project / "sql_app/main.py").read_text()
    crud = (project / "sql_app/crud.py").read_text()
    assert "response_model=schemas.Order)" in main and "crud.create_order(db" in main
    assert "-> models.Order:" in crud and ".dict(exclude_unset=True)" in crud
    assert "from .schemas import" not in main, "names are referred to through their modules here"
    schemas = (project / "sql_app/schemas.py").read_text()
    assert "class Config:\n        orm_mode = True" in schemas
    assert "note: Union[str, None] = None" in schemas, "the project spells optionals Union[X, None]"

    smoke = run(project, sys.executable, "-c", SMOKE)
    assert smoke.returncode == 0 and smoke.stdout.strip() == "ok", smoke.stderr
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok and outcome.passed_in("tests/test_orders.py") >= 9, outcome.explain()


def test_tests_whose_client_is_built_at_module_level_get_one_built_the_same_way(tmp_path: Path) -> None:
    """The tutorial's tests build their client at module level, after an engine of their own and
    a dependency override: no fixture hands one out. The new module builds its client as the
    project's does, its tests call it by name and take nothing, unannotated as the project's are,
    and its list test pages past the rows the module's other tests left in their one database."""
    project = tmp_path / "tutorial_sql_app"
    shutil.copytree(SAMPLE, project)
    proc = run_codemod(project, *RESOURCE)
    assert proc.returncode == 0, proc.stderr
    tests = (project / "tests/test_orders.py").read_text()
    assert "app.dependency_overrides[get_db] = override_get_db\nclient = TestClient(app)\n" in tests
    assert "from sql_app.main import app, get_db" in tests
    assert "def test_create_order():" in tests and "def create_order(client, n=1):" in tests
    assert 'before = len(response.json())' in tests and '"skip": before + 2' in tests
    outcome = run_project_tests(project, "-rA")
    assert outcome.ok and outcome.passed_in("tests/test_orders.py") >= 9, outcome.explain()
    assert outcome.passed_in("tests/test_users.py") == 1, outcome.explain()
