"""DropOptionalKey: a route filtering by the parent's key on request takes it from the path."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.optional_key import DropOptionalKey
from codemods.clone.nesting.routes import NestRoutes

LIST = """\
    @router.get("")
    async def list_reviews(
        project_id: uuid.UUID | None = None,
        cursor: str | None = None,
        repo: ReviewRepository = Depends(get_review_repository),
    ) -> ReviewPage:
        rows = await repo.list_for_owner(cursor=cursor, project_id=project_id)
        return ReviewPage(items=rows)
"""


def dropped(before: str) -> tuple[str, list[str]]:
    t = DropOptionalKey("project_id")
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    compile(after, "after", "exec")
    return after, t.dropped


def test_the_optional_key_leaves_the_route() -> None:
    after, routes = dropped(LIST)
    assert routes == ["list_reviews"]
    assert after == textwrap.dedent("""\
        @router.get("")
        async def list_reviews(
            cursor: str | None = None,
            repo: ReviewRepository = Depends(get_review_repository),
        ) -> ReviewPage:
            rows = await repo.list_for_owner(cursor=cursor, project_id=project_id)
            return ReviewPage(items=rows)
    """)


def test_query_none_counts_as_optional_and_the_last_parameter_keeps_the_layout() -> None:
    before = '@router.get("")\nasync def list_reviews(limit: int = 10, project_id: UUID = Query(None)):\n    return []\n'
    assert (
        dropped(before)[0]
        == '@router.get("")\nasync def list_reviews(limit: int = 10):\n    return []\n'
    )


def test_a_required_key_or_another_default_stays() -> None:
    for before in (
        '@router.get("/{review_id}")\nasync def get_review(project_id: int, review_id: int):\n    return 1\n',
        '@router.get("")\nasync def list_reviews(project_id: int = Path(...)):\n    return []\n',
    ):
        assert dropped(before) == (before, [])


def test_a_function_that_is_no_route_is_left_alone() -> None:
    before = "async def helper(project_id: int | None = None):\n    return project_id\n"
    assert dropped(before) == (before, [])


def test_nested_after_it_the_list_keeps_to_the_parent_through_the_filter_it_had() -> None:
    key = cst.parse_module("def f(project_id: uuid.UUID): pass").body[0].params.params[0]
    lookup = list(cst.parse_module("project = await get_project(project_id)\n").body)
    routes = NestRoutes(key, lookup, [], frozenset({"list_for_owner"}), "Review")
    after = cst.parse_module(dropped(LIST)[0]).visit(routes).code
    assert routes.unscoped == [] and routes.calls["list"] == {"list_for_owner"}
    assert "async def list_reviews(\n    project_id: uuid.UUID,\n    cursor" in after
    assert after.count("project_id=project_id") == 1  # passed as before, not twice
