"""plan_service, AddService, ReturnService: the service function behind `--action archive`."""

from __future__ import annotations

import ast
import textwrap

import libcst as cst

from codemods.action_service import AddService, ReturnService, plan_service
from codemods.plan import FileEdit

TODO = "# TODO(add-crud): fill in"


def code(text: str) -> str:
    return textwrap.dedent(text)


def _route(router: FileEdit, name: str = "archive_order"):
    return next(n for n in ast.parse(router.new).body if getattr(n, "name", None) == name)


def _apply(edits: list[FileEdit]) -> dict[str, str]:
    """Every module after the service is planned, added and called."""
    router = edits[0]
    service = plan_service(_route(router), router, edits, "archive", "order", TODO)
    assert service is not None
    out = {e.path: e.new for e in edits}
    out[service.path] = cst.parse_module(out[service.path]).visit(AddService(service, before="archive_order")).code
    out[router.path] = cst.parse_module(out[router.path]).visit(ReturnService("archive_order", service.call)).code
    for text in out.values():
        compile(text, "after", "exec")  # a bad expectation fails loudly
    return out


FUNCTIONS_ROUTER = """\
    from app.crud import order as order_crud


    @router.post("/{order_id}/archive")
    async def archive_order(order_id: int, db: AsyncSession = Depends(get_db)) -> Order:
        order = await order_crud.get_order(db, order_id)
        if order is None:
            raise HTTPException(404)
        return order
"""
FUNCTIONS = """\
    async def get_order(db: AsyncSession, order_id: int) -> Order | None:
        return await db.get(Order, order_id)


    async def delete_order(db: AsyncSession, order: Order) -> None:
        await db.delete(order)
"""


def test_a_function_of_the_data_access_module_goes_after_the_lookup_and_takes_its_session() -> None:
    out = _apply([FileEdit("app/routers/orders.py", None, code(FUNCTIONS_ROUTER)), FileEdit("app/crud/order.py", None, code(FUNCTIONS))])
    assert out["app/crud/order.py"] == code("""\
        async def get_order(db: AsyncSession, order_id: int) -> Order | None:
            return await db.get(Order, order_id)


        async def archive_order(db: AsyncSession, order: Order) -> Order:
            # TODO(add-crud): fill in
            return order


        async def delete_order(db: AsyncSession, order: Order) -> None:
            await db.delete(order)
    """)
    assert out["app/routers/orders.py"].endswith("    return await order_crud.archive_order(db, order)\n")


REPOSITORY_ROUTER = """\
    from app.repositories import OrderRepository


    @router.post("/{order_id}/archive")
    async def archive_order(order_id: UUID, repo: OrderRepository = Depends(get_repo), user: User = Depends(me)):
        order = await repo.get_for_owner(order_id, user.id)
        if order is None:
            raise HTTPException(404)
        return order
"""
REEXPORT = """\
    from app.repositories.order import OrderRepository
"""
REPOSITORY = """\
    class OrderRepository:
        async def get_for_owner(self, id: UUID, owner_id: UUID) -> Optional[Order]:
            return None

        async def delete(self, order: Order) -> None:
            pass
"""


def test_a_method_of_the_repository_the_route_is_given_found_through_a_re_export() -> None:
    edits = [
        FileEdit("app/api/orders.py", None, code(REPOSITORY_ROUTER)),
        FileEdit("app/repositories/__init__.py", "", code(REEXPORT)),
        FileEdit("app/repositories/order.py", None, code(REPOSITORY)),
    ]
    out = _apply(edits)
    assert "    async def archive(self, order: Order) -> Order:\n        # TODO(add-crud): fill in\n        return order\n" in out["app/repositories/order.py"]
    assert out["app/repositories/order.py"].index("def archive") < out["app/repositories/order.py"].index("def delete")
    assert out["app/api/orders.py"].endswith("    return await repo.archive(order)\n")


INLINE_ROUTER = """\
    from app.models import Order


    @router.post("/{order_id}/archive")
    def archive_order(session: SessionDep, order_id: int) -> Order:
        order = session.get(Order, order_id)
        if order is None:
            raise HTTPException(404)
        return order
"""


def test_an_inline_lookup_gets_a_typed_private_function_beside_the_route() -> None:
    out = _apply([FileEdit("app/routes/orders.py", None, code(INLINE_ROUTER))])
    assert "def _archive_order(order: Order) -> Order:\n    # TODO(add-crud): fill in\n    return order\n\n\n@router.post" in out["app/routes/orders.py"]
    assert out["app/routes/orders.py"].endswith("    return _archive_order(order)\n")


def test_a_lookup_imported_by_name_keeps_the_service_beside_the_route() -> None:
    # `from app.crud.order import get_order`: an `archive_order` imported the same way would
    # take the route's own name
    router = code(FUNCTIONS_ROUTER).replace("from app.crud import order as order_crud", "from app.crud.order import get_order").replace("order_crud.", "")
    out = _apply([FileEdit("app/routers/orders.py", None, router), FileEdit("app/crud/order.py", None, code(FUNCTIONS))])
    assert "archive" not in out["app/crud/order.py"]
    assert out["app/routers/orders.py"].endswith("    return _archive_order(order)\n")


def test_a_route_returning_an_envelope_gets_no_service() -> None:
    router = FileEdit("app/api/orders.py", None, code("""\
        @router.post("/{order_id}/archive")
        def archive_order(order_id: UUID, repo: OrderRepo = Depends(order_repo)) -> Envelope[OrderView]:
            return Envelope[OrderView](data=_get_or_404(repo, order_id))
    """))
    assert plan_service(_route(router), router, [router], "archive", "order", TODO) is None
