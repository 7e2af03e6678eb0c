import pytest
from httpx import AsyncClient

from app.models import Category, Item


@pytest.mark.asyncio
async def test_create_category(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    payload = {"name": "Games", "description": "Board and video games"}
    response = await client.post("/categories", json=payload, headers=auth_headers)
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Games"
    assert body["description"] == "Board and video games"
    assert isinstance(body["id"], int)


@pytest.mark.asyncio
async def test_create_category_duplicate_name_returns_409(
    client: AsyncClient, auth_headers: dict[str, str], category: Category
) -> None:
    response = await client.post("/categories", json={"name": category.name}, headers=auth_headers)
    assert response.status_code == 409


@pytest.mark.asyncio
async def test_list_categories_cursor_pagination(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    for name in ("Audio", "Garden", "Tools"):
        response = await client.post("/categories", json={"name": name}, headers=auth_headers)
        assert response.status_code == 201

    first = await client.get("/categories", params={"limit": 2}, headers=auth_headers)
    assert first.status_code == 200
    page = first.json()
    assert [row["name"] for row in page["data"]] == ["Audio", "Garden"]
    assert page["has_more"] is True
    assert page["next_cursor"] == page["data"][-1]["id"]

    second = await client.get(
        "/categories", params={"limit": 2, "cursor": page["next_cursor"]}, headers=auth_headers
    )
    page = second.json()
    assert [row["name"] for row in page["data"]] == ["Tools"]
    assert page["has_more"] is False
    assert page["next_cursor"] is None


@pytest.mark.asyncio
async def test_get_category(
    client: AsyncClient, auth_headers: dict[str, str], category: Category
) -> None:
    response = await client.get(f"/categories/{category.id}", headers=auth_headers)
    assert response.status_code == 200
    assert response.json()["name"] == category.name


@pytest.mark.asyncio
async def test_get_category_not_found_returns_404(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    response = await client.get("/categories/9999", headers=auth_headers)
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_update_category_partial(
    client: AsyncClient, auth_headers: dict[str, str], category: Category
) -> None:
    response = await client.patch(
        f"/categories/{category.id}", json={"description": "Updated"}, headers=auth_headers
    )
    assert response.status_code == 200
    body = response.json()
    assert body["description"] == "Updated"
    assert body["name"] == category.name


@pytest.mark.asyncio
async def test_update_category_name_conflict_returns_409(
    client: AsyncClient, auth_headers: dict[str, str], category: Category
) -> None:
    response = await client.post("/categories", json={"name": "Music"}, headers=auth_headers)
    other_id = response.json()["id"]
    response = await client.patch(
        f"/categories/{other_id}", json={"name": category.name}, headers=auth_headers
    )
    assert response.status_code == 409


@pytest.mark.asyncio
async def test_delete_category_requires_admin(
    client: AsyncClient, auth_headers: dict[str, str], category: Category
) -> None:
    response = await client.delete(f"/categories/{category.id}", headers=auth_headers)
    assert response.status_code == 403


@pytest.mark.asyncio
async def test_delete_category_as_admin_cascades_items(
    client: AsyncClient, admin_headers: dict[str, str], category: Category, item: Item
) -> None:
    response = await client.delete(f"/categories/{category.id}", headers=admin_headers)
    assert response.status_code == 204
    response = await client.get(f"/categories/{category.id}", headers=admin_headers)
    assert response.status_code == 404
    response = await client.get(f"/items/{item.id}", headers=admin_headers)
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_delete_category_not_found_returns_404(
    client: AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.delete("/categories/9999", headers=admin_headers)
    assert response.status_code == 404
