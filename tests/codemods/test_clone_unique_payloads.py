"""FieldEdits on test payloads: a new unique text field takes a value that varies as the rows do."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.field_map import FieldMap
from codemods.clone.fields import FieldEdits, ModuleStyle
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

EXEMPLAR = (FieldInfo("name", "str", optional=False, unique=True, has_default=False),)


def edited(before: str, *fields: str) -> str:
    spec = parse_resource("Customer", ["name:str", *fields])
    fmap = FieldMap((), ("name",), (), spec.fields[1:], EXEMPLAR, spec.fields)
    code = textwrap.dedent(before)
    edits = FieldEdits(fmap, ResourceNames.parse("Customer"), ModuleStyle.of(code), {}, test_code=True)
    after = cst.parse_module(code).visit(edits).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after


def title_replaced(code: str, *fields: str, unique_title: bool = False) -> tuple[str, FieldEdits]:
    """`code` with the exemplar's `title` dropped and `fields` added, and the edits (their imports)."""
    exemplar = (FieldInfo("title", "str", optional=False, unique=unique_title, has_default=False),)
    spec = parse_resource("Customer", list(fields))
    fmap = FieldMap((), (), ("title",), spec.fields, exemplar, spec.fields)
    edits = FieldEdits(fmap, ResourceNames.parse("Customer"), ModuleStyle.of(code), {}, test_code=True)
    after = cst.parse_module(code).visit(edits).code
    compile(after, "after", "exec")
    return after, edits


def test_a_loop_of_rows_gets_a_value_made_from_the_loop_s_unique_one() -> None:
    after = edited(
        """\
        for name in ("Audio", "Garden"):
            client.post("/customers", json={"name": name})
        """,
        "email:str!",
    )
    assert 'json={"name": name, "email": f"{name} email"}' in after


def test_constant_rows_get_constants_that_differ_as_theirs_do() -> None:
    after = edited('first = {"name": "Audio"}\nsecond = {"name": "Garden"}\n', "email:str!")
    assert '{"name": "Audio", "email": "Audio email"}' in after
    assert '{"name": "Garden", "email": "Garden email"}' in after


def test_a_field_that_is_not_unique_keeps_its_sample() -> None:
    after = edited('first = {"name": "Audio"}\n', "email:str")
    assert '"email": "email one"' in after


def test_a_second_unique_field_varies_with_the_made_up_value_the_first_took() -> None:
    # Note -> Customer: the dropped `title`'s made-up value serves `code`; `email` follows it
    exemplar = (FieldInfo("title", "str", optional=False, unique=False, has_default=False),)
    spec = parse_resource("Customer", ["code:str!", "email:str!"])
    fmap = FieldMap((), (), ("title",), spec.fields, exemplar, spec.fields)
    code = 'payload = {"title": f"Note {uuid.uuid4().hex[:8]}"} | overrides\n'
    edits = FieldEdits(fmap, ResourceNames.parse("Customer"), ModuleStyle.of(code), {}, test_code=True)
    after = cst.parse_module(code).visit(edits).code
    compile(after, "after", "exec")
    assert after == 'payload = {"code": f"Note {uuid.uuid4().hex[:8]}", "email": f"Note {uuid.uuid4().hex[:8]} email"} | overrides\n'


def test_a_keyword_payload_varies_as_its_unique_keyword_does() -> None:
    after = edited("def make(db):\n    name = random_lower_string()\n    return CustomerCreate(name=name)\n", "email:str!")
    assert 'CustomerCreate(name=name, email=f"{name} email")' in after


def test_a_kept_made_up_value_serves_when_nothing_unique_varies() -> None:
    # `city` took the exemplar's made-up title; the unique `code` follows it
    exemplar = (FieldInfo("city", "str", optional=False, unique=False, has_default=False),)
    spec = parse_resource("Depot", ["city:str", "code:str!"])
    fmap = FieldMap((), ("city",), (), spec.fields[1:], exemplar, spec.fields)
    code = 'payload = {"city": f"Depot {uuid.uuid4().hex[:8]}"} | overrides\n'
    edits = FieldEdits(fmap, ResourceNames.parse("Depot"), ModuleStyle.of(code), {}, test_code=True)
    after = cst.parse_module(code).visit(edits).code
    compile(after, "after", "exec")
    assert after == 'payload = {"city": f"Depot {uuid.uuid4().hex[:8]}", "code": f"Depot {uuid.uuid4().hex[:8]} code"} | overrides\n'


def test_a_loop_with_nothing_varying_gets_a_fresh_value_each_turn() -> None:
    """The loop's variable went with the dropped field it filled: a new unique field posted once
    per turn takes a value of its own each time (a constant would be refused the second time),
    and so does a payload outside the loop (see the test below)."""
    code = textwrap.dedent("""\
        for title in ("Audio", "Garden"):
            client.post("/customers", json={"title": title})
        first = {"title": "Tools"}
    """)
    after, edits = title_replaced(code, "code:int!", "email:str!", "city:str", unique_title=True)
    assert 'json={"code": uuid4().int % 2**31, "email": f"email one {uuid4().hex[:8]}", "city": "city one"}' in after
    assert 'first = {"code": uuid4().int % 2**31, "email": f"email one {uuid4().hex[:8]}", "city": "city one"}' in after
    assert {(i.module, i.name) for i in edits.imports} == {("uuid", "uuid4")}  # merged into one line later


def test_a_helper_of_the_tests_and_a_test_s_own_payload_take_fresh_values() -> None:
    """A row factory may be called twice in a test, and a test's own payload may be sent again by
    another test where the suite keeps one database from test to test (the full-stack template's
    does): a unique field with nothing varying to take gets a fresh value in both, or the second
    insert is refused (a test creating `code one` and another updating a row to `code one`)."""
    code = textwrap.dedent("""\
        def create_random_customer(db):
            return crud.create(db, CustomerCreate(title="Tools"))


        def test_create_customer(client):
            client.post("/customers", json={"title": "Tools"})
    """)
    after, _ = title_replaced(code, "code:str!")
    assert 'CustomerCreate(code=f"code one {uuid4().hex[:8]}")' in after
    assert 'json={"code": f"code one {uuid4().hex[:8]}"}' in after


def test_a_fresh_value_calls_uuid4_as_the_module_imports_it() -> None:
    """A module importing `uuid` whole (`uuid.uuid4()` in its own tests) gets `uuid.uuid4()`,
    needing `import uuid`, not a second import of the same function by name."""
    code = 'import uuid\n\n\ndef test_create(client):\n    client.post("/customers", json={"title": "Tools"})\n'
    after, edits = title_replaced(code, "code:str!", "rank:int!")
    assert 'json={"code": f"code one {uuid.uuid4().hex[:8]}", "rank": uuid.uuid4().int % 2**31}' in after
    assert [(i.module, i.name) for i in edits.imports] == [("uuid", None)]


def test_a_module_importing_uuid4_by_name_too_keeps_calling_it_by_name() -> None:
    code = 'import uuid\nfrom uuid import UUID, uuid4\n\nfirst = {"title": "Tools"}\n'
    after, edits = title_replaced(code, "code:str!")
    assert 'first = {"code": f"code one {uuid4().hex[:8]}"}' in after
    assert [(i.module, i.name) for i in edits.imports] == [("uuid", "uuid4")]
