"""SendKeptField: a cloned update test whose payload lost every field sends a field the new
resource keeps, and what it asserts of that field after the request expects the value sent."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.empty_updates import Sent, SendKeptField, field_to_send, send_kept_field
from codemods.clone.field_map import FieldMap
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.names import ResourceNames
from codemods.spec import FieldSpec, parse_resource
from detectors.resources import FieldInfo

EXEMPLAR = (
    FieldInfo("name", "str", optional=False, unique=False, has_default=False),
    FieldInfo("description", "text", optional=True, unique=False, has_default=False),
)
NAME = Sent(FieldSpec("name", "str"), '"name two"')
TESTS = frozenset({"test_update_tag"})


def sent(before: str, how: Sent = NAME, functions: frozenset[str] = TESTS) -> str:
    return cst.parse_module(textwrap.dedent(before)).visit(SendKeptField(functions, how)).code


INLINE = """\
    async def test_update_tag(client, auth_headers):
        tag = await create_tag(client, auth_headers, name="Roadmap")
        assert tag["name"] == "Roadmap"
        response = await client.patch(f"/tags/{tag['id']}", json={}, headers=auth_headers)
        assert response.status_code == 200
        body = response.json()
        assert body["name"] == "Roadmap"
        assert "Roadmap" == body["name"]
        assert body["updated_at"] > tag["updated_at"]
"""


def test_the_empty_payload_sends_a_kept_field_and_its_assertions_after_expect_it() -> None:
    assert sent(INLINE) == textwrap.dedent("""\
        async def test_update_tag(client, auth_headers):
            tag = await create_tag(client, auth_headers, name="Roadmap")
            assert tag["name"] == "Roadmap"
            response = await client.patch(f"/tags/{tag['id']}", json={"name": "name two"}, headers=auth_headers)
            assert response.status_code == 200
            body = response.json()
            assert body["name"] == "name two"
            assert "name two" == body["name"]
            assert body["updated_at"] > tag["updated_at"]
    """)


def test_a_payload_bound_to_a_name_first_is_filled_where_it_is_bound() -> None:
    after = sent("""\
        def test_update_tag(client, tag):
            payload = {}
            response = client.put(f"/tags/{tag.id}", json=payload)
            assert response.json()["name"] == tag.name
    """)
    assert after == textwrap.dedent("""\
        def test_update_tag(client, tag):
            payload = {"name": "name two"}
            response = client.put(f"/tags/{tag.id}", json=payload)
            assert response.json()["name"] == "name two"
    """)


def test_a_fresh_value_is_bound_first_and_compared_by_its_name() -> None:
    fresh = Sent(FieldSpec("name", "str", unique=True), 'f"name one {uuid4().hex[:8]}"', "new_name")
    after = sent(INLINE, fresh)
    assert '    new_name = f"name one {uuid4().hex[:8]}"\n    response = await client.patch(' in after
    assert 'json={"name": new_name}' in after
    assert 'assert body["name"] == new_name' in after and 'assert tag["name"] == "Roadmap"' in after


def test_a_refused_update_and_other_tests_are_left_alone() -> None:
    refused = INLINE.replace("== 200", "== 422")
    assert sent(refused) == textwrap.dedent(refused)
    assert sent(INLINE, functions=frozenset({"test_other"})) == textwrap.dedent(INLINE)
    other_dicts = 'def test_update_tag(client):\n    r = client.patch("/tags/1", json={"x": 1}, headers={})\n'
    assert sent(other_dicts) == other_dicts


def fields(*spec: str, kept: tuple[str, ...] = ("name",)) -> FieldMap:
    new = parse_resource("Tag", list(spec)).fields
    return FieldMap((), kept, ("description",), tuple(f for f in new if f.column_name not in kept), EXEMPLAR, new)


def test_the_field_sent_is_a_kept_one_with_an_exact_sample_not_unique_first() -> None:
    assert field_to_send(fields("name:str", "rank:int?"), "uuid4") == Sent(FieldSpec("name", "str"), '"name two"')
    assert field_to_send(fields("name:decimal"), "uuid4") is None  # "12.50" may read back as 12.5
    unique = field_to_send(fields("name:str!"), "uuid.uuid4")
    assert unique is not None and unique.bound == "new_name" and "uuid.uuid4().hex" in unique.value


def test_cloning_an_update_whose_fields_all_went_sends_the_kept_one() -> None:
    # FieldEdits records the emptied test; send_kept_field, run after it, fills it
    code = textwrap.dedent("""\
        def test_update_tag(client, tag):
            response = client.patch(f"/tags/{tag.id}", json={"description": "Updated"})
            assert response.status_code == 200
            assert response.json()["name"] == tag.name
    """)
    fmap = fields("name:str")
    edits = FieldEdits(fmap, ResourceNames.parse("Tag"), ModuleStyle.of(code), {}, test_code=True)
    module = cst.parse_module(code).visit(edits)
    assert edits.emptied == {"test_update_tag"}
    after, imports = send_kept_field(module, frozenset(edits.emptied), fmap, "uuid4")
    assert 'json={"name": "name two"}' in after.code and 'response.json()["name"] == "name two"' in after.code
    assert imports == []
