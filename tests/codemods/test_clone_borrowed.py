"""borrowed and Borrow: a test module's helper or fixture, copied with what it reads into a module
that cannot import it."""

from __future__ import annotations

import ast
import textwrap

import libcst as cst
import pytest

from codemods.clone.borrowed import Borrow, borrowed, lend
from codemods.errors import ConventionError
from codemods.imports import Import
from detectors.project import ModuleInfo, module_name

SOURCE = '''\
import uuid

import pytest
from httpx import AsyncClient

URL = "/api/v2/customers"
OTHER = "/api/v2/elsewhere"


def make_customer(client, headers, **overrides) -> dict:
    payload = {"name": f"C-{uuid.uuid4().hex[:8]}"} | overrides
    return client.post(URL, json=payload, headers=headers).json()["data"]


def test_create(client: AsyncClient):
    pass
'''


def module_info(source: str, path: str) -> ModuleInfo:
    return ModuleInfo(path, module_name(path), source, ast.parse(source))


def test_the_helper_comes_with_the_constant_it_reads_and_its_imports() -> None:
    loan = borrowed(module_info(SOURCE, "tests/api/test_customers.py"), "make_customer")
    assert loan.names == ("URL", "make_customer")  # not OTHER, not the tests
    assert loan.imports == (Import("uuid"),)


def test_the_module_gets_what_it_lacks_before_its_first_function_once() -> None:
    loan = borrowed(module_info(SOURCE, "tests/api/test_customers.py"), "make_customer")
    before = textwrap.dedent('''\
        import uuid

        URL = "/api/v2/orders"


        def test_create_order(client, user_headers):
            pass
        ''')
    after = cst.parse_module(before).visit(Borrow(loan)).code
    compile(after, "after", "exec")
    # its own URL stays, and the helper posts where it did: the value is written in
    assert after.count("URL = ") == 1
    assert 'client.post("/api/v2/customers", json=payload' in after
    assert after.index("def make_customer(") < after.index("def test_create_order(")
    assert cst.parse_module(after).visit(Borrow(loan)).code == after  # a second run adds nothing


def test_a_function_both_define_otherwise_is_a_clash() -> None:
    source = "def base():\n    return 1\n\n\ndef make_customer(client):\n    return base()\n"
    loan = borrowed(module_info(source, "tests/test_customers.py"), "make_customer")
    borrow = Borrow(loan)
    cst.parse_module("def base():\n    return 2\n\n\ndef test_x():\n    pass\n").visit(borrow)
    assert borrow.clashes == ["base"]


def test_a_fixture_comes_with_its_decorator() -> None:
    source = "import pytest\n\n\n@pytest.fixture\nasync def customer(session):\n    return Customer(name='n')\n"
    loan = borrowed(module_info(source, "tests/test_customers.py"), "customer")
    assert loan.code == ("@pytest.fixture\nasync def customer(session):\n    return Customer(name='n')",)
    assert loan.imports == (Import("pytest"),)


def test_a_fixture_comes_with_the_fixtures_its_parameters_name() -> None:
    source = textwrap.dedent(
        """\
        import pytest


        @pytest.fixture
        def customer(db):
            return make(db)


        @pytest.fixture
        def order(db, customer):
            return Order(total=1)


        def helper(customer):
            return customer
        """
    )
    info = module_info(source, "tests/test_orders.py")
    assert borrowed(info, "order").names == ("customer", "order")  # pytest hands it `customer`
    assert borrowed(info, "helper").names == ("helper",)  # a helper's parameter is its caller's


def test_lend_copies_what_the_module_lacks_and_refuses_a_name_it_defines_otherwise() -> None:
    loan = borrowed(module_info(SOURCE, "tests/api/test_customers.py"), "make_customer")
    lent = lend(cst.parse_module("def test_order(client):\n    pass\n"), loan, lambda name: f"clash: {name}")
    assert "def make_customer(client, headers, **overrides) -> dict:" in lent.code
    clashing = cst.parse_module("def make_customer(client):\n    return None\n")
    with pytest.raises(ConventionError, match="clash: make_customer"):
        lend(clashing, loan, lambda name: f"clash: {name}")
