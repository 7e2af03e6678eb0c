import pytest
from httpx import AsyncClient

from app.models import Category, Item, User


@pytest.mark.asyncio
async def test_create_item(
    client: AsyncClient, auth_headers: dict[str, str], category: Category, normal_user: User
) -> None:
    payload = {"name": "Neuromancer", "sku": "BOOK-0002", "price": 12.5, "category_id": category.id}
    response = await client.post("/items", json=payload, headers=auth_headers)
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Neuromancer"
    assert body["price"] == 12.5
    assert body["quantity"] == 0
    assert body["category_id"] == category.id
    assert body["owner_id"] == normal_user.id


@pytest.mark.asyncio
async def test_create_item_unknown_category_returns_404(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    payload = {"name": "Orphan", "sku": "ORPHAN-1", "category_id": 9999}
    response = await client.post("/items", json=payload, headers=auth_headers)
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_create_item_duplicate_sku_returns_409(
    client: AsyncClient, auth_headers: dict[str, str], item: Item
) -> None:
    payload = {"name": "Dune (copy)", "sku": item.sku, "category_id": item.category_id}
    response = await client.post("/items", json=payload, headers=auth_headers)
    assert response.status_code == 409


@pytest.mark.asyncio
async def test_create_item_invalid_payload_returns_422(
    client: AsyncClient, auth_headers: dict[str, str], category: Category
) -> None:
    payload = {"name": "Bad", "sku": "BAD-1", "price": -1, "category_id": category.id}
    response = await client.post("/items", json=payload, headers=auth_headers)
    assert response.status_code == 422


@pytest.mark.asyncio
async def test_list_items_cursor_pagination(
    client: AsyncClient, auth_headers: dict[str, str], category: Category
) -> None:
    for index in range(3):
        payload = {"name": f"Item {index}", "sku": f"SKU-{index}", "category_id": category.id}
        response = await client.post("/items", json=payload, headers=auth_headers)
        assert response.status_code == 201

    first = await client.get("/items", params={"limit": 2}, headers=auth_headers)
    assert first.status_code == 200
    page = first.json()
    assert [row["sku"] for row in page["data"]] == ["SKU-0", "SKU-1"]
    assert page["has_more"] is True

    second = await client.get(
        "/items", params={"limit": 2, "cursor": page["next_cursor"]}, headers=auth_headers
    )
    page = second.json()
    assert [row["sku"] for row in page["data"]] == ["SKU-2"]
    assert page["has_more"] is False
    assert page["next_cursor"] is None


@pytest.mark.asyncio
async def test_list_items_requires_auth(client: AsyncClient) -> None:
    response = await client.get("/items")
    assert response.status_code == 401


@pytest.mark.asyncio
async def test_list_items_rejects_limit_over_max(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    response = await client.get("/items", params={"limit": 101}, headers=auth_headers)
    assert response.status_code == 422


@pytest.mark.asyncio
async def test_get_item(client: AsyncClient, auth_headers: dict[str, str], item: Item) -> None:
    response = await client.get(f"/items/{item.id}", headers=auth_headers)
    assert response.status_code == 200
    assert response.json()["sku"] == item.sku


@pytest.mark.asyncio
async def test_get_item_not_found_returns_404(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    response = await client.get("/items/9999", headers=auth_headers)
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_update_item_partial(
    client: AsyncClient, auth_headers: dict[str, str], item: Item
) -> None:
    response = await client.patch(f"/items/{item.id}", json={"quantity": 42}, headers=auth_headers)
    assert response.status_code == 200
    body = response.json()
    assert body["quantity"] == 42
    assert body["name"] == item.name
    assert body["sku"] == item.sku


@pytest.mark.asyncio
async def test_update_item_of_other_user_returns_403(
    client: AsyncClient,
    auth_headers: dict[str, str],
    admin_headers: dict[str, str],
    category: Category,
) -> None:
    payload = {"name": "Admin item", "sku": "ADMIN-1", "category_id": category.id}
    response = await client.post("/items", json=payload, headers=admin_headers)
    item_id = response.json()["id"]
    response = await client.patch(f"/items/{item_id}", json={"quantity": 1}, headers=auth_headers)
    assert response.status_code == 403


@pytest.mark.asyncio
async def test_update_item_not_found_returns_404(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    response = await client.patch("/items/9999", json={"quantity": 1}, headers=auth_headers)
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_delete_item(client: AsyncClient, auth_headers: dict[str, str], item: Item) -> None:
    response = await client.delete(f"/items/{item.id}", headers=auth_headers)
    assert response.status_code == 204
    response = await client.get(f"/items/{item.id}", headers=auth_headers)
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_delete_item_not_found_returns_404(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    response = await client.delete("/items/9999", headers=auth_headers)
    assert response.status_code == 404
