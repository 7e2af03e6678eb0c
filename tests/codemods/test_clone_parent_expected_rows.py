"""NestTestUrls on the rows a test expects: a row asserted whole is the parent's row, with its key."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.tests import NestTestUrls


def nested(before: str, made: str | None = '{}["id"]') -> str:
    t = NestTestUrls(
        "reviews", "warehouses", "warehouse_id", None, "warehouse", None, "Review", made=made
    )
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after


def test_a_row_asserted_whole_gains_the_parent_s_key_after_its_id() -> None:
    after = nested("""\
        def test_create(client, headers):
            data = client.post("/reviews", json={"rating": 3}).json()
            assert data == {"id": data["id"], "rating": 3}
    """)
    assert 'client.post(f"/warehouses/{warehouse[\'id\']}/reviews", json={"rating": 3})' in after
    assert (
        'assert data == {"id": data["id"], "warehouse_id": warehouse["id"], "rating": 3}' in after
    )


def test_an_expected_row_without_a_parent_is_under_the_test_s_parent() -> None:
    after = nested("""\
        def test_create(client, headers):
            data = client.post("/reviews", json={"rating": 3}).json()
            assert data == {"id": data["id"], "warehouse_id": None}
    """)
    # the None expected names no parent to request under: the test's is
    assert "/warehouses/{warehouse['id']}/reviews" in after
    assert 'assert data == {"id": data["id"], "warehouse_id": warehouse["id"]}' in after


def test_a_payload_still_sends_no_key_and_other_dicts_asserted_stay() -> None:
    before = """\
        def test_create(client, headers):
            response = client.post("/reviews", json={"rating": 3, "warehouse_id": 1})
            assert response.json()["detail"] == {"error": "not_found"}
    """
    after = nested(before)
    assert 'json={"rating": 3})' in after
    assert 'assert response.json()["detail"] == {"error": "not_found"}' in after
