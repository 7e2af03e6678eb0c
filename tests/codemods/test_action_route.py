"""ActionRoute: an action endpoint made from the resource's update (or read) route."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.action_route import ActionRoute


def code(text: str) -> str:
    return textwrap.dedent(text)


def added(before: str, **options) -> str:
    after = cst.parse_module(code(before)).visit(ActionRoute(**options)).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


ROUTER = """\
    @router.get("/{order_id}")
    def get_order(order_id: int, db=Depends(get_db)):
        \"\"\"Read one.\"\"\"
        return find_or_404(db, order_id)


    @router.patch("/{order_id}", status_code=202)
    @router.put("/{order_id}", status_code=202)
    def update_order(order_id: int, data: OrderUpdate, db=Depends(get_db)):
        order = find_or_404(db, order_id)
        return save(db, order, data)
"""


def test_no_route_of_that_name_changes_nothing() -> None:
    options = {"source": "missing", "function": "cancel_order", "path": "/{order_id}/cancel"}
    assert added(ROUTER, **options, body_param=None, payload=None) == code(ROUTER)


def test_a_field_action_is_the_update_route_with_a_fixed_payload() -> None:
    after = added(
        ROUTER,
        source="update_order",
        function="cancel_order",
        path="/{order_id}/cancel",
        body_param="data",
        payload='OrderUpdate(status="cancelled")',
    )
    # one POST (PATCH and PUT shared the function), without the update's own status code
    assert after.endswith(code("""\


        @router.post("/{order_id}/cancel")
        def cancel_order(order_id: int, db=Depends(get_db)):
            data = OrderUpdate(status="cancelled")
            order = find_or_404(db, order_id)
            return save(db, order, data)
    """))


def test_a_stub_action_is_the_read_route_marked_for_the_developer() -> None:
    after = added(
        ROUTER,
        source="get_order",
        function="archive_order",
        path="/{order_id}/archive",
        body_param=None,
        payload=None,
        todo="# TODO(add-crud): make archive change the order",
    )
    assert code("""\
        @router.post("/{order_id}/archive")
        def archive_order(order_id: int, db=Depends(get_db)):
            \"\"\"Read one.\"\"\"
            # TODO(add-crud): make archive change the order
            return find_or_404(db, order_id)
    """) in after
    assert after.index("def archive_order") < after.index("def update_order")  # right after its source
