"""The cloned create test checks each computed field's value in the response.

Before (`@total_cents=qty*100`):
    payload = {"name": "Games", "qty": 3}
    response = await client.post("/orders", json=payload, headers=auth_headers)
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Games"
After, one more line:
    assert body["total_cents"] == 3 * 100
The fields' literal values are written in where they are literals, `payload["qty"]` otherwise.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.create_test import dict_keys, find_create_test
from codemods.computed import ComputedField
from codemods.imports import Import


def _literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation):
        return _literal(node.expression)
    return isinstance(node, (cst.Integer, cst.Float)) or (
        isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str)
    )


def _expected(
    computed: ComputedField, values: dict[str, cst.BaseExpression], payload: str | None
) -> str | None:
    """The expected value's code over the payload's values; None where one is neither a literal
    nor readable from a named payload."""
    texts = {}
    for name, _ in computed.reads:
        value = values[name]
        if _literal(value):
            texts[name] = cst.Module(body=[]).code_for_node(value)
        elif payload is not None:
            texts[name] = f'{payload}["{name}"]'
        else:
            return None
    return computed.over(texts.__getitem__)


def check_computed(
    module: cst.Module, computed: tuple[ComputedField, ...]
) -> tuple[cst.Module, list[Import]]:
    """`module` with the assertions added to its create test (unchanged where there is none, or
    where they are there already), and the imports they need."""
    imports: list[Import] = []
    for c in computed:
        found = find_create_test(module, {name for name, _ in c.reads})
        if (
            found is None
            or found.body_name is None
            or f'["{c.name}"]' in cst.Module(body=[found.function]).code
        ):
            continue
        expected = _expected(c, dict_keys(found.payload), found.payload_name)
        if expected is None:
            continue
        got = f'{found.body_name}["{c.name}"]'
        if c.type == "decimal" or "Decimal(" in expected:
            imports.append(Import("decimal", "Decimal"))
        if c.type == "decimal":
            got = f"Decimal(str({got}))"  # JSON carries a decimal as a string
        line = cst.parse_statement(f"assert {got} == {expected}\n")
        statements = list(found.function.body.body)
        at = found.last_body_read + 1
        statements.insert(at, line)
        new = found.function.with_changes(body=found.function.body.with_changes(body=statements))
        module = module.with_changes(body=[new if s is found.function else s for s in module.body])
    return module, imports
