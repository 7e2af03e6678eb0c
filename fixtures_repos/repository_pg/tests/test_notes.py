import uuid
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Note


async def create_project(client: AsyncClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    payload = {"name": f"Project {uuid.uuid4().hex[:8]}"} | overrides
    response = await client.post("/api/v1/projects", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def create_note(
    client: AsyncClient, headers: dict[str, str], project_id: str, **overrides: Any
) -> dict[str, Any]:
    payload = {"project_id": project_id, "title": f"Note {uuid.uuid4().hex[:8]}", "body": "Remember"} | overrides
    response = await client.post("/api/v1/notes", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_note(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    project = await create_project(client, auth_headers)

    response = await client.post(
        "/api/v1/notes",
        json={"project_id": project["id"], "title": "Kick-off", "body": "Agenda", "is_pinned": True},
        headers=auth_headers,
    )

    assert response.status_code == 201
    body = response.json()
    assert body["project_id"] == project["id"]
    assert body["owner_id"] == project["owner_id"]
    assert body["title"] == "Kick-off"
    assert body["is_pinned"] is True


async def test_create_note_in_other_users_project_returns_404(
    client: AsyncClient, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
) -> None:
    project = await create_project(client, other_auth_headers)

    response = await client.post(
        "/api/v1/notes", json={"project_id": project["id"], "title": "Sneaky"}, headers=auth_headers
    )

    assert response.status_code == 404


async def test_list_notes_filters_by_project(
    client: AsyncClient, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
) -> None:
    first = await create_project(client, auth_headers)
    second = await create_project(client, auth_headers)
    note = await create_note(client, auth_headers, first["id"])
    await create_note(client, auth_headers, second["id"])
    foreign_project = await create_project(client, other_auth_headers)
    await create_note(client, other_auth_headers, foreign_project["id"])

    all_notes = await client.get("/api/v1/notes", headers=auth_headers)
    filtered = await client.get("/api/v1/notes", params={"project_id": first["id"]}, headers=auth_headers)

    assert all_notes.status_code == 200
    assert len(all_notes.json()["items"]) == 2
    assert filtered.status_code == 200
    assert [item["id"] for item in filtered.json()["items"]] == [note["id"]]


async def test_list_notes_paginates_with_cursor(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    project = await create_project(client, auth_headers)
    created = [await create_note(client, auth_headers, project["id"]) for _ in range(3)]

    first_page = await client.get("/api/v1/notes", params={"limit": 2}, headers=auth_headers)
    cursor = first_page.json()["next_cursor"]
    second_page = await client.get("/api/v1/notes", params={"limit": 2, "cursor": cursor}, headers=auth_headers)

    assert [item["id"] for item in first_page.json()["items"]] == [created[2]["id"], created[1]["id"]]
    assert [item["id"] for item in second_page.json()["items"]] == [created[0]["id"]]
    assert second_page.json()["next_cursor"] is None


async def test_get_note(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    project = await create_project(client, auth_headers)
    note = await create_note(client, auth_headers, project["id"])

    response = await client.get(f"/api/v1/notes/{note['id']}", headers=auth_headers)

    assert response.status_code == 200
    assert response.json() == note


async def test_get_other_users_note_returns_404(
    client: AsyncClient, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
) -> None:
    project = await create_project(client, other_auth_headers)
    note = await create_note(client, other_auth_headers, project["id"])

    response = await client.get(f"/api/v1/notes/{note['id']}", headers=auth_headers)

    assert response.status_code == 404


async def test_update_note(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    project = await create_project(client, auth_headers)
    other_project = await create_project(client, auth_headers)
    note = await create_note(client, auth_headers, project["id"], title="Draft")

    response = await client.patch(
        f"/api/v1/notes/{note['id']}",
        json={"is_pinned": True, "project_id": other_project["id"]},
        headers=auth_headers,
    )

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Draft"
    assert body["is_pinned"] is True
    assert body["project_id"] == other_project["id"]


async def test_update_note_into_other_users_project_returns_404(
    client: AsyncClient, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
) -> None:
    project = await create_project(client, auth_headers)
    foreign_project = await create_project(client, other_auth_headers)
    note = await create_note(client, auth_headers, project["id"])

    response = await client.patch(
        f"/api/v1/notes/{note['id']}", json={"project_id": foreign_project["id"]}, headers=auth_headers
    )

    assert response.status_code == 404


async def test_delete_note(client: AsyncClient, session: AsyncSession, auth_headers: dict[str, str]) -> None:
    project = await create_project(client, auth_headers)
    note = await create_note(client, auth_headers, project["id"])

    response = await client.delete(f"/api/v1/notes/{note['id']}", headers=auth_headers)

    assert response.status_code == 204
    assert await session.get(Note, uuid.UUID(note["id"])) is None


async def test_deleting_project_deletes_its_notes(
    client: AsyncClient, session: AsyncSession, auth_headers: dict[str, str]
) -> None:
    project = await create_project(client, auth_headers)
    note = await create_note(client, auth_headers, project["id"])

    response = await client.delete(f"/api/v1/projects/{project['id']}", headers=auth_headers)

    assert response.status_code == 204
    assert await session.get(Note, uuid.UUID(note["id"])) is None
