"""Each union field gets a create test of its own that sends a `type` no variant has: 422.

Made from the cloned create test, which posts a valid variant; the copy stops at the status check.
Before:
    def test_create_order(client, auth_headers):
        payload = {"name": "Games", "payment": {"type": "card", "last4": "1234"}}
        response = client.post("/orders", json=payload, headers=auth_headers)
        assert response.status_code == 201
        ...
After, beside it:
    def test_create_order_payment_of_unknown_type(client, auth_headers):
        payload = {"name": "Games", "payment": {"type": "unknown"}}
        response = client.post("/orders", json=payload, headers=auth_headers)
        assert response.status_code == 422, response.text
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.create_test import find_create_test
from codemods.spec import DISCRIMINATOR, FieldSpec, unknown_tag


class _Tagged(cst.CSTTransformer):
    """The payload's value for the field becomes `{"type": "<unknown>"}`."""

    def __init__(self, payload: cst.Dict, field: FieldSpec):
        super().__init__()
        self.payload, self.field = payload, field
        self.value = cst.parse_expression(f'{{"{DISCRIMINATOR}": "{unknown_tag(field)}"}}')

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        if not original.deep_equals(self.payload):
            return updated
        elements = [
            e.with_changes(value=self.value)
            if isinstance(e, cst.DictElement)
            and isinstance(e.key, cst.SimpleString)
            and e.key.evaluated_value == self.field.column_name
            else e
            for e in updated.elements
        ]
        return updated.with_changes(elements=elements)


def add_union_cases(module: cst.Module, fields: tuple[FieldSpec, ...], snake: str) -> cst.Module:
    """`module` with a 422 case per union field next to its create test (none where it is there)."""
    for field in reversed(
        [f for f in fields if f.type == "union"]
    ):  # each goes first: in the spec's order
        name = f"test_create_{snake}_{field.column_name}_of_unknown_type"
        found = find_create_test(module, {field.column_name})
        defined = {s.name.value for s in module.body if isinstance(s, cst.FunctionDef)}
        if found is None or name in defined:
            continue
        kept = list(found.function.body.body[: found.status_at])
        check = cst.parse_statement(
            f"assert {found.response}.status_code == 422, {found.response}.text\n"
        )
        case = found.function.with_changes(
            name=cst.Name(name), body=found.function.body.with_changes(body=[*kept, check])
        )
        case = case.visit(_Tagged(found.payload, field))
        at = module.body.index(found.function) + 1
        case = case.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        module = module.with_changes(body=[*module.body[:at], case, *module.body[at:]])
    return module
