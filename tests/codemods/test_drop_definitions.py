"""DropDefinitions: named definitions go, with their imports and `__all__` entries."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.drop_definitions import DropDefinitions


def code(text: str) -> str:
    return textwrap.dedent(text)


def dropped(before: str, names: set[str], imported: set[str] = frozenset()) -> str:
    after = cst.parse_module(code(before)).visit(DropDefinitions(names, set(imported))).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


@pytest.mark.parametrize("names", [set(), {"other"}, {"OrderRepository.missing"}])
def test_nothing_named_nothing_changes(names: set[str]) -> None:
    before = """\
        from app.crud import get_order

        class OrderRepository:
            def get(self): ...

        def list_orders(): ...
    """
    assert dropped(before, names) == code(before)


def test_functions_classes_and_assignments_go_whole() -> None:
    before = """\
        class OrderUpdate(BaseModel):
            total: int | None = None


        def update_order(db, data):
            return data


        order_updater = make_updater(OrderUpdate)


        def get_order(db, order_id): ...
    """
    after = """\
        def get_order(db, order_id): ...
    """
    assert dropped(before, {"OrderUpdate", "update_order", "order_updater"}) == code(after)


def test_a_method_goes_and_a_class_left_empty_keeps_a_pass() -> None:
    before = """\
        class OrderRepository:
            def get(self): ...

            def update(self): ...


        class OrderWriter:
            def delete(self): ...
    """
    after = """\
        class OrderRepository:
            def get(self): ...


        class OrderWriter:
            pass
    """
    assert dropped(before, {"OrderRepository.update", "OrderWriter.delete"}) == code(after)


def test_imports_and_all_entries_of_what_went_elsewhere_go() -> None:
    before = """\
        from app.crud.order import create_order, get_order
        from app.schemas.order import OrderCreate

        __all__ = ["create_order", "get_order", "OrderCreate"]
    """
    after = """\
        from app.crud.order import get_order

        __all__ = ["get_order"]
    """
    assert dropped(before, set(), {"create_order", "OrderCreate"}) == code(after)


def test_a_local_function_of_the_same_name_stays() -> None:
    before = """\
        def outer():
            def update_order(): ...
            return update_order
    """
    assert dropped(before, {"update_order"}) == code(before)
