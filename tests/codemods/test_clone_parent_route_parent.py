"""ParentThroughRoute: tests making rows through the routes make their parent through its create
route; parent_payload: the body they send."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.clone.nesting.route_parent import ParentThroughRoute, RouteMaker, parent_payload
from codemods.errors import ConventionError
from detectors.resources import FieldInfo

ROUTES = {"write_review", "read_review"}
MAKER = RouteMaker(
    "new_tier", "Tier", "write_tier", '{"name": "x"}', 201, "id", False, "guards_off"
)


def through(before: str, maker: RouteMaker = MAKER) -> tuple[str, list[str]]:
    t = ParentThroughRoute(maker, ROUTES, "tier_id", "999999999")
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.unreached


@pytest.mark.parametrize(
    "before",
    [
        pytest.param(
            "def test_x(client):\n    client.get(app.url_path_for('read_tiers'))\n",
            id="other-routes",
        ),
        pytest.param(
            "def test_x(client, guards_off):\n"
            "    tier_id = new_tier(client)\n"
            "    client.get(app.url_path_for('read_review', tier_id=str(tier_id), id='1'))\n",
            id="nested-already",
        ),
    ],
)
def test_tests_of_other_routes_or_nested_already_are_left_alone(before: str) -> None:
    assert through(before) == (before, [])


def test_each_test_makes_its_parent_and_requests_under_it() -> None:
    after, unreached = through("""\
        import pytest


        def test_read_review(client):
            \"\"\"One row.\"\"\"
            created = client.post(app.url_path_for("write_review"), json=PAYLOAD)
            response = client.get(app.url_path_for("read_review", id=str(key)))


        def test_create_review_needs_credentials(client):
            response = client.post(app.url_path_for("write_review"), json=PAYLOAD)
            assert response.status_code in (401, 403)
    """)
    assert after == textwrap.dedent('''\
        import pytest


        def new_tier(client):
            """A Tier made through its create route, as the tests make their rows; its key."""
            made = client.post(app.url_path_for("write_tier"), json={"name": "x"})
            assert made.status_code == 201, made.text
            return made.json()["id"]


        def test_read_review(client, guards_off):
            """One row."""
            tier_id = new_tier(client)
            created = client.post(app.url_path_for("write_review", tier_id=str(tier_id)), json=PAYLOAD)
            response = client.get(app.url_path_for("read_review", tier_id=str(tier_id), id=str(key)))


        def test_create_review_needs_credentials(client):
            response = client.post(app.url_path_for("write_review", tier_id=str(999999999)), json=PAYLOAD)
            assert response.status_code in (401, 403)
    ''')
    assert unreached == []


def test_a_signed_in_create_route_gets_the_headers_the_test_sends() -> None:
    maker = RouteMaker("new_tier", "Tier", "write_tier", "{}", 201, "id", True, None)
    after, unreached = through(
        """\
        async def test_read_review(client, auth_headers):
            response = await client.get(app.url_path_for("read_review", id="1"), headers=auth_headers)


        async def test_list(client):
            response = await client.get(app.url_path_for("read_review", id="1"))
        """,
        maker,
    )
    assert after == textwrap.dedent('''\
        async def new_tier(client, headers):
            """A Tier made through its create route, as the tests make their rows; its key."""
            made = await client.post(app.url_path_for("write_tier"), json={}, headers=headers)
            assert made.status_code == 201, made.text
            return made.json()["id"]


        async def test_read_review(client, auth_headers):
            tier_id = await new_tier(client, auth_headers)
            response = await client.get(app.url_path_for("read_review", tier_id=str(tier_id), id="1"), headers=auth_headers)


        async def test_list(client):
            response = await client.get(app.url_path_for("read_review", id="1"))
    ''')
    assert unreached == ["test_list"]


def test_the_payload_has_the_required_fields_unique_ones_distinct_per_call() -> None:
    fields = (
        FieldInfo("name", "str", False, True, False),
        FieldInfo("rank", "int", False, False, False),
        FieldInfo("note", "text", True, False, False),
        FieldInfo("active", "bool", False, False, True),
    )
    assert (
        parent_payload("Tier", fields, ()) == '{"name": f"name one {uuid4().hex[:8]}", "rank": 3}'
    )


@pytest.mark.parametrize(
    ("fields", "derived", "message"),
    [
        ((), ("password",), "takes password, which no column holds"),
        (
            (FieldInfo("owner_id", "fk", False, False, False),),
            (),
            "no sample value for its required field owner_id",
        ),
    ],
)
def test_a_payload_no_sample_fits_is_refused(fields, derived, message) -> None:
    with pytest.raises(ConventionError, match=message):
        parent_payload("Tier", fields, derived)
