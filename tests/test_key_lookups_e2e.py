"""A new foreign key is looked up before the row is written, as its target's get route looks a row
up, and the project's suite with the generated tests passes; where no get route of the target
finds a row in a way to copy, the plan says so.

seed_async's Item looks its `category_id` up before writing (a 404 for a category that does not
exist); a clone keeping that field keeps the lookup. A key the clone writes afresh gets the
lookup of its target's get route, with the dependencies and imports that needs, and a test
posting a key naming no row. A key the server sets (the owner) and a nested resource's key to
its parent (taken from the path, the parent looked up) are not the client's to get wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import copy_fixture, run_codemod, suite_passes

NOTE = "not looked up before the row is written"


def _planned(tmp_path: Path, *args: str, fixture: str = "seed_async"):
    project = copy_fixture(fixture, tmp_path)
    proc = run_codemod(project, *args, "--dry-run")
    assert proc.returncode == 0, proc.stderr
    return proc


def _written(tmp_path: Path, fixture: str, *args: str) -> Path:
    project = copy_fixture(fixture, tmp_path)
    proc = run_codemod(project, *args, "--yes")
    assert proc.returncode == 0, proc.stderr
    assert NOTE not in proc.stderr
    return project


def _suite_passes(project: Path) -> None:
    # every suite here runs on SQLite and must pass; repository_pg's needs PostgreSQL
    suite_passes(project, postgres=project.name == "repository_pg")


def test_new_keys_are_looked_up_as_their_targets_get_routes_do(tmp_path: Path) -> None:
    project = _written(tmp_path, "seed_async", "Order", "total:decimal", "buyer_id:fk[User]", "note_id:fk[Item]?", "--like", "Item")
    routes = (project / "app/routers/orders.py").read_text()
    create = routes.split("async def create_order", 1)[1].split("async def update_order")[0]
    assert "if await user_crud.get_user(db, data.buyer_id) is None:" in create
    assert "if data.note_id is not None and await item_crud.get_item(db, data.note_id) is None:" in create
    update = routes.split("async def update_order", 1)[1]
    assert "data.buyer_id is not None and await user_crud.get_user(db, data.buyer_id) is None" in update
    assert "from app.crud import user as user_crud" in routes
    tests = (project / "tests/test_orders.py").read_text()
    assert "async def test_create_order_buyer_id_not_found(" in tests
    assert "async def test_create_order_note_id_not_found(" in tests
    _suite_passes(project)


def test_a_target_whose_rows_are_each_user_s_is_looked_up_among_the_signed_in_user_s(tmp_path: Path) -> None:
    # repository_pg: Project's get route finds a row with `repo.get_for_owner(project_id, current_user.id)`;
    # its first revision creates users and projects both: the new one creates tasks alone
    project = _written(tmp_path, "repository_pg", "Task", "title:str", "done:bool?", "project_id:fk[Project]", "--like", "Project")
    routes = (project / "app/api/v1/endpoints/tasks.py").read_text()
    assert "project_repo: ProjectRepository = Depends(get_project_repository)" in routes
    assert "if await project_repo.get_for_owner(payload.project_id, current_user.id) is None:" in routes
    tests = (project / "tests/test_tasks.py").read_text()
    assert "other_project = await create_project(client, other_auth_headers)" in tests  # a row the other user may use
    revision = next((project / "alembic/versions").glob("0003_*.py")).read_text()
    assert 'op.create_table(\n        "tasks"' in revision and '"users"' not in revision.split("def upgrade", 1)[1].split("ForeignKeyConstraint")[0]
    _suite_passes(project)


def test_a_service_call_raising_where_there_is_no_row_is_called_first(tmp_path: Path) -> None:
    project = _written(tmp_path, "modular_services", "Tag", "label:str", "collection_id:fk[Collection]")
    routes = (project / "app/modules/tags/routes.py").read_text()
    assert "collection_service: CollectionServiceDep" in routes
    assert "    await collection_service.get(user, data.collection_id)\n" in routes
    # the status, which the service raises, is the one Collection's tests expect of a missing row
    tests = (project / "tests/modules/test_tags.py").read_text()
    assert "async def test_create_tag_collection_id_not_found(" in tests
    _suite_passes(project)


def test_a_key_whose_target_finds_its_row_otherwise_is_named_as_not_looked_up(tmp_path: Path) -> None:
    # domain_packages: the get route takes the row from a dependency (`Depends(valid_product_id)`)
    proc = _planned(tmp_path, "Order", "total:decimal", "product_id:fk[Product]", fixture="domain_packages")
    notes = [line.strip() for line in proc.stderr.splitlines() if NOTE in line]
    assert len(notes) == 1 and notes[0].startswith(f"{NOTE}: product_id (")
    assert "product_id_not_found" not in proc.stdout


def test_a_key_the_exemplar_looks_up_keeps_its_lookup_and_no_note(tmp_path: Path) -> None:
    proc = _planned(tmp_path, "Order", "total:decimal", "category_id:fk[Category]", "--like", "Item")
    assert NOTE not in proc.stderr
    assert "await category_crud.get_category(db, data.category_id) is None" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("Order", "total:decimal", "owner:fk[User]", "--like", "Item"),  # set from the signed-in user
        ("Review", "body:str", "item_id:fk[Item]", "--parent", "Item"),  # the path's, the parent looked up
    ],
    ids=["server-set", "parent"],
)
def test_keys_clients_do_not_send_get_no_note(tmp_path: Path, args: tuple[str, ...]) -> None:
    assert NOTE not in _planned(tmp_path, *args).stderr


def test_a_read_only_resource_stores_no_key_and_gets_no_note(tmp_path: Path) -> None:
    proc = _planned(tmp_path, "Order", "total:decimal", "product_id:fk[Product]", "--methods", "list,get", fixture="domain_packages")
    assert NOTE not in proc.stderr


USER_BY_ID = '''

@router.get("/{user_id}", response_model=UserPublic, dependencies=[Depends(get_current_superuser)])
def read_user(session: SessionDep, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="User not found")
    return user
'''


def test_a_resource_written_from_templates_looks_its_keys_up_too(tmp_path: Path) -> None:
    # users_only has nothing to clone; given a route finding a user by id, the templates' routes
    # look the key up as it does, and their tests post a key naming no user
    project = copy_fixture("users_only", tmp_path)
    users = project / "app/api/routes/users.py"
    users.write_text(users.read_text() + USER_BY_ID)
    proc = run_codemod(project, "Order", "total:decimal", "buyer_id:fk[User]?", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "using templates" in proc.stderr and NOTE not in proc.stderr
    routes = (project / "app/api/routes/orders.py").read_text()
    assert routes.count("if data.buyer_id is not None and session.get(User, data.buyer_id) is None:") == 2
    tests = (project / "tests/api/test_orders.py").read_text()
    assert "payload = order_payload(buyer_id=2**31 - 1)" in tests
    _suite_passes(project)


def test_a_resource_written_from_templates_names_a_key_it_does_not_look_up(tmp_path: Path) -> None:
    proc = _planned(tmp_path, "Order", "total:decimal", "buyer_id:fk[User]?", fixture="users_only")
    assert "using templates" in proc.stderr
    notes = [line.strip() for line in proc.stderr.splitlines() if NOTE in line]
    assert len(notes) == 1 and notes[0].startswith(f"{NOTE}: buyer_id (")


def test_a_target_refusing_another_user_s_row_refuses_it_as_a_key_too(tmp_path: Path) -> None:
    # fullstack_sqlmodel: Project's get route answers 403 to another user's project after finding
    # it; the key is looked up and checked so, and the tests' projects are their signer's
    project = _written(tmp_path, "fullstack_sqlmodel", "Order", "total:decimal", "project_id:fk[Project]")
    routes = (project / "app/api/routes/orders.py").read_text()
    create = routes.split("def create_order(", 1)[1].split("\n@router")[0]
    assert "project = session.get(Project, order_in.project_id)" in create
    assert "if not current_user.is_superuser and (project.owner_id != current_user.id):" in create
    tests = (project / "tests/api/routes/test_orders.py").read_text()
    assert "create_random_project(db, owner_id=normal_user.id)" in tests
    _suite_passes(project)
