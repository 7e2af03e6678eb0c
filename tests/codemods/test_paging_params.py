"""SwapParams and SwapArguments: a list's paging parameters swapped in its signature and calls."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.paging_params import NewParam, RenameNames, SwapArguments, SwapParams


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, *transformers) -> str:
    module = cst.parse_module(code(before))
    for t in transformers:
        module = module.visit(t)
    compile(module.code, "after", "exec")  # a bad expectation fails loudly
    return module.code


CURSOR = (NewParam("cursor", "str | None", "None"), NewParam("limit", "int", "Query(20, ge=1, le=100)"))
ROUTE = """\
    @router.get("")
    def read_orders(skip: int = 0, limit: int = 100, db=Depends(get_db)):
        return crud.list_orders(db, skip=skip, limit=limit)
"""


def test_another_function_is_left_alone() -> None:
    swap = SwapParams("read_order", ("skip", "limit"), CURSOR)
    assert changed(ROUTE, swap) == code(ROUTE) and not swap.swapped


def test_a_function_without_the_parameters_is_left_alone() -> None:
    done = """\
        def read_orders(cursor: str | None = None, limit: int = 20):
            return crud.list_orders(cursor=cursor, limit=limit)
    """
    assert changed(done, SwapParams("read_orders", ("skip",), CURSOR)) == code(done)


def test_the_parameters_and_the_call_are_swapped() -> None:
    after = changed(
        ROUTE,
        SwapParams("read_orders", ("skip", "limit"), CURSOR),
        SwapArguments("read_orders", "list_orders", ("skip", "limit"), ("cursor", "limit")),
    )
    assert after == code(
        """\
        @router.get("")
        def read_orders(cursor: str | None = None, limit: int = Query(20, ge=1, le=100), db=Depends(get_db)):
            return crud.list_orders(db, cursor=cursor, limit=limit)
        """
    )


def test_keyword_only_parameters_one_a_line_keep_their_layout() -> None:
    before = """\
        def list_orders(
            db: Session, *, skip: int, limit: int
        ) -> list[Order]:
            return db.query(Order).offset(skip).limit(limit).all()
    """
    new = (NewParam("page", "int", None), NewParam("size", "int", None))
    assert changed(before, SwapParams("list_orders", ("skip", "limit"), new)) == code(
        """\
        def list_orders(
            db: Session, *, page: int, size: int
        ) -> list[Order]:
            return db.query(Order).offset(skip).limit(limit).all()
        """
    )


def test_no_new_parameters_drops_the_old_ones() -> None:
    after = changed(
        ROUTE,
        SwapParams("read_orders", ("skip", "limit"), ()),
        SwapArguments("read_orders", "list_orders", ("skip", "limit"), ()),
    )
    assert after == code(
        """\
        @router.get("")
        def read_orders(db=Depends(get_db)):
            return crud.list_orders(db)
        """
    )


def test_a_call_passing_them_by_position_is_not_swapped() -> None:
    before = """\
        def read_orders(skip: int = 0, limit: int = 100):
            return crud.list_orders(db, skip, limit)
    """
    swap = SwapArguments("read_orders", "list_orders", ("skip", "limit"), ("cursor", "limit"))
    assert changed(before, swap) == code(before) and swap.swapped == 0


def test_names_are_renamed_in_the_body_only() -> None:
    before = """\
        def list_orders(db, *, page: int, limit: int):
            rows = fetch(db, limit=limit + 1)
            return rows[:limit], rows.limit
    """
    assert changed(before, RenameNames("list_orders", {"limit": "size"})) == code(
        """\
        def list_orders(db, *, page: int, limit: int):
            rows = fetch(db, limit=size + 1)
            return rows[:size], rows.limit
        """
    )


def test_another_functions_names_are_left_alone() -> None:
    before = """\
        def read_order(limit):
            return limit
    """
    assert changed(before, RenameNames("list_orders", {"limit": "size"})) == code(before)
