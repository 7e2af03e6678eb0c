"""OwnedHelperRows: the tests pass the owner to the resource's own row helper."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.owned_helper_rows import OwnedHelperRows


def owned(before: str, functions: set[str]) -> tuple[str, list[str]]:
    t = OwnedHelperRows(frozenset({"create_order"}), "owner_id", "user", frozenset(functions))
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after, t.owned


def test_a_function_the_plan_does_not_add_is_left_alone() -> None:
    before = "def test_old(db):\n    factories.create_order(db)\n"
    assert owned(before, set()) == (before, [])


def test_a_call_of_the_helper_passes_the_owner_and_the_test_asks_for_the_user() -> None:
    after, changed = owned(
        """\
        def test_read_order(client, db, auth_headers):
            order = factories.create_order(db, total=Decimal("1"))
            rows = [create_order(db) for _ in range(2)]
        """,
        {"test_read_order"},
    )
    assert changed == ["test_read_order"]
    assert after == textwrap.dedent("""\
        def test_read_order(client, db, auth_headers, user):
            order = factories.create_order(db, total=Decimal("1"), owner_id=user.id)
            rows = [create_order(db, owner_id=user.id) for _ in range(2)]
        """)


def test_a_call_given_its_owner_and_the_helper_itself_are_left_alone() -> None:
    before = "def test_x(db, other_user):\n    create_order(db, owner_id=other_user.id)\n"
    assert owned(before, {"test_x"}) == (before, [])
    helper = "def create_order(db, **overrides):\n    return Order(**overrides)\n"
    assert owned(helper, {"create_order"}) == (helper, [])
