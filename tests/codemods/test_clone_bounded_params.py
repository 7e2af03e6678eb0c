"""BoundedParams: integer parameters of routes are bounded on both sides, so past the key's range is 422."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.bounded_params import INT64, BoundedParams


def code(text: str) -> str:
    return textwrap.dedent(text)


def bounded(before: str, **options) -> tuple[str, set[str]]:
    transformer = BoundedParams(**options)
    after = cst.parse_module(code(before)).visit(transformer).code
    return after, {i.bound for i in transformer.imports}


def test_a_path_id_and_a_cursor_get_the_bound() -> None:
    before = """\
        @router.get("/{order_id}")
        def get_order(order_id: int, db: Session = Depends(get_db)):
            return crud.get(db, order_id)

        @router.get("")
        def list_orders(cursor: int | None = None, limit: int = Query(20, ge=1, le=100)):
            return crud.page(cursor, limit)
    """
    after = """\
        @router.get("/{order_id}")
        def get_order(order_id: int = Path(..., ge=-(2**31), le=2**31 - 1), db: Session = Depends(get_db)):
            return crud.get(db, order_id)

        @router.get("")
        def list_orders(cursor: int | None = Query(None, ge=-(2**31), le=2**31 - 1), limit: int = Query(20, ge=1, le=100)):
            return crud.page(cursor, limit)
    """
    assert bounded(before) == (code(after), {"Path", "Query"})


def test_a_query_call_bounded_on_one_side_gains_the_other_bound() -> None:
    before = """\
        @router.get("")
        def list_orders(skip: int = Query(0, ge=0), offset: int = Query(0, gt=-1), cursor: int = Query(None, lt=10**6)):
            ...
    """
    after = """\
        @router.get("")
        def list_orders(skip: int = Query(0, ge=0, le=2**31 - 1), offset: int = Query(0, gt=-1, le=2**31 - 1), cursor: int = Query(None, lt=10**6, ge=-(2**31))):
            ...
    """
    assert bounded(before)[0] == code(after)


def test_an_id_before_a_required_parameter_moves_after_it_with_its_bound() -> None:
    before = """\
        @router.patch("/{order_id}")
        async def update_order(order_id: int, data: OrderUpdate, db=Depends(get_db)):
            ...
    """
    after = """\
        @router.patch("/{order_id}")
        async def update_order(data: OrderUpdate, order_id: int = Path(..., ge=-(2**31), le=2**31 - 1), db=Depends(get_db)):
            ...
    """
    assert bounded(before) == (code(after), {"Path"})


def test_in_a_module_that_writes_annotated_the_bound_goes_inside_it() -> None:
    before = """\
        @router.patch("/{order_id}")
        async def update_order(order_id: int, data: OrderUpdate):
            ...
    """
    after = """\
        @router.patch("/{order_id}")
        async def update_order(order_id: Annotated[int, Path(ge=-(2**31), le=2**31 - 1)], data: OrderUpdate):
            ...
    """
    assert bounded(before, annotated=True) == (code(after), {"Annotated", "Path"})


def test_an_annotated_query_gains_the_bound_inside() -> None:
    before = """\
        @router.get("/{id}")
        def read(session: SessionDep, id: Annotated[int, Path(ge=1)]):
            ...
    """
    after = """\
        @router.get("/{id}")
        def read(session: SessionDep, id: Annotated[int, Path(ge=1, le=2**63 - 1)]):
            ...
    """
    assert bounded(before, bounds=INT64)[0] == code(after)


def test_bounded_non_int_and_non_route_parameters_are_left_alone() -> None:
    before = """\
        @router.get("/{order_id}")
        def get_order(order_id: uuid.UUID, limit: int = Query(20, gt=0, lt=50), name: str = ""):
            ...

        def helper(order_id: int):
            ...
    """
    assert bounded(before) == (code(before), set())


def test_with_pathlib_s_path_in_the_module_a_path_id_is_left_alone() -> None:
    before = """\
        @router.get("/{order_id}")
        def get_order(order_id: int, db=Depends(get_db)):
            ...
    """
    assert bounded(before, path_free=False)[0] == code(before)
