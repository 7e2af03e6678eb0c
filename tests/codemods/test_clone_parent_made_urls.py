"""NestTestUrls with `made`: tests making their parent themselves request under its key."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.tests import NestTestUrls


def nested(before: str, made: str | None = '{}["id"]') -> str:
    t = NestTestUrls(
        "reviews", "customers", "customer_id", None, "customer", None, "Review", made=made
    )
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    compile(after, "after", "exec")  # Python 3.11: no quote of the f-string inside it
    return after


def test_urls_go_under_the_made_parent_s_key_and_no_fixture_is_asked_for() -> None:
    before = """\
        async def test_get(client, h):
            await client.get("/api/reviews", headers=h)
            await client.get(f"/api/reviews/{review['id']}")
    """
    assert nested(before) == textwrap.dedent("""\
        async def test_get(client, h):
            await client.get(f"/api/customers/{customer['id']}/reviews", headers=h)
            await client.get(f"/api/customers/{customer['id']}/reviews/{review['id']}")
    """)


def test_the_key_is_quoted_unlike_the_url() -> None:
    before = "def test_get(client):\n    client.get(f'/reviews/{review[\"id\"]}')\n    client.get('/reviews')\n"
    assert nested(before) == (
        "def test_get(client):\n"
        '    client.get(f\'/customers/{customer["id"]}/reviews/{review["id"]}\')\n'
        "    client.get(f'/customers/{customer[\"id\"]}/reviews')\n"
    )


def test_a_key_the_payload_sent_is_quoted_unlike_the_url_too() -> None:
    before = 'async def test_create(client):\n    await client.post("/reviews", json={"customer_id": c["id"], "rating": 3})\n'
    assert nested(before) == (
        'async def test_create(client):\n    await client.post(f"/customers/{c[\'id\']}/reviews", json={"rating": 3})\n'
    )


def test_a_row_the_test_builds_gets_the_made_parent_s_key() -> None:
    before = "def test_x(db):\n    db.add(Review(rating=3))\n"
    assert (
        nested(before)
        == 'def test_x(db):\n    db.add(Review(rating=3, customer_id=customer["id"]))\n'
    )


def test_without_made_the_fixture_is_asked_for_as_before() -> None:
    before = 'def test_x(client):\n    client.get("/reviews")\n'
    assert (
        nested(before, None)
        == 'def test_x(client, customer):\n    client.get(f"/customers/{customer.id}/reviews")\n'
    )
