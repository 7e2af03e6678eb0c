"""--methods: parsing the choice, and leaving the other operations out of a plan."""

from __future__ import annotations

import textwrap

import pytest

from codemods.errors import SpecError
from codemods.methods import leave_out
from codemods.names import ResourceNames
from codemods.option_values import parse_methods
from codemods.plan import FileEdit


@pytest.mark.parametrize(
    ("text", "ops"),
    [
        ("crud", ("list", "get", "create", "update", "delete")),
        ("read-only", ("list", "get")),
        ("create, list,get", ("list", "get", "create")),  # always in the canonical order
    ],
)
def test_presets_and_lists_parse(text: str, ops: tuple[str, ...]) -> None:
    assert parse_methods(text) == ops


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "nothing"), ("list,destroy", "destroy"), ("update", "need get"), ("list,delete", "need get")],
)
def test_bad_choices_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(SpecError, match=reason):
        parse_methods(text)


def code(text: str) -> str:
    return textwrap.dedent(text)


CRUD = code("""\
    from app.schemas import OrderCreate, OrderRead, OrderUpdate


    def get_order(db, order_id): ...


    def create_order(db, data: OrderCreate): ...


    def update_order(db, order, data: OrderUpdate): ...
""")
SCHEMAS = code("""\
    from pydantic import BaseModel


    class OrderCreate(BaseModel):
        total: int


    class OrderUpdate(BaseModel):
        total: int | None = None


    class OrderRead(BaseModel):
        id: int
""")
ROUTER = code("""\
    from fastapi import APIRouter

    from app import crud
    from app.schemas import OrderCreate, OrderRead, OrderUpdate

    router = APIRouter()


    @router.get("/orders/{order_id}", response_model=OrderRead)
    def get_order(order_id: int):
        return crud.get_order(None, order_id)


    @router.post("/orders", response_model=OrderRead)
    def create_order(data: OrderCreate):
        return crud.create_order(None, data)


    @router.patch("/orders/{order_id}", response_model=OrderRead)
    def update_order(order_id: int, data: OrderUpdate):
        order = crud.get_order(None, order_id)
        return crud.update_order(None, order, data)
""")
TESTS = code("""\
    ORDERS = "/orders"


    def test_get_order(client, order):
        assert client.get(f"{ORDERS}/{order.id}").status_code == 200


    def test_update_order(client, order):
        assert client.patch(f"{ORDERS}/{order.id}", json={}).status_code == 200


    def test_create_order(client):
        assert client.post(ORDERS, json={"total": 1}).status_code == 201
""")
CONFTEST = code("""\
    import pytest

    from app import crud
    from app.schemas import OrderCreate


    @pytest.fixture
    def order(db):
        return crud.create_order(db, OrderCreate(total=1))
""")


def plan() -> tuple[FileEdit, ...]:
    return (
        FileEdit("app/crud.py", None, CRUD),
        FileEdit("app/schemas.py", None, SCHEMAS),
        FileEdit("app/routers/orders.py", None, ROUTER),
        FileEdit("tests/test_orders.py", None, TESTS),
        FileEdit("tests/conftest.py", "", CONFTEST),
    )


def test_every_operation_asked_for_changes_nothing() -> None:
    edits, left = leave_out(plan(), ("list", "get", "create", "update", "delete"), ResourceNames.parse("Order"))
    assert edits == plan() and not left.routes


def test_read_only_leaves_out_routes_tests_and_what_only_they_used() -> None:
    edits, left = leave_out(plan(), ("list", "get"), ResourceNames.parse("Order"))
    texts = {e.path: e.new for e in edits}
    assert left.routes == ("create_order", "update_order")
    assert set(left.tests) == {"test_update_order", "test_create_order"}
    assert left.other == ("OrderUpdate", "update_order")
    # the fixture making rows still uses the data access create and its schema: they stay
    assert left.kept_for_tests == ("create_order",)
    assert "def create_order" in texts["app/crud.py"] and "class OrderCreate" in texts["app/schemas.py"]
    assert "update_order" not in texts["app/crud.py"] and "OrderUpdate" not in texts["app/schemas.py"]
    assert texts["app/routers/orders.py"] == code("""\
        from fastapi import APIRouter

        from app import crud
        from app.schemas import OrderRead

        router = APIRouter()


        @router.get("/orders/{order_id}", response_model=OrderRead)
        def get_order(order_id: int):
            return crud.get_order(None, order_id)
    """)
    assert texts["tests/test_orders.py"] == code("""\
        ORDERS = "/orders"


        def test_get_order(client, order):
            assert client.get(f"{ORDERS}/{order.id}").status_code == 200
    """)
    # OrderRead was unused in the crud module: ruff's fix takes the imports only removed code used
    assert texts["app/crud.py"].startswith("from app.schemas import OrderCreate\n")


def test_tests_requesting_a_url_named_by_its_route_go_with_the_route() -> None:
    # templates keep the collection's URL as `app.url_path_for("list_orders")`: a POST to it creates
    tests = code("""\
        from app.main import app

        ORDERS = app.url_path_for("list_orders")


        def test_get_order(client, order):
            assert client.get(app.url_path_for("get_order", order_id=order.id)).status_code == 200


        def test_create_order(client):
            assert client.post(ORDERS, json={"total": 1}).status_code == 201
    """)
    edits = tuple(FileEdit(e.path, e.old, tests) if e.path == "tests/test_orders.py" else e for e in plan())
    edits, left = leave_out(edits, ("list", "get"), ResourceNames.parse("Order"))
    assert "test_create_order" in left.tests
    assert "def test_get_order" in next(e.new for e in edits if e.path == "tests/test_orders.py")


def test_an_item_url_built_on_a_route_named_url_is_the_route_s_item() -> None:
    tests = code("""\
        from app.main import app

        ORDERS = app.url_path_for("list_orders")


        def test_update_order_not_found(client):
            assert client.patch(f"{ORDERS}/999", json={}).status_code == 404
    """)
    edits = tuple(FileEdit(e.path, e.old, tests) if e.path == "tests/test_orders.py" else e for e in plan())
    _, left = leave_out(edits, ("list", "get"), ResourceNames.parse("Order"))
    assert "test_update_order_not_found" in left.tests
