"""A request under another user's parent: owned_lookup reads whether the parent's lookup keeps
to the signed-in user's rows, OthersParentAnswers makes the tests expect its refusal, and the
transformers before and after it (ParentThroughRoute, RouteParentCases) leave such requests be."""

from __future__ import annotations

import ast
import textwrap

import libcst as cst
import pytest

from codemods.clone.nesting.others_parent import OthersParentAnswers
from codemods.clone.nesting.owned_parent import OwnedLookup, owned_lookup
from codemods.clone.nesting.route_cases import RouteParentCases
from codemods.clone.nesting.route_parent import ParentThroughRoute, RouteMaker
from codemods.clone.route_tests import routes_of


def answers(before: str, status: int | None = 404) -> tuple[str, OthersParentAnswers]:
    t = OthersParentAnswers("new_customer", status)
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    ast.parse(after)  # a bad expectation fails loudly
    return after, t


LIST_AS_OTHER = """\
    async def test_other_user_does_not_list_reviews(client, auth_headers, other_auth_headers):
        customer_id = await new_customer(client, auth_headers)
        created = await client.post(app.url_path_for("create_review", customer_id=str(customer_id)), headers=auth_headers)
        assert created.status_code == 201, created.text
        key = created.json()["id"]
        response = await client.get(app.url_path_for("list_reviews", customer_id=str(customer_id)), headers=other_auth_headers)
        assert response.status_code == 200, response.text
        assert key not in _ids(response.json())


    def _ids(body):
        return [row["id"] for row in body]
"""


@pytest.mark.parametrize(
    "before",
    [
        pytest.param(
            """\
            async def test_list_reviews(client, auth_headers):
                customer_id = await new_customer(client, auth_headers)
                response = await client.get(app.url_path_for("list_reviews", customer_id=str(customer_id)), headers=auth_headers)
                assert response.status_code == 200
                assert response.json()["items"] == []
            """,
            id="the-parent-s-owner-asks",
        ),
        pytest.param(
            """\
            def test_list_reviews(client, auth_headers):
                customer_id = new_customer(client)
                response = client.get(app.url_path_for("list_reviews", customer_id=str(customer_id)), headers=auth_headers)
                assert response.status_code == 200
            """,
            id="a-parent-made-without-credentials-is-nobody-s",
        ),
        pytest.param(
            """\
            def test_list_items(client, auth_headers, other_auth_headers):
                customer_id = new_customer(client, auth_headers)
                response = client.get(app.url_path_for("list_items"), headers=other_auth_headers)
                assert response.status_code == 200
            """,
            id="a-request-not-under-the-parent",
        ),
        pytest.param(
            """\
            def test_list_reviews(client, other_auth_headers):
                response = client.get(app.url_path_for("list_reviews", customer_id="1"), headers=other_auth_headers)
                assert response.status_code == 404
            """,
            id="no-parent-made",
        ),
    ],
)
def test_requests_of_the_parent_s_owner_or_not_under_it_are_left_alone(before: str) -> None:
    after, t = answers(before)
    assert after == textwrap.dedent(before)
    assert (t.rewritten, t.undecided) == ([], [])


def test_another_user_s_list_expects_the_lookup_s_refusal_and_reads_no_body() -> None:
    after, t = answers(LIST_AS_OTHER)
    assert after == textwrap.dedent("""\
        async def test_other_user_does_not_list_reviews(client, auth_headers, other_auth_headers):
            customer_id = await new_customer(client, auth_headers)
            created = await client.post(app.url_path_for("create_review", customer_id=str(customer_id)), headers=auth_headers)
            assert created.status_code == 201, created.text
            response = await client.get(app.url_path_for("list_reviews", customer_id=str(customer_id)), headers=other_auth_headers)
            assert response.status_code == 404, response.text
    """)
    assert t.rewritten == ["test_other_user_does_not_list_reviews"]


def test_the_status_is_spelled_as_the_test_spelled_its_own_and_the_owner_s_requests_stay() -> None:
    after, _ = answers(
        """\
        def test_other_user_cannot_read_review(client, owner_headers, other_headers):
            customer_id = new_customer(client, owner_headers)
            created = client.post(app.url_path_for("create_review", customer_id=str(customer_id)), headers=owner_headers)
            key = created.json()["id"]
            response = client.get(app.url_path_for("get_review", customer_id=str(customer_id), id=str(key)), headers=other_headers)
            assert response.status_code == status.HTTP_404_NOT_FOUND
            kept = client.get(app.url_path_for("get_review", customer_id=str(customer_id), id=str(key)), headers=owner_headers)
            assert kept.status_code == 200
            assert kept.json()["id"] == key
        """,
        status=403,
    )
    assert "assert response.status_code == status.HTTP_403_FORBIDDEN\n" in after
    assert 'assert kept.status_code == 200\n    assert kept.json()["id"] == key\n' in after


def test_a_status_the_lookup_s_code_does_not_say_is_undecided() -> None:
    after, t = answers(LIST_AS_OTHER, status=None)
    assert after == textwrap.dedent(LIST_AS_OTHER)
    assert t.undecided == ["test_other_user_does_not_list_reviews"]


def test_a_second_pass_changes_nothing() -> None:
    once, _ = answers(LIST_AS_OTHER)
    twice, t = answers(once)
    assert twice == once and t.rewritten == []


def _lookup(code: str, auth: tuple[str | None, str | None] = ("get_current_user", None)):
    source = textwrap.dedent(code)
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.AsyncFunctionDef)
    return owned_lookup(node, routes_of(source, *auth)[0], auth[1])


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param(
            """\
            @router.get("/{customer_id}")
            async def get_customer(customer_id: int, repo=Depends(get_repo), current_user: User = Depends(get_current_user)):
                customer = await repo.get_for_owner(customer_id, current_user.id)
                if customer is None:
                    raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Customer not found")
                return customer
            """,
            OwnedLookup(404, frozenset({"get_current_user"})),
            id="found-among-the-user-s-own",
        ),
        pytest.param(
            """\
            @router.get("/{id}")
            async def read_customer(id: int, session: SessionDep, user: User = Depends(get_current_user)):
                customer = session.get(Customer, id)
                if not customer:
                    raise HTTPException(status_code=404, detail="Not found")
                if customer.owner_id != user.id:
                    raise HTTPException(status_code=403, detail="Not enough permissions")
                return customer
            """,
            OwnedLookup(403, frozenset({"get_current_user"})),
            id="the-project-s-own-refusal",
        ),
        pytest.param(
            """\
            @router.get("/{customer_id}")
            async def get_customer(customer_id: int, service=Depends(get_service), me: User = Depends(get_current_user)):
                return await service.get(me, customer_id)
            """,
            OwnedLookup(None, frozenset({"get_current_user"})),
            id="a-helper-raises-it",
        ),
        pytest.param(
            """\
            @router.get("/{customer_id}")
            async def get_customer(customer_id: int, repo=Depends(get_repo), current_user: User = Depends(get_current_user)):
                customer = await repo.get(customer_id)
                if customer is None:
                    raise HTTPException(404)
                return customer
            """,
            None,
            id="the-user-is-not-read",
        ),
        pytest.param(
            """\
            @router.get("/{customer_id}")
            async def get_customer(customer_id: int, repo=Depends(get_repo)):
                customer = await repo.get(customer_id)
                if customer is None:
                    raise HTTPException(404)
                return customer
            """,
            None,
            id="no-signed-in-user",
        ),
    ],
)
def test_owned_lookup_reads_the_parent_s_item_route(
    code: str, expected: OwnedLookup | None
) -> None:
    assert _lookup(code) == expected


def test_a_test_making_a_row_then_refused_as_another_user_makes_its_parent_first() -> None:
    maker = RouteMaker("new_customer", "Customer", "create_customer", "{}", 201, "id", True, None)
    through = ParentThroughRoute(
        maker, {"create_review", "read_review"}, "customer_id", "999999999"
    )
    before = textwrap.dedent("""\
        def test_other_user_cannot_read_review(client, owner_headers, other_headers):
            created = client.post(app.url_path_for("create_review"), headers=owner_headers)
            assert created.status_code == 201, created.text
            response = client.get(app.url_path_for("read_review", id=str(created.json()["id"])), headers=other_headers)
            assert response.status_code == 403
    """)
    after = cst.parse_module(before).visit(through).code
    assert "    customer_id = new_customer(client, owner_headers)\n" in after
    assert 'app.url_path_for("read_review", customer_id=str(customer_id), id=' in after


def test_the_nesting_s_tests_start_from_a_row_its_parent_s_owner_reads() -> None:
    before = textwrap.dedent("""\
        def test_other_user_cannot_change_review(client, owner_headers, other_headers):
            customer_id = new_customer(client, owner_headers)
            created = client.post(app.url_path_for("write_review", customer_id=str(customer_id)), headers=owner_headers)
            key = created.json()["id"]
            response = client.get(app.url_path_for("read_review", customer_id=str(customer_id), id=str(key)), headers=other_headers)
            assert response.status_code == 404
            changed = client.patch(app.url_path_for("edit_review", customer_id=str(customer_id), id=str(key)), headers=other_headers)
            assert changed.status_code == 404
            kept = client.get(app.url_path_for("read_review", customer_id=str(customer_id), id=str(key)), headers=owner_headers)
            assert kept.status_code == 200
    """)
    cases = RouteParentCases(
        "read_review",
        "read_reviews",
        "customer_id",
        "999999999",
        "new_customer",
        "customer",
        "reviews",
    )
    after = cst.parse_module(before).visit(cases).code
    added = after[len(before) :]
    assert cases.found
    assert "headers=other_headers" not in added  # another user's requests stay where they were
    assert 'kept = client.get(app.url_path_for("read_review", customer_id=str(999999999)' in added
