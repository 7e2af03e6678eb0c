"""Templates write union and computed fields: the sub-models, the alias with its discriminator,
the read schema's `@computed_field` properties and the tests that check both (users_only, which
has nothing to clone); a project writing pydantic 1 schemas is refused computed fields."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from codemods.errors import ConventionError
from codemods.planner import build_plan
from codemods.spec import parse_resource
from detectors import ProjectIndex, detect_conventions
from tests.codemods.test_render_legacy_stack import PROJECT as PYDANTIC_1_PROJECT
from tests.detectors._project import make_project
from tests.harness import FIXTURES

FIELDS = ["name:str", "qty:int", "payment:union[card{last4:str},cash{}]?", "@double=qty*2"]


def plan_files(root: Path, fields: list[str]) -> dict[str, str]:
    index = ProjectIndex(root)
    plan = build_plan(detect_conventions(root, index), parse_resource("Order", fields), index)
    return {e.path: e.new for e in plan.changed}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("users_only") / "users_only"
    shutil.copytree(FIXTURES / "users_only", root)
    return plan_files(root, FIELDS)


def test_each_variant_is_a_sub_model_with_its_tag_and_the_field_takes_the_alias(files) -> None:
    schemas = files["app/schemas/order.py"]
    assert (
        'class OrderPaymentCard(BaseModel):\n    type: Literal["card"]\n    last4: str\n' in schemas
    )
    assert 'class OrderPaymentCash(BaseModel):\n    type: Literal["cash"]\n' in schemas
    assert (
        'OrderPayment = Annotated[Union[OrderPaymentCard, OrderPaymentCash], Field(discriminator="type")]'
        in schemas
    )
    assert "    payment: OrderPayment | None = None\n" in schemas
    assert (
        "payment: Mapped[dict[str, Any] | None] = mapped_column(JSON"
        in files["app/models/order.py"]
    )


def test_the_computed_field_is_a_property_of_the_read_schema_only(files) -> None:
    schemas = files["app/schemas/order.py"]
    prop = "    @computed_field\n    @property\n    def double(self) -> int:\n        return self.qty * 2\n"
    assert prop in schemas
    assert schemas.count("def double") == 1
    assert schemas.index("def double") > schemas.index("class OrderPublic")
    assert "double" not in files["app/models/order.py"]


def test_the_tests_check_the_computed_value_and_send_an_unknown_type(files) -> None:
    tests = files["tests/api/test_orders.py"]
    assert 'assert body["double"] == payload["qty"] * 2' in tests
    assert '"payment": {"type": "unknown"}' in tests
    assert "def test_create_order_payment_of_unknown_type(" in tests


def test_pydantic_1_schemas_are_refused_computed_fields(tmp_path: Path) -> None:
    root = make_project(tmp_path, PYDANTIC_1_PROJECT)
    with pytest.raises(ConventionError, match="@computed_field needs pydantic 2"):
        plan_files(root, ["qty:int", "@double=qty*2"])
    assert (
        "class OrderPaymentCard"
        in plan_files(root, ["payment:union[card{last4:str},cash{}]"])["app/db/schemas.py"]
    )
