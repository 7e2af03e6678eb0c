"""FieldEdits on a row factory, a function taking a parameter per field and passing each on to
the model (`build_note(*, title="Note title")` making `Note(title=title)`): the new fields take
the dropped ones' place, typed as they were, and reach the model."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.field_map import FieldMap
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

EXEMPLAR = (
    FieldInfo("title", "str", optional=False, unique=False, has_default=False),
    FieldInfo("content", "str", optional=False, unique=False, has_default=False),
)


def edited(before: str) -> tuple[str, FieldEdits]:
    spec = parse_resource("Order", ["total:decimal", "note:text?"])
    fmap = FieldMap((), (), ("title", "content"), spec.fields, EXEMPLAR, spec.fields)
    code = textwrap.dedent(before)
    edits = FieldEdits(fmap, ResourceNames.parse("Order"), ModuleStyle.of(code), {}, test_code=True)
    after = cst.parse_module(code).visit(edits).code
    compile(after, "after", "exec")
    return after, edits


def test_a_row_factory_takes_the_new_fields_and_passes_them_on() -> None:
    after, edits = edited(
        """\
        def build_order(
            *,
            order_id: UUID | None = None,
            title: str = "Note title",
            content: str = "Note content",
            is_deleted: bool = False,
        ) -> Order:
            return Order(id=order_id or uuid4(), title=title, content=content, is_deleted=is_deleted)
        """
    )
    assert after == textwrap.dedent(
        """\
        def build_order(
            *,
            order_id: UUID | None = None,
            total: Decimal = Decimal("12.50"),
            note: str | None = None,
            is_deleted: bool = False,
        ) -> Order:
            return Order(id=order_id or uuid4(), is_deleted=is_deleted, total=total, note=note)
        """
    )
    assert ("decimal", "Decimal") in {(i.module, i.name) for i in edits.imports}


def test_a_function_passing_a_dropped_field_to_a_lookup_is_no_factory() -> None:
    """`find(db, title=title)` filters by it: the parameter goes, nothing takes its place."""
    after, _ = edited("def find_order(db, title: str):\n    return crud.find(db, title=title)\n")
    assert after == "def find_order(db):\n    return crud.find(db)\n"


def test_new_parameters_with_defaults_go_after_the_positional_ones_without() -> None:
    """A kept parameter without a default after a dropped one (`session`) stays before the new
    ones: a parameter with a default may not precede one without."""
    after, _ = edited(
        """\
        def build_order(title, session, content):
            session.add(Order(title=title, content=content))
        """
    )
    assert after.startswith('def build_order(session, total=Decimal("12.50"), note=None):')


def test_a_function_of_the_app_making_a_row_gets_no_sample_values() -> None:
    """`Note.create(session, title, content)` in the app's own code is no test's row factory:
    sample values (`Decimal("12.50")`) are no defaults of production code."""
    spec = parse_resource("Order", ["total:decimal", "note:text?"])
    fmap = FieldMap((), (), ("title", "content"), spec.fields, EXEMPLAR, spec.fields)
    code = "def create(session, title, content):\n    session.add(Order(title=title, content=content))\n"
    edits = FieldEdits(fmap, ResourceNames.parse("Order"), ModuleStyle.of(code), {}, test_code=False)
    assert "12.50" not in cst.parse_module(code).visit(edits).code
