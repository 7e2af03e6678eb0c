"""find_list_site and planned_model: where the new list is queried, and the model it indexes."""

from __future__ import annotations

import textwrap

import pytest

from codemods.errors import ConventionError
from codemods.list_site import cursor_key_of, find_list_site, planned_model
from codemods.plan import FileEdit
from codemods.spec import parse_resource

SPEC = parse_resource("Order", ["total:decimal"])
ROUTER = textwrap.dedent("""\
    @router.get("/")
    def read_orders(db: Session = Depends(deps.get_db), skip: int = 0, limit: int = 100):
        return crud.order.get_multi_by_owner(db=db, owner_id=1, skip=skip, limit=limit)
""")
# the generic CRUD layout: one class per model over CRUDBase, its methods querying `self.model`
CRUD = textwrap.dedent("""\
    class CRUDOrder(CRUDBase[Order, OrderCreate, OrderUpdate]):
        def get_multi_by_owner(self, db, *, owner_id, skip=0, limit=100):
            return db.query(self.model).filter(Order.owner_id == owner_id).offset(skip).limit(limit).all()


    order = CRUDOrder(Order)
""")


def test_a_generic_class_made_for_the_model_queries_it_as_self_model() -> None:
    edits = [FileEdit("app/api/orders.py", None, ROUTER), FileEdit("app/crud/crud_order.py", None, CRUD)]
    site = find_list_site(edits, SPEC)
    assert site is not None and (site.function, site.model, site.data) == ("get_multi_by_owner", "self.model", 1)


def test_a_class_made_for_another_model_is_not_the_resource_s_own() -> None:
    other = CRUD.replace("order = CRUDOrder(Order)", "order = CRUDOrder(Item)")
    edits = [FileEdit("app/api/orders.py", None, ROUTER), FileEdit("app/crud/crud_order.py", None, other)]
    with pytest.raises(ConventionError, match="which is not the new resource's own code"):
        find_list_site(edits, SPEC)


def test_a_model_whose_base_derives_its_table_name_is_the_planned_model() -> None:
    model = "class Order(Base):\n    id = Column(Integer, primary_key=True)\n    total = Column(Numeric)\n"
    found = planned_model([FileEdit("app/models/order.py", None, model)], SPEC)
    assert (found.table, found.columns) == ("order", ("id", "total"))


def test_a_cursor_in_the_project_s_envelope_is_read_from_its_meta(tmp_path) -> None:
    from detectors import ProjectIndex

    (tmp_path / "service").mkdir()
    (tmp_path / "service/__init__.py").write_text("")
    (tmp_path / "service/envelope.py").write_text(textwrap.dedent("""\
        class CursorMeta(BaseModel):
            next_cursor: Union[str, None]
            limit: int


        class ListEnvelope(BaseModel, Generic[T]):
            data: List[T]
            meta: CursorMeta
    """))
    router = textwrap.dedent("""\
        from service.envelope import ListEnvelope


        @router.get("", response_model=ListEnvelope[OrderView])
        def list_orders(cursor=None, limit: int = 25, repo: OrderRepo = Depends(order_repo)):
            return repo.page_after(cursor, limit)
    """)
    repo = "class OrderRepo:\n    def page_after(self, cursor, limit):\n        return select(Order)\n"
    edits = [FileEdit("service/api/orders.py", None, router), FileEdit("service/repos/order.py", None, repo)]
    site = find_list_site(edits, SPEC)
    assert cursor_key_of(edits) is None  # no class of the plan's holds it
    assert cursor_key_of(edits, ProjectIndex(tmp_path), site) == "meta.next_cursor"
