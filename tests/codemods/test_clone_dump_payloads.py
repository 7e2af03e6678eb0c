"""FieldEdits on a dict compared with a model's dump: a dump in Python mode gives Python values
(`Decimal("12.50")`, not the JSON "12.50" a request body holds); one in JSON mode gives JSON."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.field_map import FieldMap
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

EXEMPLAR = (FieldInfo("title", "str", optional=False, unique=False, has_default=False),)


def edited(before: str) -> str:
    spec = parse_resource("Order", ["total:decimal"])
    fmap = FieldMap((), (), ("title",), spec.fields, EXEMPLAR, spec.fields)
    code = textwrap.dedent(before)
    edits = FieldEdits(fmap, ResourceNames.parse("Order"), ModuleStyle.of(code), {}, test_code=True)
    return cst.parse_module(code).visit(edits).code


def test_the_expected_dump_in_python_mode_holds_python_values() -> None:
    after = edited(
        """\
        model = OrderUpdate.model_validate({"title": "New"})
        assert model.model_dump(exclude_unset=True) == {"title": "New"}
        """
    )
    assert 'model_validate({"total": "12.50"})' in after  # the input is what a client sends
    assert 'model_dump(exclude_unset=True) == {"total": Decimal("12.50")}' in after


def test_a_dump_in_json_mode_is_compared_with_json_values() -> None:
    after = edited('assert model.model_dump(mode="json") == {"title": "New"}\n')
    assert after == 'assert model.model_dump(mode="json") == {"total": "12.50"}\n'
