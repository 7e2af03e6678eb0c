"""The create test a clone's passes copy or edit: the first test posting a literal payload and
expecting it to succeed."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.create_test import find_create_test

MODULE = cst.parse_module(textwrap.dedent("""\
    def item_payload(**overrides):
        return {"name": "Games", **overrides}


    def test_create_item_rejects_a_blank_name(client):
        response = client.post("/items", json={"name": ""})
        assert response.status_code == status.HTTP_422_UNPROCESSABLE_ENTITY


    def test_create_item_rejects_an_empty_payload(client):
        payload = {}
        response = client.post("/items", json=payload)
        assert response.status_code == 422


    def test_create_item_from_the_helper(client):
        payload = item_payload()
        response = client.post("/items", json=payload)
        assert response.status_code == 201


    def test_create_item(client):
        payload = {"name": "Games", "qty": 3}
        response = client.post("/items", json=payload)
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["name"] == "Games"
"""))


def test_a_test_expecting_an_error_is_no_create_test() -> None:
    found = find_create_test(MODULE, {"name"})
    assert found is not None and found.function.name.value == "test_create_item"
    assert (found.payload_name, found.response, found.body_name) == ("payload", "response", "body")


def test_with_no_key_wanted_a_helper_s_payload_serves() -> None:
    found = find_create_test(MODULE, set())
    assert found is not None and found.function.name.value == "test_create_item_from_the_helper"
    assert isinstance(found.payload, cst.Call)


def test_a_helper_s_payload_never_serves_where_keys_are_wanted() -> None:
    found = find_create_test(MODULE, {"qty"})
    assert found is not None and found.function.name.value == "test_create_item"
