import uuid
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Project


async def create_project(client: AsyncClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    payload = {"name": f"Project {uuid.uuid4().hex[:8]}", "description": "Quarterly planning"} | overrides
    response = await client.post("/api/v1/projects", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_project(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    response = await client.post(
        "/api/v1/projects", json={"name": "Roadmap", "description": "2025 roadmap"}, headers=auth_headers
    )

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Roadmap"
    assert body["description"] == "2025 roadmap"
    assert uuid.UUID(body["id"])
    assert body["created_at"] and body["updated_at"]


async def test_create_project_requires_authentication(client: AsyncClient) -> None:
    response = await client.post("/api/v1/projects", json={"name": "Roadmap"})

    assert response.status_code == 401


async def test_create_project_duplicate_name_returns_409(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    await create_project(client, auth_headers, name="Roadmap")

    response = await client.post("/api/v1/projects", json={"name": "Roadmap"}, headers=auth_headers)

    assert response.status_code == 409


async def test_same_project_name_is_allowed_for_different_owners(
    client: AsyncClient, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
) -> None:
    await create_project(client, auth_headers, name="Roadmap")

    response = await client.post("/api/v1/projects", json={"name": "Roadmap"}, headers=other_auth_headers)

    assert response.status_code == 201


async def test_list_projects_returns_only_own_projects(
    client: AsyncClient, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
) -> None:
    own = await create_project(client, auth_headers)
    await create_project(client, other_auth_headers)

    response = await client.get("/api/v1/projects", headers=auth_headers)

    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [own["id"]]
    assert body["next_cursor"] is None


async def test_list_projects_paginates_with_cursor(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    created = [await create_project(client, auth_headers) for _ in range(5)]

    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        response = await client.get("/api/v1/projects", params=params, headers=auth_headers)
        assert response.status_code == 200
        body = response.json()
        seen.extend(item["id"] for item in body["items"])
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert pages == 3
    assert seen == [project["id"] for project in reversed(created)]


async def test_list_projects_rejects_invalid_cursor(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    response = await client.get("/api/v1/projects", params={"cursor": "garbage"}, headers=auth_headers)

    assert response.status_code == 400


async def test_get_project(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    project = await create_project(client, auth_headers)

    response = await client.get(f"/api/v1/projects/{project['id']}", headers=auth_headers)

    assert response.status_code == 200
    assert response.json() == project


async def test_get_missing_project_returns_404(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    response = await client.get(f"/api/v1/projects/{uuid.uuid4()}", headers=auth_headers)

    assert response.status_code == 404


async def test_get_other_users_project_returns_404(
    client: AsyncClient, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
) -> None:
    project = await create_project(client, other_auth_headers)

    response = await client.get(f"/api/v1/projects/{project['id']}", headers=auth_headers)

    assert response.status_code == 404


async def test_update_project(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    project = await create_project(client, auth_headers, name="Roadmap")

    response = await client.patch(
        f"/api/v1/projects/{project['id']}", json={"description": "Updated"}, headers=auth_headers
    )

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Roadmap"
    assert body["description"] == "Updated"
    assert body["updated_at"] > project["updated_at"]


async def test_update_project_rejects_null_name(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    project = await create_project(client, auth_headers)

    response = await client.patch(f"/api/v1/projects/{project['id']}", json={"name": None}, headers=auth_headers)

    assert response.status_code == 422


async def test_update_project_duplicate_name_returns_409(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    await create_project(client, auth_headers, name="Roadmap")
    project = await create_project(client, auth_headers, name="Backlog")

    response = await client.patch(f"/api/v1/projects/{project['id']}", json={"name": "Roadmap"}, headers=auth_headers)

    assert response.status_code == 409


async def test_update_other_users_project_returns_404(
    client: AsyncClient, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
) -> None:
    project = await create_project(client, other_auth_headers)

    response = await client.patch(f"/api/v1/projects/{project['id']}", json={"name": "Mine"}, headers=auth_headers)

    assert response.status_code == 404


async def test_delete_project(client: AsyncClient, session: AsyncSession, auth_headers: dict[str, str]) -> None:
    project = await create_project(client, auth_headers)

    response = await client.delete(f"/api/v1/projects/{project['id']}", headers=auth_headers)

    assert response.status_code == 204
    assert await session.get(Project, uuid.UUID(project["id"])) is None
    response = await client.get(f"/api/v1/projects/{project['id']}", headers=auth_headers)
    assert response.status_code == 404


async def test_delete_other_users_project_returns_404(
    client: AsyncClient, session: AsyncSession, auth_headers: dict[str, str], other_auth_headers: dict[str, str]
) -> None:
    project = await create_project(client, other_auth_headers)

    response = await client.delete(f"/api/v1/projects/{project['id']}", headers=auth_headers)

    assert response.status_code == 404
    assert await session.get(Project, uuid.UUID(project["id"])) is not None
