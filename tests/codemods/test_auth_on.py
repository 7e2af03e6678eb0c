"""AddDependencyParam: a dependency goes on routes as one more parameter."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.auth_on import AddDependencyParam
from codemods.errors import ConventionError


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, functions=frozenset({"read_order"})) -> tuple[str, AddDependencyParam]:
    transformer = AddDependencyParam(set(functions), "current_user", "str", "get_current_user")
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")
    return after, transformer


def test_another_function_is_left_alone() -> None:
    before = "def read_orders(db=Depends(get_db)): ...\n"
    after, t = changed(before)
    assert after == before and not t.added


def test_the_parameter_goes_last() -> None:
    after, t = changed("def read_order(order_id: int, db: Session = Depends(get_db)): ...\n")
    assert after == (
        "def read_order(order_id: int, db: Session = Depends(get_db), "
        "current_user: str = Depends(get_current_user)): ...\n"
    )
    assert t.added == ["read_order"]


def test_after_a_star_it_is_keyword_only() -> None:
    after, _ = changed("def read_order(*, order_id: int): ...\n")
    assert after == "def read_order(*, order_id: int, current_user: str = Depends(get_current_user)): ...\n"


def test_a_nested_function_of_that_name_is_not_a_route() -> None:
    before = "def outer():\n    def read_order(): ...\n"
    assert changed(before)[0] == before


def test_a_second_pass_changes_nothing() -> None:
    once, _ = changed("def read_order(order_id: int): ...\n")
    twice, t = changed(once)
    assert twice == once and not t.added


def test_a_parameter_of_that_name_already_is_refused() -> None:
    with pytest.raises(ConventionError, match="read_order already has a parameter 'current_user'"):
        changed("def read_order(current_user: str = Query(...)): ...\n")


def styled(before: str, style: str) -> str:
    transformer = AddDependencyParam({"read_order"}, "current_user", "str", "get_current_user", style)
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")
    return after


def test_untyped_like_the_routes_others() -> None:
    after = styled("def read_order(order_id, db=Depends(get_db)): ...\n", "untyped")
    assert after == "def read_order(order_id, db=Depends(get_db), current_user=Depends(get_current_user)): ...\n"


def test_annotated_goes_before_the_parameters_with_defaults() -> None:
    after = styled("def read_order(order_id: int, db: DB, limit: int = 10): ...\n", "annotated")
    assert after == (
        "def read_order(order_id: int, db: DB, current_user: Annotated[str, Depends(get_current_user)], "
        "limit: int = 10): ...\n"
    )


def test_annotated_first_when_every_parameter_has_a_default() -> None:
    after = styled("def read_order(skip: int = 0, limit: int = 10): ...\n", "annotated")
    assert after == "def read_order(current_user: Annotated[str, Depends(get_current_user)], skip: int = 0, limit: int = 10): ...\n"


def test_annotated_last_without_defaults() -> None:
    after = styled("def read_order(order_id: int): ...\n", "annotated")
    assert after == "def read_order(order_id: int, current_user: Annotated[str, Depends(get_current_user)]): ...\n"


def test_annotated_twice_changes_nothing() -> None:
    once = styled("def read_order(order_id: int, limit: int = 1): ...\n", "annotated")
    assert styled(once, "annotated") == once
