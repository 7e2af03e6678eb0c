"""DropAuthDependencies: the auth dependencies come off the routes, their parameters and lists."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.auth_off import DropAuthDependencies


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, params=None, listed=None) -> tuple[str, DropAuthDependencies]:
    transformer = DropAuthDependencies(params or {}, listed or {})
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after, transformer


@pytest.mark.parametrize(
    ("before", "params", "listed"),
    [
        pytest.param("def read_order(db=Depends(get_db)): ...\n", {"read_order": {"user"}}, {}, id="no-such-param"),
        pytest.param("def other(user=Depends(get_user)): ...\n", {"read_order": {"user"}}, {}, id="another-function"),
        pytest.param('router = APIRouter(prefix="/orders")\n', {}, {"router": {"verify_key"}}, id="no-dependencies"),
        pytest.param("router = APIRouter(dependencies=[Depends(get_db)])\n", {}, {"router": {"verify_key"}}, id="not-listed"),
    ],
)
def test_no_change(before: str, params, listed) -> None:
    after, t = changed(before, params, listed)
    assert after == code(before) and not t.dropped


def test_a_parameter_goes() -> None:
    after, t = changed(
        "def create_order(data: OrderCreate, current_user: User = Depends(get_current_user), db=Depends(get_db)): ...\n",
        {"create_order": {"current_user"}},
    )
    assert after == "def create_order(data: OrderCreate, db=Depends(get_db)): ...\n"
    assert t.dropped == ["create_order(current_user)"]


def test_the_last_parameter_leaves_no_dangling_comma() -> None:
    after, _ = changed(
        """\
        async def list_orders(
            db: AsyncSession = Depends(get_db),
            current_user: User = Depends(get_current_user),
        ) -> list:
            return []
        """,
        {"list_orders": {"current_user"}},
    )
    assert after == code("""\
        async def list_orders(
            db: AsyncSession = Depends(get_db),
        ) -> list:
            return []
        """)


def test_a_keyword_only_parameter_goes() -> None:
    after, _ = changed("def get_order(*, order_id: int, user=Depends(get_user)): ...\n", {"get_order": {"user"}})
    assert after == "def get_order(*, order_id: int): ...\n"


def test_a_router_list_entry_goes_and_the_keyword_with_it() -> None:
    after, t = changed(
        'router = APIRouter(prefix="/orders", dependencies=[Depends(verify_api_key)], tags=["orders"])\n',
        listed={"router": {"verify_api_key"}},
    )
    assert after == 'router = APIRouter(prefix="/orders", tags=["orders"])\n'
    assert t.dropped == ["router dependencies"]


def test_other_entries_of_a_decorator_list_stay() -> None:
    after, _ = changed(
        """\
        @router.delete("/{id}", dependencies=[Depends(require_role('admin')), Depends(audit)])
        def delete_order(id: int): ...
        """,
        listed={"delete_order": {"require_role('admin')"}},
    )
    assert after == code("""\
        @router.delete("/{id}", dependencies=[Depends(audit)])
        def delete_order(id: int): ...
        """)


def test_a_second_pass_changes_nothing() -> None:
    once, _ = changed("def f(a, u=Depends(g)): ...\n", {"f": {"u"}})
    twice, t = changed(once, {"f": {"u"}})
    assert twice == once and not t.dropped
