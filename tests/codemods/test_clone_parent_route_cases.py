"""RouteParentCases: the tests of the nesting, where tests make rows and parents through the routes."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.route_cases import RouteParentCases

MODULE = """\
    def test_read_review(client, guards_off):
        tier_id = new_tier(client)
        created = client.post(app.url_path_for("write_review", tier_id=str(tier_id)), json=PAYLOAD)
        assert created.status_code == 201, created.text
        key = created.json()["id"]
        response = client.get(app.url_path_for("read_review", tier_id=str(tier_id), id=str(key)))
        assert response.status_code == 200
"""


def cases(before: str) -> tuple[str, bool]:
    t = RouteParentCases(
        "read_review", "read_reviews", "tier_id", "999999999", "new_tier", "tier", "reviews"
    )
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.found


def test_without_a_test_reading_a_row_under_a_parent_nothing_is_added() -> None:
    before = 'def test_read_review(client):\n    response = client.get(app.url_path_for("read_review", id="1"))\n'
    assert cases(before) == (before, False)


def test_four_tests_follow_made_the_same_way() -> None:
    after, found = cases(MODULE)
    assert found
    assert after[len(textwrap.dedent(MODULE)) :] == textwrap.dedent("""\


        def test_read_review_of_missing_tier_returns_404(client, guards_off):
            tier_id = new_tier(client)
            created = client.post(app.url_path_for("write_review", tier_id=str(tier_id)), json=PAYLOAD)
            assert created.status_code == 201, created.text
            key = created.json()["id"]
            response = client.get(app.url_path_for("read_review", tier_id=str(999999999), id=str(key)))
            assert response.status_code == 404


        def test_read_review_of_other_tier_returns_404(client, guards_off):
            tier_id = new_tier(client)
            other_tier_id = new_tier(client)
            created = client.post(app.url_path_for("write_review", tier_id=str(tier_id)), json=PAYLOAD)
            assert created.status_code == 201, created.text
            key = created.json()["id"]
            response = client.get(app.url_path_for("read_review", tier_id=str(other_tier_id), id=str(key)))
            assert response.status_code == 404


        def test_list_reviews_of_missing_tier_returns_404(client, guards_off):
            response = client.get(app.url_path_for("read_reviews", tier_id=str(999999999)))
            assert response.status_code == 404


        def test_list_reviews_of_other_tier_leaves_it_out(client, guards_off):
            tier_id = new_tier(client)
            other_tier_id = new_tier(client)
            created = client.post(app.url_path_for("write_review", tier_id=str(tier_id)), json=PAYLOAD)
            assert created.status_code == 201, created.text
            own = client.get(app.url_path_for("read_reviews", tier_id=str(tier_id)))
            other = client.get(app.url_path_for("read_reviews", tier_id=str(other_tier_id)))
            assert own.status_code == 200
            assert other.status_code == 200
            assert other.json() != own.json()
    """)


def test_a_second_pass_adds_nothing() -> None:
    once, _ = cases(MODULE)
    assert cases(once)[0] == once
