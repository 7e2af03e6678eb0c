"""RowPerSigner: a request a test sends as another user points at a row that user made."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.row_per_signer import RowPerSigner

SIGNERS = {"auth_headers": "user", "other_auth_headers": "other_user"}


def per_signer(before: str, name: str = "test_it") -> str:
    after = cst.parse_module(textwrap.dedent(before)).visit(RowPerSigner("project", SIGNERS, frozenset({name}))).code
    compile(after, "after", "exec")
    return after


def test_a_request_as_another_user_gets_a_row_of_theirs() -> None:
    after = per_signer("""\
        async def test_it(client, auth_headers, other_auth_headers):
            project = await create_project(client, auth_headers)
            await create_task(client, auth_headers, project_id=project["id"])
            response = await client.post("/tasks", json={"project_id": project["id"]}, headers=other_auth_headers)
    """)
    assert after == textwrap.dedent("""\
        async def test_it(client, auth_headers, other_auth_headers):
            project = await create_project(client, auth_headers)
            await create_task(client, auth_headers, project_id=project["id"])
            other_project = await create_project(client, other_auth_headers)
            response = await client.post("/tasks", json={"project_id": other_project["id"]}, headers=other_auth_headers)
    """)


def test_the_user_a_statement_names_signs_it_in_through_that_user_s_headers() -> None:
    after = per_signer("""\
        async def test_it(client, auth_headers):
            project = await create_project(client, auth_headers)
            theirs = await task_factory(other_user, project_id=project["id"])
    """)
    assert "other_project = await create_project(client, other_auth_headers)" in after
    assert 'task_factory(other_user, project_id=other_project["id"])' in after
    assert "async def test_it(client, auth_headers, other_auth_headers):" in after  # asked for


def test_a_row_no_statement_reads_any_more_is_not_made() -> None:
    after = per_signer("""\
        async def test_it(client, auth_headers, other_auth_headers):
            project = await create_project(client, auth_headers)
            task = await create_task(client, other_auth_headers, project_id=project["id"])
            response = await client.get(f"/tasks/{task['id']}", headers=auth_headers)
    """)
    assert "    project = await create_project(client, auth_headers)" not in after
    assert "other_project = await create_project(client, other_auth_headers)" in after


def test_a_statement_signing_in_as_the_first_user_or_as_nobody_keeps_the_row() -> None:
    before = """\
        async def test_it(client, auth_headers, other_auth_headers):
            project = await create_project(client, auth_headers)
            await create_task(client, auth_headers, project_id=project["id"])
            payload = {"project_id": project["id"]}
            await client.get("/tasks", headers=other_auth_headers)
    """
    assert per_signer(before) == textwrap.dedent(before)


def test_a_row_made_without_a_signer_is_left_alone() -> None:
    before = """\
        async def test_it(client, db, other_auth_headers):
            project = make_project(db)
            client.post("/tasks", json={"project_id": project.id}, headers=other_auth_headers)
    """
    assert per_signer(before) == textwrap.dedent(before)
