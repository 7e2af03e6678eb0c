"""nest_made_tests: where the parent's tests make rows with a helper of their module, each nested
test makes its parent with that helper (copied in), and the nesting's four tests follow."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from codemods.clone.nesting.made_parent import nest_made_tests, parent_maker
from codemods.clone.nesting.parent import find_parent
from codemods.formatting import FormatStyle
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors import ProjectIndex
from detectors.resources import find_footprints
from tests.harness import FIXTURES

REVIEW = parse_resource("Review", ["rating:int"])

# a clone's tests, before nesting (Review cloned from a resource with no parent)
CLONED = textwrap.dedent("""\
    import uuid
    from typing import Any

    from httpx import AsyncClient


    async def create_review(client: AsyncClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
        payload = {"rating": 3} | overrides
        response = await client.post("/api/v1/reviews", json=payload, headers=headers)
        assert response.status_code == 201, response.text
        return response.json()


    async def test_get_review(client: AsyncClient, auth_headers: dict[str, str]) -> None:
        review = await create_review(client, auth_headers)

        response = await client.get(f"/api/v1/reviews/{review['id']}", headers=auth_headers)

        assert response.status_code == 200


    async def test_get_other_users_review_returns_404(
        client: AsyncClient, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
    ) -> None:
        review = await create_review(client, other_auth_headers)

        response = await client.get(f"/api/v1/reviews/{review['id']}", headers=auth_headers)

        assert response.status_code == 404


    async def test_move_review(client: AsyncClient, auth_headers: dict[str, str]) -> None:
        review = await create_review(client, auth_headers)
        await client.patch(f"/api/v1/reviews/{review['id']}", json={"project_id": "x"}, headers=auth_headers)
""")


@dataclass(frozen=True)
class _Edit:
    path: str
    old: str | None


def _project():
    index = ProjectIndex(FIXTURES / "repository_pg")
    return index, find_parent(index, find_footprints(index), "Project", REVIEW, "kebab")


def test_the_helper_is_the_one_the_parent_s_tests_make_rows_with_copied_with_its_imports() -> None:
    index, parent = _project()
    made = parent_maker(index, parent.footprint)
    assert made is not None
    maker, loan = made
    assert (maker.function, maker.path, maker.args, maker.awaited) == (
        "create_project",
        "tests/test_projects.py",
        ("client", "auth_headers"),
        True,
    )
    assert loan is not None and loan.names == ("create_project",)
    assert {i.bound for i in loan.imports} >= {"uuid", "Any", "AsyncClient"}


def test_each_test_makes_its_parent_alike_and_the_nesting_tests_follow() -> None:
    index, parent = _project()
    made = parent_maker(index, parent.footprint)
    assert made is not None
    texts = {"tests/test_reviews.py": CLONED}
    functions = {
        "tests/test_reviews.py": frozenset(
            {
                "create_review",
                "test_get_review",
                "test_get_other_users_review_returns_404",
                "test_move_review",
            }
        )
    }
    dropped = nest_made_tests(
        [_Edit("tests/test_reviews.py", None)],
        texts,
        functions,
        parent,
        ResourceNames.parse("Review"),
        "reviews",
        made,
        '"00000000-0000-0000-0000-000000000000"',
        FormatStyle("ruff", 120, "double", "    "),
        frozenset({"app"}),
    )
    after = texts["tests/test_reviews.py"]
    compile(after, "after", "exec")
    assert dropped == ["test_move_review"] and "test_move_review" not in after
    # the parent's helper, copied before the clone's, which makes one where it is given none
    assert after.index("async def create_project(") < after.index("async def create_review(")
    assert (
        "    if project is None:\n        project = await create_project(client, headers)\n"
        in after
    )
    assert "client.post(f\"/api/v1/projects/{project['id']}/reviews\"" in after
    # each test makes its parent as its rows are made: another user's row under another's parent
    assert (
        "    project = await create_project(client, auth_headers)\n"
        "    review = await create_review(client, auth_headers, project=project)\n"
    ) in after
    assert (
        "    project = await create_project(client, other_auth_headers)\n"
        "    review = await create_review(client, other_auth_headers, project=project)\n"
    ) in after
    for case in ("of_missing_project_returns_404", "of_other_project_returns_404"):
        assert f"async def test_get_review_{case}(" in after
    assert "async def test_list_reviews_of_other_project_leaves_it_out(" in after
