from typing import Any, Dict

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from src.products.models import Product

pytestmark = pytest.mark.anyio


@pytest.fixture
def product_payload() -> Dict[str, Any]:
    return {
        "name": "Cordless Drill",
        "sku": "DRL-001",
        "description": "18V cordless drill with two batteries",
        "price_cents": 8999,
        "stock": 25,
    }


@pytest.fixture
async def product(session: AsyncSession) -> Product:
    product = Product(name="Claw Hammer", sku="HAM-001", price_cents=1499, stock=40)
    session.add(product)
    await session.commit()
    await session.refresh(product)
    return product


async def test_list_products_empty(client: AsyncClient) -> None:
    response = await client.get("/products")

    assert response.status_code == 200
    assert response.json() == {
        "data": [],
        "meta": {"page": 1, "size": 20, "total": 0, "pages": 0},
    }


async def test_list_products_paginates(client: AsyncClient, session: AsyncSession) -> None:
    session.add_all(
        [Product(name=f"Screw pack {i}", sku=f"SCR-{i:03d}", price_cents=299) for i in range(5)]
    )
    await session.commit()

    response = await client.get("/products", params={"page": 2, "size": 2})

    assert response.status_code == 200
    body = response.json()
    assert [item["sku"] for item in body["data"]] == ["SCR-002", "SCR-003"]
    assert body["meta"] == {"page": 2, "size": 2, "total": 5, "pages": 3}


async def test_list_products_rejects_invalid_page_size(client: AsyncClient) -> None:
    response = await client.get("/products", params={"size": 101})

    assert response.status_code == 422


async def test_create_product(client: AsyncClient, product_payload: Dict[str, Any]) -> None:
    response = await client.post("/products", json=product_payload)

    assert response.status_code == 201
    body = response.json()
    assert body["meta"] is None
    data = body["data"]
    assert isinstance(data["id"], int)
    assert data["name"] == product_payload["name"]
    assert data["sku"] == product_payload["sku"]
    assert data["price_cents"] == product_payload["price_cents"]
    assert data["is_active"] is True
    assert data["created_at"] is not None


async def test_create_product_invalid_payload(client: AsyncClient) -> None:
    response = await client.post("/products", json={"name": "", "sku": "X-1", "price_cents": -1})

    assert response.status_code == 422


async def test_create_product_duplicate_sku(
    client: AsyncClient, product: Product, product_payload: Dict[str, Any]
) -> None:
    response = await client.post("/products", json={**product_payload, "sku": product.sku})

    assert response.status_code == 409
    assert response.json()["detail"] == "A product with this SKU already exists"


async def test_get_product(client: AsyncClient, product: Product) -> None:
    response = await client.get(f"/products/{product.id}")

    assert response.status_code == 200
    data = response.json()["data"]
    assert data["id"] == product.id
    assert data["sku"] == product.sku
    assert data["stock"] == 40


async def test_get_product_not_found(client: AsyncClient) -> None:
    response = await client.get("/products/999")

    assert response.status_code == 404
    assert response.json()["detail"] == "Product not found"


async def test_update_product(client: AsyncClient, product: Product) -> None:
    response = await client.patch(f"/products/{product.id}", json={"stock": 12})

    assert response.status_code == 200
    data = response.json()["data"]
    assert data["stock"] == 12
    assert data["name"] == product.name
    assert data["price_cents"] == product.price_cents


async def test_update_product_duplicate_sku(
    client: AsyncClient, session: AsyncSession, product: Product
) -> None:
    other = Product(name="Tape Measure", sku="TAP-001", price_cents=999)
    session.add(other)
    await session.commit()

    response = await client.patch(f"/products/{other.id}", json={"sku": product.sku})

    assert response.status_code == 409


async def test_update_product_not_found(client: AsyncClient) -> None:
    response = await client.patch("/products/999", json={"stock": 1})

    assert response.status_code == 404


async def test_delete_product(client: AsyncClient, product: Product) -> None:
    response = await client.delete(f"/products/{product.id}")

    assert response.status_code == 204
    assert response.content == b""
    assert (await client.get(f"/products/{product.id}")).status_code == 404


async def test_delete_product_not_found(client: AsyncClient) -> None:
    response = await client.delete("/products/999")

    assert response.status_code == 404


async def test_products_require_api_key(client_without_key: AsyncClient) -> None:
    response = await client_without_key.get("/products")

    assert response.status_code == 401


async def test_products_reject_invalid_api_key(client_without_key: AsyncClient) -> None:
    response = await client_without_key.get("/products", headers={"X-API-Key": "wrong-key"})

    assert response.status_code == 401
