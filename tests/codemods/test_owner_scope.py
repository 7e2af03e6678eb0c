"""OwnerRoutes, OwnerColumn, RevisionColumn and OwnedRows: rows scoped to their owner."""

from __future__ import annotations

import ast
from textwrap import dedent

import libcst as cst
import pytest

from codemods.clone.owned_rows import OwnedRows
from codemods.owner_column import OwnerColumn
from codemods.owner_routes import OwnerRoutes
from codemods.owner_row_helpers import ScopeRowHelpers
from codemods.revision_column import RevisionColumn

ROUTER = dedent(
    """\
    @router.get("")
    async def list_orders(limit: int = 20, db: AsyncSession = Depends(get_db)) -> list[Order]:
        return await order_crud.list_orders(db, limit=limit)


    @router.post("", status_code=201)
    async def create_order(data: OrderCreate, db: AsyncSession = Depends(get_db), current_user: User = Depends(get_current_user)) -> Order:
        return await order_crud.create_order(db, data)


    @router.get("/{order_id}")
    async def get_order(order_id: int, db: AsyncSession = Depends(get_db), current_user: User = Depends(get_current_user)) -> Order:
        order = await order_crud.get_order(db, order_id)
        if order is None:
            raise HTTPException(status_code=404, detail="Order not found")
        return order


    @router.post("/inline")
    def create_inline(data: OrderCreate, me: User = Depends(get_current_user)) -> Order:
        order = Order(**data.model_dump())
        return order
    """
)


def _first_param(code: str) -> cst.Param:
    """The first parameter of the one function `code` defines."""
    func = cst.parse_module(code).body[0]
    assert isinstance(func, cst.FunctionDef)
    return func.params.params[0]


USER = _first_param("def f(current_user: User = Depends(get_current_user)): ...\n")


def _routes() -> tuple[str, OwnerRoutes]:
    users = {"create_order": "current_user", "get_order": "current_user", "create_inline": "me"}
    t = OwnerRoutes("owner_id", frozenset({"list_orders", "create_order", "get_order"}), "Order", USER, users)
    return cst.parse_module(ROUTER).visit(t).code, t


def test_routes_keep_to_the_users_rows() -> None:
    after, t = _routes()
    ast.parse(after)
    assert "db: AsyncSession = Depends(get_db), current_user: User = Depends(get_current_user)) -> list[Order]:" in after
    assert "order_crud.list_orders(db, limit=limit, owner_id=current_user.id)" in after  # the user added
    assert "order_crud.create_order(db, data, owner_id=current_user.id)" in after
    assert "if order is None or order.owner_id != current_user.id:" in after
    assert "Order(owner_id=me.id, **data.model_dump())" in after  # built inline, the route's own user
    assert t.calls == {"create": {"create_order"}, "list": {"list_orders"}}
    assert t.unscoped == []


def test_a_route_it_cannot_scope_is_named() -> None:
    before = '@router.get("/{order_id}")\ndef get_order(order_id: int, u: User = Depends(get_current_user)):\n    return load(order_id)\n'
    t = OwnerRoutes("owner_id", frozenset(), "Order", USER, {"get_order": "u"})
    cst.parse_module(before).visit(t)
    assert t.unscoped == ["get_order"]


MODEL = dedent(
    """\
    class Order(Base):
        __tablename__ = "orders"

        id: Mapped[int] = mapped_column(primary_key=True)
        total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    """
)
COLUMN = 'owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)\n'


@pytest.mark.parametrize(
    ("model", "after"),
    [
        pytest.param("Invoice", None, id="another class"),
        pytest.param(
            "Order",
            MODEL.replace("primary_key=True)\n", "primary_key=True)\n    " + COLUMN),
            id="after the key",
        ),
    ],
)
def test_owner_column(model: str, after: str | None) -> None:
    t = OwnerColumn(model, "owner_id", COLUMN)
    out = cst.parse_module(MODEL).visit(t).code
    assert out == (after or MODEL)
    assert t.added == (after is not None)
    again = OwnerColumn(model, "owner_id", COLUMN)
    assert cst.parse_module(out).visit(again).code == out and not again.added


REVISION = 'op.create_table("orders", sa.Column("id", sa.Integer(), nullable=False), sa.Column("total", sa.Numeric(12, 2)))\n'


def test_revision_column() -> None:
    column = 'sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False)'
    t = RevisionColumn("orders", "owner_id", column)
    out = cst.parse_module(REVISION).visit(t).code
    assert out == REVISION.replace('nullable=False), ', f"nullable=False), {column}, ", 1)
    again = RevisionColumn("orders", "owner_id", column)
    assert cst.parse_module(out).visit(again).code == out and not again.added
    other = RevisionColumn("invoices", "owner_id", column)
    assert cst.parse_module(REVISION).visit(other).code == REVISION and not other.added


FIXTURE = dedent(
    """\
    @pytest_asyncio.fixture
    async def order(db_session: AsyncSession) -> Order:
        order = Order(total=Decimal("12.50"))
        return order


    def helper() -> Order:
        return Order(total=1)
    """
)


def test_owned_rows() -> None:
    t = OwnedRows("Order", "owner_id", "normal_user", "User")
    out = cst.parse_module(FIXTURE).visit(t).code
    assert "async def order(db_session: AsyncSession, normal_user: User) -> Order:" in out
    assert 'Order(total=Decimal("12.50"), owner_id=normal_user.id)' in out
    assert "return Order(total=1)" in out  # not a fixture
    assert t.owned == ["order"]
    again = OwnedRows("Order", "owner_id", "normal_user", "User")
    assert cst.parse_module(out).visit(again).code == out and again.owned == []


HELPER = dedent(
    """\
    def _get_or_404(repo: OrderRepo, order_id: uuid.UUID) -> Order:
        order = repo.get(order_id)
        if order is None:
            raise HTTPException(404)
        return order


    def _warehouse_or_404(repo: WarehouseRepo, warehouse_id: uuid.UUID) -> Warehouse:
        warehouse = repo.get(warehouse_id)
        if warehouse is None:
            raise HTTPException(404)
        return warehouse


    @router.get("/{order_id}")
    def read_order(order_id: uuid.UUID, repo: OrderRepo = Depends(order_repo)) -> Envelope[OrderView]:
        return Envelope[OrderView](data=_get_or_404(repo, order_id))


    @router.get("")
    def list_orders(session: SessionDep) -> list[Order]:
        return list(session.scalars(select(Order).order_by(Order.id)))
    """
)


def test_row_helpers_and_inline_queries() -> None:
    helpers = ScopeRowHelpers("owner_id", "uuid.UUID", "Order")
    module = cst.parse_module(HELPER).visit(helpers)
    assert helpers.scoped == {"_get_or_404"}  # the warehouse's helper finds another model's row
    user = _first_param("def f(user: User = Depends(current_user)): ...\n")
    routes = OwnerRoutes("owner_id", frozenset(), "Order", user, {}, frozenset(helpers.scoped))
    out = module.visit(routes).code
    assert "def _get_or_404(repo: OrderRepo, order_id: uuid.UUID, owner_id: uuid.UUID) -> Order:" in out
    assert "if order is None or order.owner_id != owner_id:" in out
    assert "if warehouse is None:\n" in out
    assert "_get_or_404(repo, order_id, owner_id=user.id)" in out
    assert "repo: OrderRepo = Depends(order_repo), user: User = Depends(current_user)) -> Envelope[OrderView]:" in out
    assert "select(Order).where(Order.owner_id == user.id).order_by(Order.id)" in out
    assert routes.unscoped == []
