"""Tests written from a cloned router's routes, for an exemplar that has no tests of its own."""

from __future__ import annotations

import textwrap

from codemods.clone.required_fk import RequiredKey, set_required_keys
from codemods.clone.route_tests import Route, headers_sent, routes_of, write_tests
from codemods.names import ResourceNames
from codemods.plan import FileEdit
from codemods.spec import parse_resource
from detectors.conventions import TestsFinding as Setup

ROUTER = textwrap.dedent(
    """\
    router = APIRouter()

    @router.post("/order", dependencies=[Depends(get_current_superuser)], status_code=201)
    async def write_order(order: OrderCreate, db=Depends(get_db)): ...

    @router.get("/order/{id}")
    async def read_order(id: int, db=Depends(get_db)): ...

    @router.delete("/order/{id}", status_code=status.HTTP_204_NO_CONTENT)
    async def erase_order(id: int, current_user: User = Depends(get_current_user)): ...

    @router.patch("/order/{id}")
    async def patch_order(id: int, user=Depends(require_role("admin"))): ...
    """
)
SYNC = Setup(client="testclient", client_fixture="client")


def test_routes_are_read_with_their_guards_and_the_users_they_need() -> None:
    routes = {r.function: r for r in routes_of(ROUTER, "get_current_user", "current_user")}
    assert routes["write_order"] == Route(
        "write_order", "post", "create", None, 201, ("get_current_superuser",), ()
    )
    assert routes["read_order"] == Route("read_order", "get", "get", "id", 200, (), ())
    assert routes["erase_order"].status == 204 and routes["erase_order"].users == (
        "get_current_user",
    )
    assert routes["patch_order"].users == ("require_role('admin')",)


def test_guards_are_lifted_by_override_and_routes_needing_an_unknown_user_are_named() -> None:
    spec = parse_resource("Order", ("total:decimal", "note:text?"))
    routes = routes_of(ROUTER, "get_current_user", "current_user")
    text, note = write_tests(
        routes,
        ResourceNames.parse("Order"),
        spec.fields,
        "app.api.orders",
        ("app.main", "app"),
        SYNC,
        "int",
    )
    assert text is not None
    assert "from app.api.orders import get_current_superuser" in text
    assert "app.dependency_overrides[get_current_superuser] = lambda: None" in text
    assert 'client.post(app.url_path_for("write_order"), json=PAYLOAD)' in text
    assert 'client.get(app.url_path_for("read_order", id=str(999999999)))' in text
    assert "def test_create_order_needs_credentials(client):" in text
    assert note.endswith(
        "untested (no fixture signs in the user they need): erase_order, patch_order"
    )


def test_a_header_fixture_signs_in_the_user_a_route_reads() -> None:
    spec = parse_resource("Order", ("total:decimal",))
    tests = Setup(
        client="testclient",
        client_fixture="client",
        fixture_for=(("get_current_user", "auth_headers"),),
    )
    routes = routes_of(ROUTER, "get_current_user", "current_user")
    text, note = write_tests(
        routes,
        ResourceNames.parse("Order"),
        spec.fields,
        "app.api.orders",
        ("app.main", "app"),
        tests,
        "int",
    )
    assert "def test_delete_order(client, auth_headers, guards_off):" in text
    assert (
        'client.delete(app.url_path_for("erase_order", id=str(key)), headers=auth_headers)' in text
    )
    assert "erase_order" not in note


def test_the_module_imports_what_its_tests_use_one_blank_line_between_sections() -> None:
    """pytest is imported for a fixture (the guards' override), not for tests that use none: an
    import dropped afterwards by the unused-import fix left two blank lines in the block."""
    spec = parse_resource("Order", ("total:decimal",))
    routes = routes_of(ROUTER, "get_current_user", "current_user")
    guarded, _ = write_tests(routes, ResourceNames.parse("Order"), spec.fields, "app.api.orders", ("app.main", "app"), SYNC, "int")
    assert guarded is not None
    assert guarded.startswith("import pytest\n\nfrom app.api.orders import get_current_superuser\nfrom app.main import app\n\nPAYLOAD")
    plain, _ = write_tests(routes_of(BY_NUMBER, None), ResourceNames.parse("Invoice"), parse_resource("Invoice", ("memo:str",)).fields, "app.api.invoices", ("app.main", "app"), SYNC, "int")
    assert plain is not None and "pytest" not in plain
    assert plain.startswith("from app.main import app\n\nPAYLOAD")


def test_a_required_key_reaches_every_row_the_tests_post() -> None:
    """The module's rows live in PAYLOAD, at module level: each test posting one sends it with
    the key, and the one comparing a field of it reads PAYLOAD as it is."""
    spec = parse_resource("Order", ("total:decimal", "note:text?", "customer_id:fk[Customer]"))
    text, _ = write_tests(routes_of(ROUTER, "get_current_user", "current_user"), ResourceNames.parse("Order"), spec.fields, "app.api.orders", ("app.main", "app"), SYNC, "int")
    assert text is not None
    key = RequiredKey("customer_id", "customer", "id", "Order", frozenset({"total"}), frozenset({"total", "note"}), "")
    (edit,) = set_required_keys((FileEdit("tests/test_orders.py", None, text),), (key,))
    assert "def test_create_order(client, guards_off, customer):" in edit.new
    assert edit.new.count('json={**PAYLOAD, "customer_id": customer.id}') == 3  # create, credentials, read
    assert 'assert body["note"] == PAYLOAD["note"]' in edit.new
    assert "def test_read_missing_order_returns_404(client):" in edit.new


def test_the_headers_sent_are_a_test_s_fixture_not_a_helper_s_parameter() -> None:
    helper_only = textwrap.dedent(
        """\
        def create(client, headers, **changes):
            return client.post("/orders", json=changes, headers=headers)


        def test_create(client):
            create(client, None, total=1)
        """
    )
    assert headers_sent(helper_only) is None
    signed_in = helper_only + "\n\ndef test_list(client, user_headers):\n    client.get('/orders', headers=user_headers)\n"
    assert headers_sent(signed_in) == "user_headers"


def test_no_app_instance_means_no_tests_and_says_why() -> None:
    spec = parse_resource("Order", ("total:decimal",))
    text, note = write_tests(
        routes_of(ROUTER, None), ResourceNames.parse("Order"), spec.fields, "m", None, SYNC, "int"
    )
    assert text is None and note == "no tests: no module-level app instance for tests to import"


def test_a_bounded_field_gets_a_sample_inside_and_a_422_test_one_past_its_bounds() -> None:
    spec = parse_resource("Order", ("name:str(3..5)", "qty:int(1..)"))
    routes = routes_of(ROUTER, "get_current_user", "current_user")
    text, _ = write_tests(
        routes, ResourceNames.parse("Order"), spec.fields, "app.api.orders", ("app.main", "app"), SYNC, "int"
    )
    assert text is not None
    assert 'PAYLOAD = {"name": "namex", "qty": 3}' in text
    assert "def test_create_order_name_out_of_bounds(client, guards_off):" in text
    assert 'json={**PAYLOAD, "name": "xxxxxx"})' in text


BY_NUMBER = textwrap.dedent(
    """\
    router = APIRouter()

    @router.post("/invoice", status_code=201)
    async def write_invoice(invoice: InvoiceCreate, db=Depends(get_db)): ...

    @router.get("/invoice/{number}")
    async def read_invoice(number: str, db=Depends(get_db)): ...

    @router.patch("/invoice/{number}")
    async def patch_invoice(number: str, values: InvoiceUpdate, db=Depends(get_db)): ...
    """
)


def test_a_route_naming_its_row_by_a_field_is_requested_by_that_field() -> None:
    """`/invoice/{number}` (the exemplar looked rows up by their unique name): the tests request
    the row by its number, and change another field than the one its URL holds."""
    spec = parse_resource("Invoice", ("number:str!", "memo:str"))
    text, _ = write_tests(routes_of(BY_NUMBER, None), ResourceNames.parse("Invoice"), spec.fields, "app.api.invoices", ("app.main", "app"), SYNC, "int")
    assert text is not None
    assert 'key = created.json()["number"]' in text and 'created.json()["id"]' not in text
    assert 'client.get(app.url_path_for("read_invoice", number=str(key)))' in text
    assert 'assert response.json()["number"] == key' in text
    assert 'json={"memo": "memo two"}' in text and '{"number": "number two"}' not in text


def test_each_row_posted_gets_fresh_values_for_its_unique_fields() -> None:
    """The tests share one database: the second row posted with the same unique value would be
    refused as a duplicate."""
    spec = parse_resource("Invoice", ("number:str!", "memo:str"))
    text, _ = write_tests(routes_of(BY_NUMBER, None), ResourceNames.parse("Invoice"), spec.fields, "app.api.invoices", ("app.main", "app"), SYNC, "int")
    assert text is not None
    assert text.startswith("from uuid import uuid4\n\nfrom app.main import app\n\nPAYLOAD = ")  # no fixture: no pytest
    fresh = '{**PAYLOAD, "number": f"number one {uuid4().hex[:8]}"}'
    assert f"    payload = {fresh}\n" in text and 'assert body["number"] == payload["number"]' in text
    assert text.count(f"created = client.post(app.url_path_for(\"write_invoice\"), json={fresh})") == 2
    compile(text, "test_invoices.py", "exec")


def test_a_unique_field_of_bounded_length_gets_a_fresh_value_that_fits() -> None:
    spec = parse_resource("Invoice", ("number:str(3..12)!", "memo:str"))
    text, _ = write_tests(routes_of(BY_NUMBER, None), ResourceNames.parse("Invoice"), spec.fields, "app.api.invoices", ("app.main", "app"), SYNC, "int")
    assert text is not None and '{**PAYLOAD, "number": uuid4().hex[:8]}' in text
