"""Spec fields naming a column the project sets on the server: taken as that column, or refused."""

import pytest

from codemods.clone.plan import choose_exemplar
from codemods.clone.server_set import without_server_set
from codemods.errors import ConventionError, SpecError
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo, Footprint

OPS = ("list", "get", "create", "update", "delete")


def footprint(model: str, server_set=(), references=(), fields=("name",)) -> Footprint:
    return Footprint(
        model=model,
        names=ResourceNames.parse(model),
        model_path=f"app/models/{model.lower()}.py",
        files=(),
        units=(),
        ops=OPS,
        layers=("model", "router", "tests"),
        fields=tuple(FieldInfo(n, "str", False, False, False) for n in fields),
        references=references,
        server_set=("id", *server_set),
    )


CATEGORY = footprint("Category")
ITEM = footprint("Item", ("owner_id", "created_at"), (("owner_id", "User"),))


def test_a_reference_the_exemplar_sets_on_the_server_leaves_the_spec_with_a_note():
    spec = parse_resource("Order", ["total:decimal", "owner:fk[User]?"])
    left, notes = without_server_set(spec, ITEM, (CATEGORY, ITEM))
    assert [f.name for f in left.fields] == ["total"]
    assert notes == ("field owner is Item's owner_id: set by the server, never by clients",)


def test_a_field_shadowing_another_server_set_column_is_refused():
    spec = parse_resource("Order", ["total:decimal", "owner:fk[Category]"])
    with pytest.raises(SpecError, match="Item, the exemplar, sets owner_id on the server"):
        without_server_set(spec, ITEM, (CATEGORY, ITEM))


def test_an_exemplar_that_would_let_clients_choose_the_owner_is_refused():
    spec = parse_resource("Order", ["owner:fk[User]"])
    with pytest.raises(ConventionError, match=r"Item sets owner_id on the server .* \(--like Item\)"):
        without_server_set(spec, CATEGORY, (CATEGORY, ITEM))


def test_a_reference_nobody_sets_on_the_server_stays_a_client_field():
    spec = parse_resource("Order", ["assignee:fk[User]?"])
    left, notes = without_server_set(spec, CATEGORY, (CATEGORY, ITEM))
    assert left == spec and notes == ()


def test_the_exemplar_is_one_that_sets_the_spec_s_server_set_references():
    spec = parse_resource("Order", ["owner:fk[User]"])
    chosen = choose_exemplar((CATEGORY, ITEM), spec, None, "User")
    assert chosen.footprint is ITEM and chosen.reason.startswith("sets what the new resource")
    plain = choose_exemplar((CATEGORY, ITEM), parse_resource("Order", ["total:int"]), None, "User")
    assert plain.footprint is CATEGORY
