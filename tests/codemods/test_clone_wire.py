"""WireIn: the new resource is wired in wherever the exemplar is, in modules no resource owns."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.wire import WireIn
from codemods.names import ResourceNames, spelling_pattern

ITEM, ORDER, USER = (ResourceNames.parse(n) for n in ("Item", "Order", "User"))
RESOURCES = (spelling_pattern(ITEM), spelling_pattern(USER))


def code(text: str) -> str:
    return textwrap.dedent(text)


def wire(before: str, skip: frozenset[str] = frozenset()) -> str:
    """Cloning Item as Order in a project whose resources are Item and User."""
    transformer = WireIn(ITEM, ORDER, set(skip), "kebab", RESOURCES)
    module = cst.parse_module(code(before)).visit(transformer)
    assert transformer.module_code(module) == module.code  # printed from the pass's own texts
    return module.code


# -- calls ------------------------------------------------------------------------------------


def test_the_include_router_call_is_repeated_right_after_the_exemplars() -> None:
    before = """\
        from fastapi import FastAPI

        from app.routers import auth, items, users

        app = FastAPI()
        app.include_router(auth.router)
        app.include_router(items.router, prefix="/items", tags=["items"])
        app.include_router(users.router)
    """
    after = """\
        from fastapi import FastAPI

        from app.routers import auth, items, orders, users

        app = FastAPI()
        app.include_router(auth.router)
        app.include_router(items.router, prefix="/items", tags=["items"])
        app.include_router(orders.router, prefix="/orders", tags=["orders"])
        app.include_router(users.router)
    """
    assert wire(before) == code(after)


def test_a_call_over_several_lines_is_repeated_as_written() -> None:
    before = """\
        from app.api.routes import items

        api_router.include_router(
            items.router,
            prefix="/items",
        )
    """
    after = """\
        from app.api.routes import items, orders

        api_router.include_router(
            items.router,
            prefix="/items",
        )
        api_router.include_router(
            orders.router,
            prefix="/orders",
        )
    """
    assert wire(before) == code(after)


def test_an_awaited_call_inside_a_function_is_repeated() -> None:
    before = """\
        from app import crud


        async def init_db(session):
            await crud.item.create(session)
            await session.commit()
    """
    after = """\
        from app import crud


        async def init_db(session):
            await crud.item.create(session)
            await crud.order.create(session)
            await session.commit()
    """
    assert wire(before) == code(after)


def test_a_module_already_wired_for_the_new_resource_is_unchanged() -> None:
    before = """\
        from app.routers import items, orders

        app.include_router(items.router)
        app.include_router(orders.router)
        ROUTERS = [items.router, orders.router]
    """
    assert wire(before) == code(before)


# -- imports ----------------------------------------------------------------------------------


def test_a_sorted_import_line_gains_the_new_name_in_sorted_place() -> None:
    before = """\
        from app.models import Item, User
    """
    after = """\
        from app.models import Item, Order, User
    """
    assert wire(before) == code(after)


def test_an_unsorted_import_line_gains_the_new_name_right_after_the_exemplars() -> None:
    before = """\
        from app.models import User, Item, Team
    """
    after = """\
        from app.models import User, Item, Order, Team
    """
    assert wire(before) == code(after)


def test_an_aliased_import_gains_the_renamed_alias() -> None:
    before = """\
        from app.models import Item as ItemModel
    """
    after = """\
        from app.models import Item as ItemModel, Order as OrderModel
    """
    assert wire(before) == code(after)


def test_an_import_from_the_exemplars_own_module_is_repeated_for_the_new_module() -> None:
    before = """\
        from app.models.item import Item
        from app.models.user import User
    """
    after = """\
        from app.models.item import Item
        from app.models.order import Order
        from app.models.user import User
    """
    assert wire(before) == code(after)


def test_the_new_modules_import_is_not_repeated_where_the_module_imports_it_already() -> None:
    # the model was there before its endpoints (--from-model): a second line would redefine it
    before = """\
        from app.models.item import Item
        from app.models.order import Order, OrderStatus
    """
    assert wire(before) == code(before)


def test_the_new_modules_import_is_added_where_the_module_imports_only_other_names_of_it() -> None:
    before = """\
        from app.models.item import Item
        from app.models.order import OrderStatus
    """
    after = """\
        from app.models.item import Item
        from app.models.order import Order
        from app.models.order import OrderStatus
    """
    assert wire(before) == code(after)


def test_the_names_the_wiring_binds_are_reported_for_the_unused_import_check() -> None:
    transformer = WireIn(ITEM, ORDER, set(), "kebab", RESOURCES)
    cst.parse_module("from app.routers import auth, items\n").visit(transformer)
    assert transformer.added == ["orders"]


# -- literals ---------------------------------------------------------------------------------


def test_a_list_registry_gains_the_new_element_after_the_exemplars() -> None:
    before = """\
        ROUTERS = [auth.router, items.router, users.router]
    """
    after = """\
        ROUTERS = [auth.router, items.router, orders.router, users.router]
    """
    assert wire(before) == code(after)


def test_an_unsorted_tuple_registry_gains_the_new_element_right_after_the_exemplars() -> None:
    before = """\
        ROUTERS = (users.router, items.router, auth.router)
    """
    after = """\
        ROUTERS = (users.router, items.router, orders.router, auth.router)
    """
    assert wire(before) == code(after)


def test_a_sorted_set_registry_stays_sorted() -> None:
    before = """\
        MODELS = {Item, User}
    """
    after = """\
        MODELS = {Item, Order, User}
    """
    assert wire(before) == code(after)


def test_dunder_all_gains_every_renamed_name_in_sorted_place() -> None:
    before = """\
        __all__ = ["Item", "ItemCreate", "User"]
    """
    after = """\
        __all__ = ["Item", "ItemCreate", "Order", "OrderCreate", "User"]
    """
    assert wire(before) == code(after)


def test_a_list_argument_of_a_call_is_not_a_registry() -> None:
    before = """\
        app.include_router(users.router, tags=["items"])
    """
    assert wire(before) == code(before)


# -- statement groups -------------------------------------------------------------------------


def test_a_statement_and_the_statements_using_it_are_repeated_as_a_group() -> None:
    before = """\
        from app.models import Item, User


        def clear_db(session):
            statement = delete(Item)
            session.execute(statement)
            statement = delete(User)
            session.execute(statement)
            session.commit()
    """
    after = """\
        from app.models import Item, Order, User


        def clear_db(session):
            statement = delete(Item)
            session.execute(statement)
            statement = delete(Order)
            session.execute(statement)
            statement = delete(User)
            session.execute(statement)
            session.commit()
    """
    assert wire(before) == code(after)


def test_an_assignment_alone_is_not_repeated() -> None:
    before = """\
        from app.models import Item

        model = Item
    """
    after = """\
        from app.models import Item, Order

        model = Item
    """
    assert wire(before) == code(after)


# -- what is not wiring ---------------------------------------------------------------------


def test_a_call_mentioning_a_local_named_like_the_resource_is_not_repeated() -> None:
    before = """\
        import logging

        logger = logging.getLogger(__name__)


        def startup():
            item = load()
            logger.warning(f"loaded {item}")
    """
    assert wire(before) == code(before)


def test_an_upper_case_setting_named_like_the_resource_is_not_wiring() -> None:
    before = """\
        from app.core.config import settings


        def startup():
            logger.info(settings.ITEM_NAME)
    """
    assert wire(before) == code(before)


def test_functions_named_for_a_resource_are_untouched() -> None:
    before = """\
        from app import crud


        def create_item(db):
            crud.item.create(db)


        def seed_users(db):
            crud.item.create(db)


        def init_db(db):
            crud.item.create(db)
    """
    after = """\
        from app import crud


        def create_item(db):
            crud.item.create(db)


        def seed_users(db):
            crud.item.create(db)


        def init_db(db):
            crud.item.create(db)
            crud.order.create(db)
    """
    assert wire(before) == code(after)


def test_definitions_in_the_skip_set_are_untouched() -> None:
    before = """\
        from app import crud


        def seed(db):
            crud.item.create(db)
    """
    assert wire(before, skip=frozenset({"seed"})) == code(before)


def test_class_bodies_are_untouched() -> None:
    before = """\
        from app import crud


        class Seeder:
            def run(self, db):
                crud.item.create(db)

            registry = [crud.item]
    """
    assert wire(before) == code(before)


def test_a_multi_line_list_with_a_trailing_comma_keeps_its_layout() -> None:
    before = """\
        from app.routers import auth, items

        ROUTERS = [
            auth.router,
            items.router,
        ]
    """
    after = """\
        from app.routers import auth, items, orders

        ROUTERS = [
            auth.router,
            items.router,
            orders.router,
        ]
    """
    assert wire(before) == code(after)


def test_a_parameter_default_is_no_registry() -> None:
    before = """\
        from app.models import Item

        def export(models=[Item]):
            return models
    """
    assert wire(before) == code(before).replace("import Item", "import Item, Order")


# -- deletions --------------------------------------------------------------------------------


TEARDOWN = """\
    from app.models import Item, User


    def db():
        with Session(engine) as session:
            yield session
            # rows go before the users who own them
            statement = delete(Item)
            session.execute(statement)
            statement = delete(User)
            session.execute(statement)
"""


def test_a_deletion_of_rows_pointing_at_the_exemplar_goes_before_its_own() -> None:
    """Order has a foreign key to Item: deleting Item's rows first fails on it."""
    transformer = WireIn(ITEM, ORDER, set(), "kebab", RESOURCES, frozenset({"Item"}))
    after = cst.parse_module(code(TEARDOWN)).visit(transformer).code
    assert after == code("""\
        from app.models import Item, Order, User


        def db():
            with Session(engine) as session:
                yield session
                # rows go before the users who own them
                statement = delete(Order)
                session.execute(statement)
                statement = delete(Item)
                session.execute(statement)
                statement = delete(User)
                session.execute(statement)
    """)


def test_a_deletion_of_rows_pointing_elsewhere_follows_the_exemplars() -> None:
    after = wire(TEARDOWN)  # Order points at nothing deleted here
    assert after.index("delete(Item)") < after.index("delete(Order)") < after.index("delete(User)")


def test_a_resource_whose_name_holds_the_exemplars_is_not_wired_as_the_exemplar() -> None:
    """Item and ItemGroup: `ItemGroup`, `item_group_schema`, `ItemGroupCreate` spell Item only
    inside ItemGroup's own spelling: they are ItemGroup's, and stay as they are."""
    item_group = ResourceNames.parse("ItemGroup")
    transformer = WireIn(ITEM, ORDER, set(), "kebab", (*RESOURCES, spelling_pattern(item_group)))
    before = """\
        from app.models import Item, ItemGroup
        from app.routers import item_groups, items
        from app.schemas.item_group_schema import IItemGroupCreate
        from app.schemas.item_schema import IItemCreate

        MODELS = [Item, ItemGroup]
        app.include_router(item_groups.router)
        app.include_router(items.router)
    """
    after = """\
        from app.models import Item, ItemGroup, Order
        from app.routers import item_groups, items, orders
        from app.schemas.item_group_schema import IItemGroupCreate
        from app.schemas.item_schema import IItemCreate
        from app.schemas.order_schema import IOrderCreate

        MODELS = [Item, ItemGroup, Order]
        app.include_router(item_groups.router)
        app.include_router(items.router)
        app.include_router(orders.router)
    """
    assert cst.parse_module(code(before)).visit(transformer).code == code(after)


# -- registries: a class keeping a member per resource ------------------------------------------


def test_a_class_keeping_a_member_per_resource_gains_the_new_resources_beside_the_exemplars() -> None:
    before = """\
        from app.items.repository import ItemRepository
        from app.users.repository import UserRepository


        class UnitOfWork(Base):
            def __init__(self, session):
                self.session = session

            @property
            def items(self) -> ItemRepository:
                return self._get(ItemRepository)

            @property
            def users(self) -> UserRepository:
                return self._get(UserRepository)
    """
    after = """\
        from app.items.repository import ItemRepository
        from app.orders.repository import OrderRepository
        from app.users.repository import UserRepository


        class UnitOfWork(Base):
            def __init__(self, session):
                self.session = session

            @property
            def items(self) -> ItemRepository:
                return self._get(ItemRepository)

            @property
            def orders(self) -> OrderRepository:
                return self._get(OrderRepository)

            @property
            def users(self) -> UserRepository:
                return self._get(UserRepository)
    """
    assert wire(before) == code(after)


def test_an_enum_of_members_per_resource_gains_the_new_resources_right_under_the_exemplars() -> None:
    before = """\
        class Permission(StrEnum):
            VIEW_USERS = "view_users"

            VIEW_ITEMS = "view_items"
            MANAGE_ITEMS = "manage_items"
    """
    after = """\
        class Permission(StrEnum):
            VIEW_USERS = "view_users"

            VIEW_ITEMS = "view_items"
            VIEW_ORDERS = "view_orders"
            MANAGE_ITEMS = "manage_items"
            MANAGE_ORDERS = "manage_orders"
    """
    assert wire(before) == code(after)


def test_a_class_that_only_happens_to_spell_the_resources_is_no_registry() -> None:
    """ITEM_LIMIT and SUPERUSER_EMAIL spell Item and User, but are no twins of each other."""
    before = """\
        class Settings(BaseSettings):
            ITEM_LIMIT: int = 100
            SUPERUSER_EMAIL: str = "admin@example.com"
    """
    assert wire(before) == code(before)


def test_in_another_resources_module_only_its_registries_and_import_lines_are_wired() -> None:
    """The import lines are repeated as anywhere (_write_wirings drops those the module does not
    use); its functions are its own."""
    transformer = WireIn(ITEM, ORDER, set(), "kebab", RESOURCES, registries_only=True)
    before = """\
        from app.items.models import Item
        from app.items.service import item_service


        class Permission(StrEnum):
            VIEW_USERS = "view_users"
            VIEW_ITEMS = "view_items"


        def delete_user(user):
            item_service.forget(user)
    """
    after = """\
        from app.items.models import Item
        from app.orders.models import Order
        from app.items.service import item_service
        from app.orders.service import order_service


        class Permission(StrEnum):
            VIEW_USERS = "view_users"
            VIEW_ITEMS = "view_items"
            VIEW_ORDERS = "view_orders"


        def delete_user(user):
            item_service.forget(user)
    """
    assert cst.parse_module(code(before)).visit(transformer).code == code(after)
    assert transformer.registered == 1


def test_methods_taking_arguments_per_resource_are_work_not_a_registry() -> None:
    """`membership_for_item(item_id)` does something about Items; a new resource's twin would
    call it with arguments nothing takes."""
    before = """\
        class MembershipService:
            async def membership_for_item(self, *, item_id):
                return await self.repository.get(item_id=item_id)

            async def membership_for_user(self, *, user_id):
                return await self.repository.get(user_id=user_id)
    """
    assert wire(before) == code(before)


def test_a_name_built_from_a_paired_field_is_wired_as_the_clone_defines_it() -> None:
    """`sku` paired with `code`: the clone's exceptions module defines OrderCodeAlreadyExists
    (rename_fields.py), so a handler registered for the exemplar's is registered for that."""
    before = """\
        from app.exceptions import ItemSkuAlreadyExists, conflict

        app.add_exception_handler(ItemSkuAlreadyExists, conflict)
    """
    after = """\
        from app.exceptions import ItemSkuAlreadyExists, OrderCodeAlreadyExists, conflict

        app.add_exception_handler(ItemSkuAlreadyExists, conflict)
        app.add_exception_handler(OrderCodeAlreadyExists, conflict)
    """
    transformer = WireIn(ITEM, ORDER, set(), "kebab", RESOURCES, fields={"sku": "code"})
    assert cst.parse_module(code(before)).visit(transformer).code == code(after)


# -- the import lines of a registry module ----------------------------------------------------

_IMPORT_LINES = [
    "from app.routers import auth, items, users\n",
    "from app.routers import (\n    auth,\n    items,\n)\n",
    "\n\nfrom app.models.item import Item\n",
    "from . import items\n",
    "import app.routers.items\n",
    "import app.routers.items as item_routes\n",
    "from app.models import Item as ItemModel, User\n",
    "from app.core import item_limits\n",  # spells it in a name the module imports
    "from app.settings import ITEMS_PER_PAGE\n",
    "from app.routers import auth  # items later\n",  # only the comment spells it
    "import os\n# the items\nfrom app.routers import auth\n",  # the last line, under a comment
    "from app.routers import items; import os\n",
    "from app.routers import auth, users\n",
]


def test_an_import_line_mentions_the_exemplar_exactly_where_its_names_walked_say_so() -> None:
    # a line holding one import and no comment is answered from its text (an app importing
    # hundreds of routers in one line); the answer is the walk's, line by line
    from codemods.clone.wire import _ExemplarNames, _plain_import_line

    plain = 0
    for line in _IMPORT_LINES:
        module = cst.parse_module(line)
        transformer = WireIn(ITEM, ORDER, set(), "kebab", RESOURCES)
        transformer.visit_Module(module)
        stmt = module.body[-1]
        walked = _ExemplarNames(transformer.pattern, transformer.module_names, transformer._code)
        stmt.visit(walked)
        expected = bool(transformer.pattern.search(transformer._code(stmt))) and walked.hit
        assert transformer._mentions(stmt) is expected, line
        plain += _plain_import_line(stmt)
    assert plain == 10  # the shortcut was taken where it may be, and only there


# -- printing the wired module --------------------------------------------------------------------


def test_the_wired_module_is_printed_from_the_texts_the_pass_made_of_its_statements(monkeypatch) -> None:
    # an app of many routers: the pass printed each statement to read it; printing the module
    # again takes those texts for the statements it left as they were
    from codemods.visit import visit

    names = [f"r{n:03d}" for n in range(200)]
    before = "from app.routers import (\n" + "".join(f"    {n},\n" for n in ["items", *names]) + ")\n\n" + (
        "__all__ = [\n" + "".join(f'    "{n}",\n' for n in ["Item", *names]) + "]\n"
    )
    transformer = WireIn(ITEM, ORDER, set(), "kebab", RESOURCES)
    module = visit(cst.parse_module(before), transformer)
    printed = []
    real = cst.SimpleStatementLine._codegen_impl
    monkeypatch.setattr(cst.SimpleStatementLine, "_codegen_impl", lambda self, state: printed.append(self) or real(self, state))
    text = transformer.module_code(module)
    assert printed == []  # each statement's text was the pass's
    assert text == module.code
    assert len(printed) == 2  # where libcst prints both again
    assert "    orders,\n" in text and '    "Order",\n' in text


def test_a_module_of_other_newlines_or_without_a_trailing_newline_is_printed_as_libcst_prints_it() -> None:
    from codemods.visit import visit

    for before in ("from app.routers import items\r\napp.include_router(items.router)\r\n",
                   "from app.routers import items\n\napp.include_router(items.router)",
                   "if True:\n\tfrom app.routers import items\n"):
        transformer = WireIn(ITEM, ORDER, set(), "kebab", RESOURCES)
        module = visit(cst.parse_module(before), transformer)
        assert transformer.module_code(module) == module.code


def test_every_module_of_the_fixtures_wired_prints_as_libcst_prints_it() -> None:
    from codemods.visit import visit
    from tests.harness import FIXTURES, REPO_ROOT

    paths = [*FIXTURES.rglob("*.py"), *(REPO_ROOT / "tests" / "sample_projects").rglob("*.py")]
    assert len(paths) > 100
    for path in paths:
        transformer = WireIn(ITEM, ORDER, set(), "kebab", RESOURCES)
        module = visit(cst.parse_module(path.read_text(encoding="utf-8")), transformer)
        assert transformer.module_code(module) == module.code, path
