"""A cloned update test whose payload lost every field sends a field the new resource keeps.

Before (repository_pg's Project update test, cloned for `Tag name:str`, which drops `description`):
    async def test_update_tag(client, auth_headers):
        tag = await create_tag(client, auth_headers, name="Roadmap")
        response = await client.patch(f"/api/v1/tags/{tag['id']}", json={}, headers=auth_headers)
        assert response.status_code == 200
        body = response.json()
        assert body["name"] == "Roadmap"
        assert body["updated_at"] > tag["updated_at"]
After:
        response = await client.patch(f"/api/v1/tags/{tag['id']}", json={"name": "name two"}, headers=auth_headers)
        ...
        assert body["name"] == "name two"
        assert body["updated_at"] > tag["updated_at"]

An update sending nothing changes nothing: the row keeps its `updated_at`, and the test of the
route's happy path tests no update. The field sent is the first the new resource keeps from the
exemplar (so its update schema takes it) with a sample whose JSON reads back as sent, a field not
unique among rows first; what the test asserts of it after the request expects the new value.
A unique field takes a value drawn afresh (`fresh_sample`), bound to a name first, since the
assertions compare with it: `new_name = f"name one {uuid4().hex[:8]}"`.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemods.clone import field_code
from codemods.clone.create_test import expects_failure
from codemods.clone.field_map import FieldMap
from codemods.imports import Import
from codemods.names_read import names_read
from codemods.spec import FieldSpec

_WRITES = frozenset({"patch", "put"})
# kinds whose sample reads back from the JSON answer exactly as sent (a decimal may not: "12.50")
_EXACT = frozenset({"str", "text", "int", "bool", "enum"})


@dataclass(frozen=True)
class Sent:
    """The field an emptied update sends, and the value as code."""

    field: FieldSpec
    value: str
    bound: str | None = None  # the name a fresh value is bound to first


def field_to_send(fields: FieldMap, uuid4: str) -> Sent | None:
    """The kept field an emptied update sends (see the module's docstring); None where the new
    resource keeps none with such a sample."""
    carried = set(fields.kept) | set(fields.rename_table.values())
    candidates = [f for f in fields.new if f.column_name in carried and f.type in _EXACT]
    for f in sorted(candidates, key=lambda f: f.unique):  # stable: the spec's order within each
        if not f.unique:
            value = field_code.sample(f, second=True)
            if value is not None:
                return Sent(f, value)
            continue
        fresh = field_code.fresh_sample(f, uuid4)
        if fresh is not None:
            return Sent(f, fresh, f"new_{f.column_name}")
    return None


class SendKeptField(cst.CSTTransformer):
    """In each of `functions` (the tests whose update payload was emptied), the empty payload of
    their update request sends `sent`, and what they assert of that field after it expects it."""

    def __init__(self, functions: frozenset[str], sent: Sent):
        super().__init__()
        self.functions, self.sent = functions, sent

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if updated.name.value not in self.functions or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        body = list(updated.body.body)
        found = next(((i, e) for i, stmt in enumerate(body) if (e := _empty_update(stmt, body[:i])) is not None), None)
        bound = self.sent.bound
        if found is None or (bound is not None and bound in names_read(updated)):
            return updated  # no empty update, or the name means something in the test already
        at, (holder, empty) = found
        if any(expects_failure(_code(stmt)) for stmt in body[at + 1 :] if ".status_code" in _code(stmt)):
            return updated  # a test of a refused update: sending a valid field would not be refused
        value = cst.Name(bound) if bound is not None else cst.parse_expression(self.sent.value)
        payload = cst.Dict([cst.DictElement(cst.SimpleString(f'"{self.sent.field.column_name}"'), value)])
        body[holder] = body[holder].visit(_Payload(empty, payload))
        body[at + 1 :] = [stmt.visit(_Expected(self.sent.field.column_name, value)) for stmt in body[at + 1 :]]
        if bound is not None:  # bound first, in the place of the statement it goes before
            line = cst.parse_statement(f"{bound} = {self.sent.value}\n")
            body[holder : holder + 1] = [
                line.with_changes(leading_lines=body[holder].leading_lines), body[holder].with_changes(leading_lines=[])
            ]
        return updated.with_changes(body=updated.body.with_changes(body=body))


def send_kept_field(
    module: cst.Module, functions: frozenset[str], fields: FieldMap, uuid4: str
) -> tuple[cst.Module, list[Import]]:
    """`module` with the emptied updates of `functions` sending a kept field (`SendKeptField`),
    and the imports a fresh value needs."""
    sent = field_to_send(fields, uuid4) if functions else None
    if sent is None:
        return module, []
    edited = module.visit(SendKeptField(functions, sent))
    if sent.bound is None or edited.deep_equals(module):
        return edited, []
    return edited, [field_code.uuid4_import(uuid4)]


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _update_call(node: cst.CSTNode) -> cst.Call | None:
    """`client.patch(...)` or `await client.put(...)`, the statement's value."""
    if isinstance(node, cst.Await):
        node = node.expression
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in _WRITES:
        return node
    return None


def _empty_update(stmt: cst.BaseStatement, before: list[cst.BaseStatement]) -> tuple[int, cst.Dict] | None:
    """The empty payload `stmt`'s update request sends, and where it is: the index of `stmt`
    (`len(before)`), or of the statement of `before` binding the name it sends; None where it
    sends none such."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    small = stmt.body[0]
    value = small.value if isinstance(small, (cst.Assign, cst.Expr)) else None
    call = _update_call(value) if value is not None else None
    sent = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "json"), None) if call else None
    if isinstance(sent, cst.Dict) and not sent.elements:
        return len(before), sent
    if isinstance(sent, cst.Name):
        at = next((i for i in range(len(before) - 1, -1, -1) if _assigns(before[i], sent.value)), None)
        bound = before[at].body[0].value if at is not None else None
        return (at, bound) if isinstance(bound, cst.Dict) and not bound.elements else None
    return None


def _assigns(stmt: cst.BaseStatement, name: str) -> bool:
    """Whether `stmt` is `name = ...`, alone on its line."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1 or not isinstance(stmt.body[0], cst.Assign):
        return False
    return any(isinstance(t.target, cst.Name) and t.target.value == name for t in stmt.body[0].targets)


class _Payload(cst.CSTTransformer):
    """The `empty` dict (that node) becomes `payload`."""

    def __init__(self, empty: cst.Dict, payload: cst.Dict):
        super().__init__()
        self.empty, self.payload = empty, payload

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        return self.payload if original is self.empty else updated


class _Expected(cst.CSTTransformer):
    """`x["field"] == old` (either way round) expects `value` instead."""

    def __init__(self, field: str, value: cst.BaseExpression):
        super().__init__()
        self.field, self.value = field, value

    def _reads(self, node: cst.BaseExpression) -> bool:
        if not isinstance(node, cst.Subscript) or len(node.slice) != 1:
            return False
        index = node.slice[0].slice
        key = index.value if isinstance(index, cst.Index) else None
        return isinstance(key, cst.SimpleString) and key.evaluated_value == self.field

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison) -> cst.Comparison:
        if len(updated.comparisons) != 1 or not isinstance(updated.comparisons[0].operator, cst.Equal):
            return updated
        right = updated.comparisons[0].comparator
        if self._reads(updated.left):
            return updated.with_changes(comparisons=[updated.comparisons[0].with_changes(comparator=self.value)])
        if self._reads(right):
            return updated.with_changes(left=self.value)
        return updated
