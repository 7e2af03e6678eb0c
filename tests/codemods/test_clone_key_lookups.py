"""KeyLookup: a new foreign key is looked up, before the row is written, as its target's get route
looks a row up; and a test posts a key naming no row."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.key_lookups import KeyLookup, add_key_lookups, add_missing_key_cases, classes_holding
from detectors.row_lookup import LookupParam, RowLookup

CATEGORY = RowLookup(
    model="Category",
    module="app/routers/categories.py",
    key="category_id",
    value="await category_crud.get_category(db, category_id)",
    negated=False,
    answer=('raise HTTPException(status_code=404, detail="Category not found")',),
    status=404,
    params=(LookupParam("db", "db: AsyncSession = Depends(get_db)", "AsyncSession", "Depends(get_db)"),),
    imports=(("HTTPException", "fastapi", "HTTPException"), ("category_crud", "app.crud", "category")),
    top_level=(),
    awaits=True,
)
ROUTES = """\
    from fastapi import APIRouter, Depends, HTTPException
    from app.database import get_db

    router = APIRouter()


    @router.post("")
    async def create_order(data: OrderCreate, db: AsyncSession = Depends(get_db)) -> Order:
        order = await order_crud.create_order(db, data)
        return order


    @router.patch("/{order_id}")
    async def update_order(order_id: int, data: OrderUpdate, db: AsyncSession = Depends(get_db)) -> Order:
        order = await order_crud.get_order(db, order_id)
        if order is None:
            raise HTTPException(status_code=404, detail="Order not found")
        return await order_crud.update_order(db, order, data)
"""
FUNCTIONS = frozenset({"create_order", "update_order"})
BODIES = {"buyer_id": frozenset({"OrderCreate", "OrderUpdate"})}


def looked_up(code: str, *keys: KeyLookup, path: str = "app/routers/orders.py"):
    module, imports, done = add_key_lookups(cst.parse_module(textwrap.dedent(code)), path, keys, FUNCTIONS, BODIES)
    compile(module.code, "after", "exec")  # a bad expectation fails loudly
    return module.code, {(i.module, i.name, i.alias) for i in imports}, done


def test_the_create_route_looks_the_key_up_first_and_the_update_route_only_a_key_sent() -> None:
    after, imports, done = looked_up(ROUTES, KeyLookup("buyer_id", False, CATEGORY, "category"))
    assert done == {"buyer_id"}
    assert textwrap.dedent("""\
        async def create_order(data: OrderCreate, db: AsyncSession = Depends(get_db)) -> Order:
            if await category_crud.get_category(db, data.buyer_id) is None:
                raise HTTPException(status_code=404, detail="Category not found")
            order = await order_crud.create_order(db, data)
    """) in after
    # after the row's own 404, before the statement writing the body
    assert textwrap.dedent("""\
            raise HTTPException(status_code=404, detail="Order not found")
        if data.buyer_id is not None and await category_crud.get_category(db, data.buyer_id) is None:
            raise HTTPException(status_code=404, detail="Category not found")
        return await order_crud.update_order(db, order, data)
    """) in textwrap.dedent(after.split("async def update_order", 1)[1].split("\n", 1)[1])
    assert imports == {("app.crud", "category", "category_crud")}  # HTTPException is imported already


def test_an_optional_key_is_looked_up_only_where_sent() -> None:
    after, _, _ = looked_up(ROUTES, KeyLookup("buyer_id", True, CATEGORY, "category"))
    create = after.split("async def create_order", 1)[1].split("async def update_order")[0]
    assert "if data.buyer_id is not None and await category_crud.get_category(db, data.buyer_id) is None:" in create


def test_a_dependency_the_route_lacks_becomes_a_parameter_named_for_the_target() -> None:
    repo = RowLookup(
        "Project", "app/api/projects.py", "project_id", "await repo.get_for_owner(project_id, current_user.id)", False,
        ('raise HTTPException(404, detail="Project not found")',), 404,
        (
            LookupParam("current_user", "current_user: User = Depends(get_current_user)", "User", "Depends(get_current_user)"),
            LookupParam("repo", "repo: ProjectRepository = Depends(get_project_repository)", "ProjectRepository",
                        "Depends(get_project_repository)",
                        (("ProjectRepository", "app.repositories", "ProjectRepository"), ("get_project_repository", "app.api.deps", "get_project_repository"))),
        ),
        (("HTTPException", "fastapi", "HTTPException"),), (), True,
    )
    code = """\
        from fastapi import HTTPException

        @router.post("")
        async def create_task(
            payload: TaskIn,
            repo: TaskRepository = Depends(get_task_repository),
            current_user: User = Depends(get_current_user),
        ) -> Task:
            return await repo.add(Task(**payload.model_dump()))
    """
    module, imports, done = add_key_lookups(
        cst.parse_module(textwrap.dedent(code)), "app/api/tasks.py", (KeyLookup("project_id", False, repo, "project"),),
        frozenset({"create_task"}), {"project_id": frozenset({"TaskIn"})},
    )
    assert done == {"project_id"}
    assert textwrap.dedent("""\
        async def create_task(
            payload: TaskIn,
            repo: TaskRepository = Depends(get_task_repository),
            current_user: User = Depends(get_current_user),
            project_repo: ProjectRepository = Depends(get_project_repository),
        ) -> Task:
            if await project_repo.get_for_owner(payload.project_id, current_user.id) is None:
                raise HTTPException(404, detail="Project not found")
    """) in module.code
    assert {(i.module, i.name) for i in imports} == {("app.repositories", "ProjectRepository"), ("app.api.deps", "get_project_repository")}


def test_keyword_only_parameters_take_the_new_one_among_them() -> None:
    found = RowLookup("Project", "m.py", "id", "session.get(Project, id)", True, ('raise HTTPException(404)',), 404,
                      (LookupParam("session", "session: SessionDep", "SessionDep", ""),), (), ("Project",), False)
    code = """\
        class Project: ...

        @router.post("/")
        def create_order(*, current_user: CurrentUser, order_in: OrderCreate) -> Any:
            return crud.create_order(order_in)
    """
    module, _, _ = add_key_lookups(cst.parse_module(textwrap.dedent(code)), "app/routes.py",
                                   (KeyLookup("project_id", False, found, "project"),), frozenset({"create_order"}),
                                   {"project_id": frozenset({"OrderCreate"})})
    assert "def create_order(*, current_user: CurrentUser, order_in: OrderCreate, session: SessionDep) -> Any:" in module.code
    assert "    if not session.get(Project, order_in.project_id):\n        raise HTTPException(404)\n" in module.code


def test_no_lookup_where_a_name_it_reads_means_something_else_here() -> None:
    code = ROUTES.replace("from app.database import get_db", "from app.database import get_db\n    from app.other import category_crud")
    after, imports, done = looked_up(code, KeyLookup("buyer_id", False, CATEGORY, "category"))
    assert done == frozenset() and "get_category" not in after and not imports


def test_no_lookup_where_no_parameter_is_a_body_carrying_the_key() -> None:
    after, _, done = looked_up(ROUTES.replace("data: OrderCreate", "data: dict"), KeyLookup("buyer_id", False, CATEGORY, "category"))
    create = after.split("async def create_order", 1)[1].split("async def update_order")[0]
    assert "get_category" not in create and done == {"buyer_id"}  # the update route's only


def test_a_route_looking_the_key_up_already_is_left_alone() -> None:
    code = ROUTES.replace(
        "        order = await order_crud.create_order(db, data)\n",
        "        if await category_crud.get_category(db, data.buyer_id) is None:\n            raise HTTPException(404)\n"
        "        order = await order_crud.create_order(db, data)\n",
    )
    after, _, _ = looked_up(code, KeyLookup("buyer_id", False, CATEGORY, "category"))
    assert after.count("get_category(db, data.buyer_id) is None") == 2  # the create's own, the update's new


def test_bodies_are_the_classes_declaring_the_key_and_those_deriving_from_them() -> None:
    schemas = "class OrderBase(BaseModel):\n    buyer_id: int\n\nclass OrderCreate(OrderBase):\n    pass\n\nclass OrderOut(BaseModel):\n    id: int\n"
    assert classes_holding([schemas], "buyer_id") == {"OrderBase", "OrderCreate"}


def test_a_create_test_posting_a_key_naming_no_row_expects_the_target_s_answer() -> None:
    code = textwrap.dedent("""\
        async def test_create_order(client, auth_headers, category):
            payload = {"total": "1.00", "buyer_id": category.id}
            response = await client.post("/orders", json=payload, headers=auth_headers)
            assert response.status_code == 201
            assert response.json()["buyer_id"] == category.id
    """)
    key = KeyLookup("buyer_id", False, CATEGORY, "category", "2**31 - 1")
    after = add_missing_key_cases(cst.parse_module(code), (key,), "order").code
    assert textwrap.dedent("""\
        async def test_create_order_buyer_id_not_found(client, auth_headers):
            payload = {"total": "1.00", "buyer_id": 2**31 - 1}
            response = await client.post("/orders", json=payload, headers=auth_headers)
            assert response.status_code == 404, response.text
    """) in after


def test_no_test_where_the_answer_says_no_status() -> None:
    code = 'def test_create_order(client):\n    r = client.post("/orders", json={"buyer_id": 1})\n    assert r.status_code == 201\n'
    from dataclasses import replace

    key = KeyLookup("buyer_id", False, replace(CATEGORY, answer=(), status=None), "category", "2**31 - 1")
    assert add_missing_key_cases(cst.parse_module(code), (key,), "order").code == code


def test_an_optional_key_the_create_test_leaves_out_is_sent() -> None:
    code = 'def test_create_order(client):\n    r = client.post("/orders", json={"total": "1.00"})\n    assert r.status_code == 201\n'
    key = KeyLookup("buyer_id", True, CATEGORY, "category", "2**31 - 1")
    after = add_missing_key_cases(cst.parse_module(code), (key,), "order").code
    assert 'r = client.post("/orders", json={"total": "1.00", "buyer_id": 2**31 - 1})\n    assert r.status_code == 404, r.text\n' in after


def test_an_optional_key_is_sent_through_the_helper_building_the_payload() -> None:
    # the templates' tests: the payload comes from a helper taking `**overrides`, and a test of
    # a refused payload (`json={}`, a 422) before the create test is no create test
    code = textwrap.dedent("""\
        def order_payload(n: int = 1, **overrides):
            payload = {"total": f"{n}2.50"}
            payload.update(overrides)
            return payload


        def test_create_order_validation_error(client):
            response = client.post("/orders", json={})
            assert response.status_code == 422


        def test_create_order(client):
            payload = order_payload()
            response = client.post("/orders", json=payload)
            assert response.status_code == 201, response.text
    """)
    key = KeyLookup("buyer_id", True, CATEGORY, "category", "2**31 - 1")
    after = add_missing_key_cases(cst.parse_module(code), (key,), "order").code
    assert textwrap.dedent("""\
        def test_create_order_buyer_id_not_found(client):
            payload = order_payload(buyer_id=2**31 - 1)
            response = client.post("/orders", json=payload)
            assert response.status_code == 404, response.text
    """) in after
    assert after.count("def test_create_order_validation_error(") == 1


def test_a_required_key_s_test_needs_a_literal_payload_posting_it() -> None:
    # a helper's payload may or may not hold a required key: nothing tells, so no test is written
    code = textwrap.dedent("""\
        def order_payload(**overrides):
            return {"total": "1.00", **overrides}


        def test_create_order(client):
            payload = order_payload()
            response = client.post("/orders", json=payload)
            assert response.status_code == 201
    """)
    key = KeyLookup("buyer_id", False, CATEGORY, "category", "2**31 - 1")
    assert add_missing_key_cases(cst.parse_module(code), (key,), "order").code == code


# fullstack_sqlmodel's Project: the get route refuses another user's project after finding it
PROJECT = RowLookup(
    model="Project",
    module="app/api/routes/projects.py",
    key="id",
    value="session.get(Project, id)",
    negated=True,
    answer=('raise HTTPException(status_code=404, detail="Project not found")',),
    status=404,
    params=(LookupParam("session", "session: SessionDep", "SessionDep", "", (("SessionDep", "app.api.deps", "SessionDep"),)),
            LookupParam("current_user", "current_user: CurrentUser", "CurrentUser", "", (("CurrentUser", "app.api.deps", "CurrentUser"),))),
    imports=(("HTTPException", "fastapi", "HTTPException"), ("Project", "app.models", "Project")),
    top_level=(),
    awaits=False,
    row="project",
    checks=(
        "if not current_user.is_superuser and (project.owner_id != current_user.id):\n"
        '    raise HTTPException(status_code=403, detail="Not enough permissions")',
    ),
)
OWNED_ROUTES = """\
@router.post("/")
def create_order(*, session: SessionDep, current_user: CurrentUser, order_in: OrderCreate) -> Any:
    order = crud.create_order(session=session, order_in=order_in, owner_id=current_user.id)
    return order


@router.patch("/{id}")
def update_order(*, session: SessionDep, current_user: CurrentUser, id: int, order_in: OrderUpdate) -> Any:
    project = "taken"
    order = session.get(Order, id)
    order.sqlmodel_update(order_in.model_dump(exclude_unset=True))
    return order
"""


def test_a_target_checking_the_row_it_found_has_the_row_bound_and_checked_too() -> None:
    key = KeyLookup("project_id", False, PROJECT, "project", "2**31 - 1")
    module, _, found = add_key_lookups(
        cst.parse_module(OWNED_ROUTES), "app/api/routes/orders.py", (key,), FUNCTIONS,
        {"project_id": frozenset({"OrderCreate", "OrderUpdate"})},
    )
    assert found == {"project_id"}
    assert textwrap.dedent("""\
        def create_order(*, session: SessionDep, current_user: CurrentUser, order_in: OrderCreate) -> Any:
            project = session.get(Project, order_in.project_id)
            if not project:
                raise HTTPException(status_code=404, detail="Project not found")
            if not current_user.is_superuser and (project.owner_id != current_user.id):
                raise HTTPException(status_code=403, detail="Not enough permissions")
            order = crud.create_order(session=session, order_in=order_in, owner_id=current_user.id)
    """) in module.code
    # the update route sends the key optionally, and binds `project` already: the row takes another name
    assert textwrap.dedent("""\
        def update_order(*, session: SessionDep, current_user: CurrentUser, id: int, order_in: OrderUpdate) -> Any:
            project = "taken"
            order = session.get(Order, id)
            if order_in.project_id is not None:
                project_row = session.get(Project, order_in.project_id)
                if not project_row:
                    raise HTTPException(status_code=404, detail="Project not found")
                if not current_user.is_superuser and (project_row.owner_id != current_user.id):
                    raise HTTPException(status_code=403, detail="Not enough permissions")
            order.sqlmodel_update(order_in.model_dump(exclude_unset=True))
    """) in module.code
