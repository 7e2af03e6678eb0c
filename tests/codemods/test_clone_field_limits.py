"""FieldLimits: a field given bounds (`name:str(3..80)`, `qty:int(1..)`) narrows the code it has."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.clone.field_limits import FieldLimits, fit_formatted
from codemods.imports import Import
from codemods.spec import FieldSpec, parse_field

NAME = parse_field("name:str(3..80)")
QTY = parse_field("qty:int(1..)")
PRICE = parse_field("price:decimal(0.5..1000)")


def code(text: str) -> str:
    return textwrap.dedent(text)


def limited(before: str, *fields: FieldSpec, test_code: bool = False) -> tuple[str, list[Import]]:
    transformer = FieldLimits({f.column_name: f for f in fields or (NAME,)}, test_code=test_code)
    after = cst.parse_module(code(before)).visit(transformer).code
    cst.parse_module(after)  # the expectation below is code, not just text
    return after, transformer.imports


# -- no change ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "before",
    [
        pytest.param(
            """\
            class OrderCreate(BaseModel):
                note: str = Field(max_length=100)
            """,
            id="another-field",
        ),
        pytest.param(
            """\
            name = Field(max_length=100)
            """,
            id="module-level-name",
        ),
        pytest.param(
            """\
            payload = {"name": "Go"}
            """,
            id="app-code-values-are-not-test-data",
        ),
    ],
)
def test_code_of_other_fields_and_outside_classes_is_unchanged(before: str) -> None:
    assert limited(before) == (code(before), [])


# -- models ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "before, after",
    [
        pytest.param(
            "name: Mapped[str] = mapped_column(String(100), unique=True)",
            "name: Mapped[str] = mapped_column(String(80), unique=True)",
            id="mapped-column",
        ),
        pytest.param(
            "name: Mapped[str] = mapped_column(String(length=100))",
            "name: Mapped[str] = mapped_column(String(length=80))",
            id="length-keyword",
        ),
        pytest.param(
            "name: Mapped[str] = mapped_column(sa.String)",
            "name: Mapped[str] = mapped_column(sa.String(80))",
            id="bare-type",
        ),
        pytest.param(
            "name = Column(String(100), nullable=False, index=True)",
            "name = Column(String(80), nullable=False, index=True)",
            id="column",
        ),
    ],
)
def test_a_model_column_takes_the_maximum_length(before: str, after: str) -> None:
    body = "class Order(Base):\n    {}\n"
    assert limited(body.format(before)) == (body.format(after), [])


def test_a_minimum_alone_leaves_the_column_as_it_is() -> None:
    before = """\
        class Order(Base):
            name: Mapped[str] = mapped_column(String(100))
    """
    assert limited(before, parse_field("name:str(3..)")) == (code(before), [])


def test_a_revision_column_takes_the_maximum_length() -> None:
    before = """\
        op.create_table("orders", sa.Column("name", sa.String(length=100), nullable=False))
    """
    after = """\
        op.create_table("orders", sa.Column("name", sa.String(length=80), nullable=False))
    """
    assert limited(before) == (code(after), [])


# -- schemas -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "before, after",
    [
        pytest.param(
            "name: str = Field(min_length=1, max_length=100)",
            "name: str = Field(min_length=3, max_length=80)",
            id="field-replaced",
        ),
        pytest.param(
            "name: str | None = Field(default=None, description='Shown')",
            "name: str | None = Field(default=None, description='Shown', min_length=3, max_length=80)",
            id="field-extended",
        ),
        pytest.param(
            "name: constr(min_length=1, max_length=200)",
            "name: constr(min_length=3, max_length=80)",
            id="constr",
        ),
        pytest.param(
            "name: Optional[constr(max_length=200)] = None",
            "name: Optional[constr(max_length=80, min_length=3)] = None",
            id="optional-constr",
        ),
        pytest.param(
            "name: Annotated[str, Field(max_length=200)]",
            "name: Annotated[str, Field(max_length=80, min_length=3)]",
            id="annotated",
        ),
    ],
)
def test_a_schema_s_constraint_call_takes_the_bounds(before: str, after: str) -> None:
    body = "class OrderCreate(BaseModel):\n    {}\n"
    assert limited(body.format(before)) == (body.format(after), [])


@pytest.mark.parametrize(
    "before, after",
    [
        pytest.param("name: str", "name: str = Field(min_length=3, max_length=80)", id="required"),
        pytest.param(
            "name: str | None = None",
            "name: str | None = Field(default=None, min_length=3, max_length=80)",
            id="default",
        ),
    ],
)
def test_a_plain_schema_field_gains_a_field_call(before: str, after: str) -> None:
    body = "class OrderCreate(BaseModel):\n    {}\n"
    assert limited(body.format(before)) == (body.format(after), [Import("pydantic", "Field")])


def test_a_user_bound_replaces_only_its_side_of_the_column_s_range() -> None:
    before = """\
        class OrderCreate(BaseModel):
            qty: int = Field(ge=-(2**31), le=2**31 - 1)
    """
    after = """\
        class OrderCreate(BaseModel):
            qty: int = Field(ge=1, le=2**31 - 1)
    """
    assert limited(before, QTY) == (code(after), [])


def test_a_user_bound_replaces_the_exemplar_s_strict_bound_on_its_side() -> None:
    before = """\
        class OrderCreate(BaseModel):
            price: Decimal = Field(gt=0, max_digits=8, decimal_places=2)
    """
    after = """\
        class OrderCreate(BaseModel):
            price: Decimal = Field(max_digits=8, decimal_places=2, ge=0, le=1000)
    """
    assert limited(before, parse_field("price:decimal(0..1000)")) == (code(after), [])


def test_a_fractional_decimal_bound_is_an_exact_decimal() -> None:
    before = """\
        class OrderCreate(BaseModel):
            price: Decimal = Field(max_digits=12, decimal_places=2)
    """
    after = """\
        class OrderCreate(BaseModel):
            price: Decimal = Field(max_digits=12, decimal_places=2, ge=Decimal("0.5"), le=1000)
    """
    assert limited(before, PRICE) == (code(after), [Import("decimal", "Decimal")])


# -- test values -------------------------------------------------------------------------------


def test_test_values_the_bounds_refuse_move_inside_them() -> None:
    before = """\
        def test_create(client):
            payload = {"name": "Go", "qty": 0, "price": "0.10", "note": "x"}
            order = Order(name="A very long name" * 10, qty=-3)
            assert body["name"] == "Go"
            assert order.qty == 0
    """
    after = """\
        def test_create(client):
            payload = {"name": "Gox", "qty": 1, "price": "0.50", "note": "x"}
            order = Order(name="A very long name" * 10, qty=1)
            assert body["name"] == "Gox"
            assert order.qty == 1
    """
    assert limited(before, NAME, QTY, PRICE, test_code=True) == (code(after), [])


def test_a_helper_s_default_for_the_field_moves_too() -> None:
    before = """\
        def create_order(client, name="Ursula K. Le Guin", qty=0):
            return client.post("/orders", json={"name": name, "qty": qty})
    """
    after = """\
        def create_order(client, name="Ursula K. Le Guin", qty=1):
            return client.post("/orders", json={"name": name, "qty": qty})
    """
    assert limited(before, NAME, QTY, test_code=True) == (code(after), [])


def test_values_a_loop_feeds_the_field_and_the_list_it_expects_back_move_too() -> None:
    short = parse_field("name:str(..4)")
    before = """\
        def test_list(client):
            for name in ("Audio", "Garden", "Tools"):
                client.post("/orders", json={"name": name})
            assert [row["name"] for row in page] == ["Audio", "Garden"]
    """
    after = """\
        def test_list(client):
            for name in ("Audi", "Gard", "Tool"):
                client.post("/orders", json={"name": name})
            assert [row["name"] for row in page] == ["Audi", "Gard"]
    """
    assert limited(before, short, test_code=True) == (code(after), [])


@pytest.mark.parametrize(
    "spec, before, after",
    [
        pytest.param(
            "name:str(..4)", 'f"Order {n}"', 'f"O{n}"', id="cut-to-leave-room-for-the-hole"
        ),
        pytest.param(
            "name:str(12..)", 'f"Order {n}"', 'f"Order {n}xxxxx"', id="padded-to-the-minimum"
        ),
        pytest.param("name:str(3..80)", 'f"Order {n}"', 'f"Order {n}"', id="already-inside"),
        pytest.param(
            "name:str(..4)",
            'f"S{uuid4().hex[:8]}"',
            'f"S{uuid4().hex[:8]}"[:4]',
            id="computed-hole-cut-whole",
        ),
        pytest.param(
            "name:str(..80)",
            'f"S{uuid4().hex[:8]}"',
            'f"S{uuid4().hex[:8]}"',
            id="computed-hole-with-room",
        ),
    ],
)
def test_a_made_up_f_string_fits_the_length(spec: str, before: str, after: str) -> None:
    node = cst.parse_expression(before)
    assert cst.Module(body=[]).code_for_node(fit_formatted(parse_field(spec), node)) == after


def test_an_f_string_whose_holes_alone_could_overflow_does_not_fit() -> None:
    assert fit_formatted(parse_field("name:str(..2)"), cst.parse_expression('f"{n}"')) is None


def test_a_helper_s_made_up_text_is_cut_to_the_maximum_length() -> None:
    # `random_lower_string()` makes 32 letters: a title renamed into `name:str(3..30)` takes 30
    short = parse_field("name:str(3..30)")
    before = """\
        def create_random_order(db):
            name = random_lower_string()
            return crud.create(db, OrderCreate(name=name, qty=fresh_qty()))


        def test_create(client):
            client.post("/orders", json={"name": random_lower_string()})
    """
    after = """\
        def create_random_order(db):
            name = random_lower_string()[:30]
            return crud.create(db, OrderCreate(name=name, qty=fresh_qty()))


        def test_create(client):
            client.post("/orders", json={"name": random_lower_string()[:30]})
    """
    assert limited(before, short, QTY, test_code=True) == (code(after), [])
    # outside tests, and for a field without a maximum, a call stays
    assert limited(before, short)[0] == code(before)
    assert limited(before, parse_field("name:str(3..)"), test_code=True)[0] == code(before)
