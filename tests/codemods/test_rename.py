"""rename_code: a sibling's code, every spelling of its resource renamed to the new one."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.names import ResourceNames
from codemods.rename import rename_code, rename_text


def code(text: str) -> str:
    return textwrap.dedent(text)


def names(name: str) -> ResourceNames:
    return ResourceNames.parse(name)


CASES = [
    # -- nothing naming the sibling: unchanged byte for byte ----------------------------------
    pytest.param(
        "Project",
        "Order",
        "app.include_router(users.router)  # keep\n",
        "app.include_router(users.router)  # keep\n",
        id="unchanged-unrelated-code",
    ),
    pytest.param(
        "Project",
        "Order",
        "class Projector:\n    subprojects = 'projection'\n",
        "class Projector:\n    subprojects = 'projection'\n",
        id="unchanged-longer-words",
    ),
    # -- identifiers ----------------------------------------------------------------------------
    pytest.param(
        "Project",
        "Order",
        "app.include_router(projects.router)\n",
        "app.include_router(orders.router)\n",
        id="module-name",
    ),
    pytest.param(
        "Project",
        "Order",
        code("""\
                    class ProjectsPublic(SQLModel):
                        data: list[ProjectPublic]
                        count: int
                 """),
        code("""\
                    class OrdersPublic(SQLModel):
                        data: list[OrderPublic]
                        count: int
                 """),
        id="plural-and-singular-pascal-longest-first",
    ),
    pytest.param(
        "Project",
        "Order",
        "def get_project_service(session: SessionDep) -> ProjectService:\n"
        "    return ProjectService(session, project_id=projectId)\n",
        "def get_order_service(session: SessionDep) -> OrderService:\n"
        "    return OrderService(session, order_id=orderId)\n",
        id="snake-pascal-and-camel-parts",
    ),
    pytest.param(
        "Project",
        "Order",
        "x = ListProjects(read_projects)\n",
        "x = ListOrders(read_orders)\n",
        id="inside-compound-identifiers",
    ),
    pytest.param(
        "LineItem",
        "Category",
        "line_items = crud.get_line_items(LineItemsPublic)\n",
        "categories = crud.get_categories(CategoriesPublic)\n",
        id="multi-word-to-irregular-plural",
    ),
    pytest.param(
        "HTTPRequest",
        "Order",
        "x: HTTPRequestsPublic = list_http_requests()\n",
        "x: OrdersPublic = list_orders()\n",
        id="acronym",
    ),
    # -- strings and f-strings ------------------------------------------------------------------
    pytest.param(
        "Project",
        "Order",
        'router = APIRouter(prefix="/projects", tags=["projects"])\n',
        'router = APIRouter(prefix="/orders", tags=["orders"])\n',
        id="strings",
    ),
    pytest.param(
        "Project",
        "Order",
        'r = client.get(f"{settings.API_V1_STR}/projects/{project.id}")\n',
        'r = client.get(f"{settings.API_V1_STR}/orders/{order.id}")\n',
        id="f-string-text-and-expressions",
    ),
    pytest.param(
        "Project",
        "Order",
        'raise HTTPException(404, detail="Project not found")\n',
        'raise HTTPException(404, detail="Order not found")\n',
        id="message",
    ),
    pytest.param(
        "LineItem",
        "PurchaseOrder",
        code('''\
                    def read_line_items():
                        """Read line items."""
                        return {"url": "/line-items/", "detail": "Line item not found", "x": f"{n} line items"}
                 '''),
        code('''\
                    def read_purchase_orders():
                        """Read purchase orders."""
                        return {"url": "/purchase-orders/", "detail": "Purchase order not found", "x": f"{n} purchase orders"}
                 '''),
        id="kebab-title-and-plural-title",
    ),
    pytest.param(
        "Project",
        "Order",
        "# the projects router\napp.include_router(projects.router)\n",
        "# the orders router\napp.include_router(orders.router)\n",
        id="comments-are-renamed-too",
    ),    # -- prose: an indefinite article agrees with the new word ---------------------------------
    pytest.param(
        "Author",
        "Depot",
        code('''\
                    def delete_author():
                        """Delete an author."""
                        raise HTTPException(409, detail="An author with this name already exists")  # an author
                 '''),
        code('''\
                    def delete_depot():
                        """Delete a depot."""
                        raise HTTPException(409, detail="A depot with this name already exists")  # a depot
                 '''),
        id="article-an-to-a",
    ),
    pytest.param(
        "Project",
        "Invoice",
        'DETAIL = "A project is required"\nNOTE = f"Update a project: {a.project}"\n',
        'DETAIL = "An invoice is required"\nNOTE = f"Update an invoice: {a.invoice}"\n',
        id="article-a-to-an",
    ),
]


@pytest.mark.parametrize("old, new, before, after", CASES)
def test_rename_code(old: str, new: str, before: str, after: str) -> None:
    expected = cst.parse_module(after).code  # a bad expectation fails here, loudly
    assert rename_code(before, names(old), names(new)) == expected


@pytest.mark.parametrize("old, new, before, after", CASES)
def test_rename_code_is_idempotent(old: str, new: str, before: str, after: str) -> None:
    once = rename_code(before, names(old), names(new))
    assert rename_code(once, names(old), names(new)) == once


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Projects", "Orders", id="plural-pascal"),
        pytest.param("Project", "Order", id="pascal"),
        pytest.param("projects", "orders", id="plural-snake"),
        pytest.param("project_id", "order_id", id="snake-part"),
        pytest.param("ProjectsPublic", "OrdersPublic", id="plural-before-singular"),
        pytest.param("Projector", "Projector", id="not-a-longer-word"),
        pytest.param("subproject", "subproject", id="not-inside-a-lowercase-word"),
        pytest.param("An item or a project", "An item or an order", id="article-of-the-renamed-word-only"),
        pytest.param("AN PROJECT", "AN ORDER", id="article-in-capitals"),
        pytest.param("data project", "data order", id="no-article-inside-a-word"),
    ],
)
def test_rename_text(text: str, expected: str) -> None:
    assert rename_text(text, names("Project"), names("Order")) == expected


def test_methods_of_builtin_types_keep_their_names() -> None:
    code = "for k, v in data.model_dump().items():\n    item = crud.item.get(k)\n"
    renamed = rename_code(code, ResourceNames.parse("Item"), ResourceNames.parse("Order"))
    assert renamed == "for k, v in data.model_dump().items():\n    order = crud.order.get(k)\n"


def test_path_placeholders_stay_python_names_in_a_kebab_url() -> None:
    renamed = rename_text("/categories/{category_id}", ResourceNames.parse("Category"), ResourceNames.parse("LineItem"), "kebab")
    assert renamed == "/line-items/{line_item_id}"


def test_a_string_with_braces_of_its_own_is_renamed_like_any_text() -> None:
    """JSON in a docstring beside a path: its braces are no placeholders (the split once recursed
    on such a piece for ever)."""
    text = 'Returns:\n    {"data": {"key": "uploads/files/{file_id}"}}\n'
    renamed = rename_code(f'def build_file(x):\n    """{text}"""\n', ResourceNames.parse("File"), ResourceNames.parse("LineItem"))
    assert renamed == 'def build_line_item(x):\n    """Returns:\n    {"data": {"key": "uploads/line-items/{line_item_id}"}}\n"""\n'
