"""DropParentMoves: cloned tests moving a row to another parent, or filtering a list by one, go."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.moves import DropParentMoves


def dropped(before: str, functions: set[str]) -> tuple[str, list[str]]:
    t = DropParentMoves("project_id", frozenset(functions))
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    compile(after, "after", "exec")
    return after, t.dropped


def test_a_test_updating_the_key_goes_and_the_others_stay() -> None:
    before = """\
        async def test_update_review(client):
            response = await client.patch(f"/reviews/{review['id']}", json={"project_id": other["id"]})


        async def test_get_review(client):
            response = await client.get(f"/reviews/{review['id']}")
    """
    after, gone = dropped(before, {"test_update_review", "test_get_review"})
    assert gone == ["test_update_review"]
    assert after == textwrap.dedent("""\
        async def test_get_review(client):
            response = await client.get(f"/reviews/{review['id']}")
    """)


def test_a_list_filtered_by_the_key_goes() -> None:
    before = 'async def test_filters(client):\n    await client.get("/reviews", params={"project_id": first["id"]})\n'
    after, gone = dropped(before, {"test_filters"})
    assert (after.strip(), gone) == ("", ["test_filters"])


def test_a_create_sending_the_key_stays() -> None:
    before = 'async def test_create(client):\n    await client.post("/reviews", json={"project_id": p["id"], "rating": 3})\n'
    assert dropped(before, {"test_create"}) == (textwrap.dedent(before), [])


def test_tests_the_plan_does_not_add_and_helpers_stay() -> None:
    before = textwrap.dedent("""\
        async def test_project_moves(client):
            await client.patch("/reviews/1", json={"project_id": 2})


        async def move_review(client):
            await client.patch("/reviews/1", json={"project_id": 2})
    """)
    assert dropped(before, {"move_review"}) == (before, [])
