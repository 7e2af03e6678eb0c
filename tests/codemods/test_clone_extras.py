"""drop_extras: what the exemplar has only because of fields the new resource lacks goes."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.extras import drop_extras
from codemods.names import ResourceNames, spelling_pattern

ORDER = spelling_pattern(ResourceNames.parse("Order"))
USER = spelling_pattern(ResourceNames.parse("User"))
WAREHOUSE = spelling_pattern(ResourceNames.parse("Warehouse"))


def code(text: str) -> str:
    return textwrap.dedent(text)


def drop(before: str, fields: set[str], **options) -> str:
    module, _ = drop_extras(cst.parse_module(code(before)), fields, **options)
    return module.code


def gone(before: str, fields: set[str], **options) -> set[str]:
    """The names of the definitions and module-level names that went."""
    _, names = drop_extras(cst.parse_module(code(before)), fields, **options)
    return set(names)


# -- definitions ------------------------------------------------------------------------------


def test_a_definition_named_for_a_dropped_field_goes_with_the_calls_to_it() -> None:
    before = """\
        from app.db import save


        def get_order_by_sku(db, sku):
            return db.get(sku)


        def create_order(db, data):
            existing = get_order_by_sku(db, data.key)
            return save(db, data)
    """
    after = """\
        from app.db import save


        def create_order(db, data):
            return save(db, data)
    """
    assert drop(before, {"sku"}) == code(after)
    assert gone(before, {"sku"}) == {"get_order_by_sku"}


def test_a_definition_validating_a_dropped_field_goes() -> None:
    before = """\
        from pydantic import BaseModel, field_validator


        class OrderCreate(BaseModel):
            total: int

            @field_validator("sku")
            @classmethod
            def check_code(cls, v):
                return v.strip()
    """
    after = """\
        from pydantic import BaseModel, field_validator


        class OrderCreate(BaseModel):
            total: int
    """
    assert drop(before, {"sku"}) == code(after)


def test_a_function_emptied_to_pass_by_the_drops_goes_with_the_calls_to_it() -> None:
    before = """\
        from app.db import save


        def validate_order(data):
            if data.sku is not None:
                check(data.sku)


        def create_order(db, data):
            validate_order(data)
            return save(db, data)
    """
    after = """\
        from app.db import save


        def create_order(db, data):
            return save(db, data)
    """
    assert drop(before, {"sku"}) == code(after)
    assert gone(before, {"sku"}) == {"validate_order"}


def test_a_function_that_was_only_pass_before_stays() -> None:
    before = """\
        def hook(data):
            pass
    """
    assert drop(before, {"sku"}) == code(before)


def test_a_definition_named_for_the_resource_and_another_one_goes() -> None:
    before = """\
        from app.tests.utils import make_user


        def test_delete_order_cascades_users(client):
            client.delete("/orders/1")


        def test_delete_order(client):
            client.delete("/orders/1")
    """
    after = """\
        from app.tests.utils import make_user


        def test_delete_order(client):
            client.delete("/orders/1")
    """
    assert drop(before, {"sku"}, own=ORDER, others=(USER,)) == code(after)


def test_a_definition_named_for_a_resource_whose_foreign_key_was_dropped_goes() -> None:
    before = """\
        import pytest


        @pytest.fixture
        def warehouse(db):
            return make_warehouse(db)


        def test_create_order(client):
            client.post("/orders")
    """
    after = """\
        import pytest


        def test_create_order(client):
            client.post("/orders")
    """
    assert drop(before, {"warehouse_id"}, unlinked=(WAREHOUSE,)) == code(after)


def test_a_touched_test_expecting_422_goes_its_invalid_payload_is_valid_now() -> None:
    before = """\
        def test_create_order(client):
            assert client.post("/orders", json={"total": 3}).status_code == 200


        def test_create_order_invalid(client):
            assert client.post("/orders", json={"total": 3}).status_code == 422
    """
    after = """\
        def test_create_order(client):
            assert client.post("/orders", json={"total": 3}).status_code == 200
    """
    touched = {"test_create_order", "test_create_order_invalid"}
    assert drop(before, {"sku"}, touched=touched) == code(after)


# -- statements -------------------------------------------------------------------------------


def test_a_statement_reading_a_dropped_field_goes_alone() -> None:
    before = """\
        def create_order(db, data):
            if data.sku:
                check(data.sku)
            return save(db, data)
    """
    after = """\
        def create_order(db, data):
            return save(db, data)
    """
    assert drop(before, {"sku"}) == code(after)


def test_a_dependency_parameter_used_only_by_dropped_code_goes() -> None:
    before = """\
        @router.post("/")
        def create_order(
            data: OrderCreate,
            db: Session = Depends(get_db),
            repo: Repo = Depends(get_repo),
        ):
            if repo.exists(email=data.email):
                raise HTTPException(400, "taken")
            return save(db, data)
    """
    after = """\
        @router.post("/")
        def create_order(
            data: OrderCreate,
            db: Session = Depends(get_db),
        ):
            return save(db, data)
    """
    assert drop(before, {"email"}) == code(after)


def test_a_plain_parameter_stays_its_callers_pass_it() -> None:
    before = """\
        def create_order(db, data, repo):
            if repo.exists(email=data.email):
                raise ValueError("taken")
            return save(db, data)
    """
    after = """\
        def create_order(db, data, repo):
            return save(db, data)
    """
    assert drop(before, {"email"}) == code(after)


def test_a_message_naming_the_resource_and_a_dropped_field_loses_the_field() -> None:
    before = """\
        def create_order(db, data):
            if crud.get_order(db, key=data.key):
                raise HTTPException(400, "Order with this email already exists")
            return save(db, data)
    """
    after = """\
        def create_order(db, data):
            if crud.get_order(db, key=data.key):
                raise HTTPException(400, "Order already exists")
            return save(db, data)
    """
    assert drop(before, {"email"}, own=ORDER) == code(after)


def test_a_dropped_field_is_found_in_a_message_whatever_its_case() -> None:
    before = """\
        def create_order(db, data):
            raise HTTPException(409, "Order SKU already exists")
    """
    after = """\
        def create_order(db, data):
            raise HTTPException(409, "Order already exists")
    """
    assert drop(before, {"sku"}, own=ORDER) == code(after)


def test_a_message_not_naming_the_resource_keeps_its_words() -> None:
    before = """\
        def notify(user):
            send(user, "User with this email already exists")
    """
    assert drop(before, {"email"}, own=ORDER) == code(before)


# -- names bound by what went -----------------------------------------------------------------


def test_a_local_named_for_a_dropped_field_that_nothing_reads_goes() -> None:
    before = """\
        def test_create_order(client):
            title = random_lower_string()
            r = client.post("/orders", json={"total": 3})
            assert r.status_code == 200
    """
    after = """\
        def test_create_order(client):
            r = client.post("/orders", json={"total": 3})
            assert r.status_code == 200
    """
    assert drop(before, {"title"}) == code(after)


def test_an_awaited_action_whose_result_only_dropped_asserts_read_still_happens() -> None:
    """`result = await use_case.execute(...)` does its work whatever it returns: once the asserts
    on `result.title` go, the call stays (the test still checks its commit); a GET whose
    response only they read goes, it changes nothing."""
    before = """\
        async def test_update_order(use_case, client, uow):
            result = await use_case.execute(order_id=1, data=OrderUpdate(total=3))
            unchanged = await client.get("/orders/1")
            assert result.title == "New"
            assert unchanged.json()["title"] == "Old"
            uow.commit.assert_awaited_once()
    """
    after = """\
        async def test_update_order(use_case, uow):
            await use_case.execute(order_id=1, data=OrderUpdate(total=3))
            uow.commit.assert_awaited_once()
    """
    assert drop(before, {"title"}) == code(after)


def test_a_local_named_for_a_dropped_field_goes_with_the_statements_reading_the_field() -> None:
    before = """\
        def test_create_order(client):
            title = random_lower_string()
            client.post("/orders", json={"title": title, "total": 3})
            client.get("/orders")
    """
    after = """\
        def test_create_order(client):
            client.get("/orders")
    """
    assert drop(before, {"title"}) == code(after)


def test_a_local_named_for_a_dropped_field_that_is_still_read_stays() -> None:
    before = """\
        def test_create_order(client):
            title = random_lower_string()
            r = client.post("/orders", json={"name": title})
            assert r.status_code == 200
    """
    assert drop(before, {"title"}) == code(before)


def test_a_module_level_assignment_named_for_a_dropped_field_stays() -> None:
    before = """\
        title = random_lower_string()


        def test_read_orders(client):
            assert client.get("/orders").json() == []
    """
    assert drop(before, {"title"}) == code(before)


def test_a_module_level_name_bound_by_a_dropped_statement_goes_everywhere() -> None:
    before = """\
        from app.tests.utils import random_lower_string

        DEFAULTS = {"sku": random_lower_string(), "total": 3}


        def make_order(client):
            return client.post("/orders", json=DEFAULTS)


        def test_read_orders(client):
            assert client.get("/orders").status_code == 200
    """
    after = """\
        from app.tests.utils import random_lower_string


        def test_read_orders(client):
            assert client.get("/orders").status_code == 200
    """
    assert drop(before, {"sku"}) == code(after)
    assert gone(before, {"sku"}) == {"DEFAULTS", "make_order"}


def test_a_local_bound_by_a_dropped_statement_goes_only_within_its_function() -> None:
    before = """\
        def test_create_order(client):
            r = client.post("/orders", json={"total": 3, "sku": "x"})
            assert r.status_code == 200
            client.get("/orders")


        def test_read_orders(client):
            r = client.get("/orders")
            assert r.status_code == 200
    """
    after = """\
        def test_create_order(client):
            client.get("/orders")


        def test_read_orders(client):
            r = client.get("/orders")
            assert r.status_code == 200
    """
    assert drop(before, {"sku"}) == code(after)


def test_an_import_of_a_definition_dropped_elsewhere_goes() -> None:
    before = """\
        from app.crud import get_order_by_key
        from app.db import save


        def create_order(db, data):
            return save(db, data)
    """
    after = """\
        from app.db import save


        def create_order(db, data):
            return save(db, data)
    """
    assert drop(before, {"sku"}, names={"get_order_by_key"}) == code(after)


def test_code_not_tied_to_a_dropped_field_is_unchanged() -> None:
    before = """\
        from app.db import save


        def create_order(db, data, repo: Repo = Depends(get_repo)):
            repo.check(data.total)
            return save(db, data)
    """
    assert drop(before, {"sku"}, own=ORDER, others=(USER,)) == code(before)
    assert gone(before, {"sku"}, own=ORDER, others=(USER,)) == set()


def test_of_an_if_else_where_only_one_branch_reads_a_dropped_field_the_other_stays_unconditionally() -> None:
    # the else branch scoped rows to their owner; the new resource has none: everyone sees all
    before = """\
        def read_orders(session, current_user):
            if current_user.is_superuser:
                statement = select(Order)
                count = session.exec(statement).one()
            else:
                statement = select(Order).where(Order.owner_id == current_user.id)
                count = session.exec(statement).one()
            return count
    """
    after = """\
        def read_orders(session, current_user):
            statement = select(Order)
            count = session.exec(statement).one()
            return count
    """
    assert drop(before, {"owner_id"}) == code(after)


def test_an_if_else_whose_branches_both_read_the_field_is_left_to_the_statement_rules() -> None:
    before = """\
        def check(order):
            if order.flag:
                log(order.owner_id)
            else:
                log(order.owner_id)
            return order
    """
    after = """\
        def check(order):
            if order.flag:
                pass
            else:
                pass
            return order
    """
    assert drop(before, {"owner_id"}) == code(after)
