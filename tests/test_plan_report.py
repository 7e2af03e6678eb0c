"""`--plan` prints the plan on stdout, read back from the planned code; `--plan --json` the same
as data. Neither writes anything."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from codemods.plan import FileEdit, Plan
from codemods.plan_report import Choice, as_text, build_report
from tests.harness import copy_fixture, run_codemod, snapshot

MODEL = textwrap.dedent("""\
    class Order(Base):
        __tablename__ = "orders"

        id: Mapped[int] = mapped_column(primary_key=True)
        code: Mapped[str] = mapped_column(String(20), unique=True)
        status: Mapped[str] = mapped_column(String(10), index=True)
""")
SCHEMAS = textwrap.dedent("""\
    class OrderBase(BaseModel):
        code: str


    class OrderCreate(OrderBase):
        pass


    class OrderKind(str, Enum):
        a = "a"
""")
ROUTER = textwrap.dedent("""\
    router = APIRouter(prefix="/orders")
    CurrentUser = Annotated[User, Depends(get_current_user)]


    @router.post("", status_code=status.HTTP_201_CREATED)
    def create_order(data: OrderCreate, user: CurrentUser, db: Session = Depends(get_db)):
        if exists(db, data.code):
            raise HTTPException(status_code=409, detail="taken")
        return add(db, data)


    @router.get("/{order_id}")
    def get_order(order_id: int, db: Session = Depends(get_db)):
        raise HTTPException(status.HTTP_404_NOT_FOUND)
""")
TESTS = textwrap.dedent("""\
    def test_create_order(client): ...


    class TestOrders:
        def test_get(self, client): ...
""")


def test_the_report_reads_models_schemas_endpoints_and_tests_from_the_code() -> None:
    plan = Plan(
        (
            FileEdit("app/models.py", "", MODEL),
            FileEdit("app/schemas.py", None, SCHEMAS),
            FileEdit("app/routers/orders.py", None, ROUTER),
            FileEdit("tests/test_orders.py", None, TESTS),
        ),
        explain=("exemplar Item (most complete)",),
    )
    report = build_report(plan, "Order", (Choice("methods", "crud", "flag"),))
    [model] = report.models
    assert (model.name, model.table) == ("Order", "orders")
    assert model.indexes == ("id (primary_key)", "code (unique)", "status (index)")
    # an enum is no schema; a class deriving from a schema is one, even without fields of its own
    assert [(s.name, s.fields) for s in report.schemas] == [("OrderBase", ("code: str",)), ("OrderCreate", ())]
    create, get = report.endpoints
    assert (create.method, create.path, create.status_codes) == ("POST", "/orders", (201, 409, 422))
    assert create.dependencies == ("get_current_user", "get_db")
    assert (get.path, get.status_codes) == ("/orders/{order_id}", (200, 404, 422))
    assert report.tests == ("tests/test_orders.py::test_create_order", "tests/test_orders.py::TestOrders::test_get")
    text = as_text(report)
    assert "exemplar Item (most complete)" in text and "methods = crud  (flag)" in text


def test_a_router_served_under_the_prefix_its_new_include_gives_has_its_routes_under_it() -> None:
    # tiangolo's template: `APIRouter()` with no prefix, the prefix on the api router's include
    app = 'api_router = APIRouter()\napi_router.include_router(items.router, prefix="/items")\n'
    routes = ROUTER.replace('APIRouter(prefix="/orders")', "APIRouter()")
    plan = Plan((
        FileEdit("app/api/main.py", app, app + 'api_router.include_router(orders.router, prefix="/orders")\n'),
        FileEdit("app/api/routes/orders.py", None, routes),
    ))
    assert [e.path for e in build_report(plan, "Order", ()).endpoints] == ["/orders", "/orders/{order_id}"]


def test_plan_and_plan_json_print_the_same_plan_and_write_nothing(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    args = ("Order", "total:decimal", "--methods", "list,get,create")
    text = run_codemod(project, *args, "--plan")
    data = run_codemod(project, *args, "--plan", "--json")
    assert text.returncode == data.returncode == 0, text.stderr + data.stderr
    assert snapshot(project) == before
    report = json.loads(data.stdout)
    endpoints = {(e["method"], e["path"]) for e in report["endpoints"]}
    assert endpoints == {("GET", "/orders"), ("GET", "/orders/{order_id}"), ("POST", "/orders")}
    assert report["explain"][0].startswith("exemplar Category")
    assert {"name": "methods", "value": "list,get,create", "source": "flag"} in report["choices"]
    assert any(f["path"] == "app/routers/orders.py" and f["action"] == "create" for f in report["files"])
    for e in report["endpoints"]:
        assert f"{e['method']} {e['path']}  -> " in text.stdout


def test_json_without_plan_is_refused(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    proc = run_codemod(project, "Order", "--json")
    assert proc.returncode == 2 and "--json goes with --plan" in proc.stderr


def test_the_plan_says_before_writing_why_the_templates_write_no_tests(tmp_path: Path) -> None:
    # its tests build their client inside each test: no fixture, nor a client of the module's,
    # for generated tests to ask for
    project = copy_fixture("tutorial_sql_app", tmp_path)
    module = project / "tests/test_users.py"
    text = module.read_text().replace("client = TestClient(app)\n", "")
    module.write_text(text.replace("def test_create_user():\n", "def test_create_user():\n    client = TestClient(app)\n"))
    proc = run_codemod(project, "Gadget", "title:str", "--plan")
    assert proc.returncode == 0, proc.stderr
    assert "  tests not generated: the tests have no client fixture to build on\n" in proc.stdout


def test_a_module_with_a_byte_order_mark_is_read_and_one_ast_cannot_read_is_passed_over() -> None:
    # the single run's summary reads every plan back: a text the check read must not stop it
    plan = Plan((
        FileEdit("app/routers/orders.py", None, "\ufeff" + ROUTER),
        FileEdit("app/newer.py", None, "type Alias = int\nmatch = (\n"),
    ))
    assert [e.path for e in build_report(plan, "Order", ()).endpoints] == ["/orders", "/orders/{order_id}"]
