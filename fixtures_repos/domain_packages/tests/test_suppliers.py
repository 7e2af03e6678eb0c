from typing import Any, Dict

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from src.suppliers.models import Supplier

pytestmark = pytest.mark.anyio


@pytest.fixture
def supplier_payload() -> Dict[str, Any]:
    return {
        "name": "Acme Tools Ltd",
        "email": "orders@acme-tools.example",
        "phone": "+44 20 7946 0000",
        "country": "GB",
    }


@pytest.fixture
async def supplier(session: AsyncSession) -> Supplier:
    supplier = Supplier(name="Nordic Fasteners", email="sales@nordic.example", country="SE")
    session.add(supplier)
    await session.commit()
    await session.refresh(supplier)
    return supplier


async def test_list_suppliers_empty(client: AsyncClient) -> None:
    response = await client.get("/suppliers")

    assert response.status_code == 200
    assert response.json() == {
        "data": [],
        "meta": {"page": 1, "size": 20, "total": 0, "pages": 0},
    }


async def test_list_suppliers_paginates(client: AsyncClient, session: AsyncSession) -> None:
    session.add_all([Supplier(name=f"Supplier {i}") for i in range(3)])
    await session.commit()

    response = await client.get("/suppliers", params={"page": 2, "size": 2})

    assert response.status_code == 200
    body = response.json()
    assert [item["name"] for item in body["data"]] == ["Supplier 2"]
    assert body["meta"] == {"page": 2, "size": 2, "total": 3, "pages": 2}


async def test_list_suppliers_rejects_invalid_page(client: AsyncClient) -> None:
    response = await client.get("/suppliers", params={"page": 0})

    assert response.status_code == 422


async def test_create_supplier(client: AsyncClient, supplier_payload: Dict[str, Any]) -> None:
    response = await client.post("/suppliers", json=supplier_payload)

    assert response.status_code == 201
    body = response.json()
    assert body["meta"] is None
    data = body["data"]
    assert isinstance(data["id"], int)
    assert data["name"] == supplier_payload["name"]
    assert data["email"] == supplier_payload["email"]
    assert data["country"] == "GB"
    assert data["is_active"] is True
    assert data["created_at"] is not None


async def test_create_supplier_invalid_payload(client: AsyncClient) -> None:
    response = await client.post("/suppliers", json={"name": "Acme", "country": "GBR"})

    assert response.status_code == 422


async def test_create_supplier_duplicate_name(
    client: AsyncClient, supplier: Supplier, supplier_payload: Dict[str, Any]
) -> None:
    response = await client.post("/suppliers", json={**supplier_payload, "name": supplier.name})

    assert response.status_code == 409
    assert response.json()["detail"] == "A supplier with this name already exists"


async def test_get_supplier(client: AsyncClient, supplier: Supplier) -> None:
    response = await client.get(f"/suppliers/{supplier.id}")

    assert response.status_code == 200
    data = response.json()["data"]
    assert data["id"] == supplier.id
    assert data["name"] == supplier.name
    assert data["phone"] is None


async def test_get_supplier_not_found(client: AsyncClient) -> None:
    response = await client.get("/suppliers/999")

    assert response.status_code == 404
    assert response.json()["detail"] == "Supplier not found"


async def test_update_supplier(client: AsyncClient, supplier: Supplier) -> None:
    response = await client.patch(f"/suppliers/{supplier.id}", json={"phone": "+46 8 123 456"})

    assert response.status_code == 200
    data = response.json()["data"]
    assert data["phone"] == "+46 8 123 456"
    assert data["name"] == supplier.name
    assert data["email"] == supplier.email


async def test_update_supplier_duplicate_name(
    client: AsyncClient, session: AsyncSession, supplier: Supplier
) -> None:
    other = Supplier(name="Baltic Hardware")
    session.add(other)
    await session.commit()

    response = await client.patch(f"/suppliers/{other.id}", json={"name": supplier.name})

    assert response.status_code == 409


async def test_update_supplier_not_found(client: AsyncClient) -> None:
    response = await client.patch("/suppliers/999", json={"phone": "123"})

    assert response.status_code == 404


async def test_delete_supplier(client: AsyncClient, supplier: Supplier) -> None:
    response = await client.delete(f"/suppliers/{supplier.id}")

    assert response.status_code == 204
    assert response.content == b""
    assert (await client.get(f"/suppliers/{supplier.id}")).status_code == 404


async def test_delete_supplier_not_found(client: AsyncClient) -> None:
    response = await client.delete("/suppliers/999")

    assert response.status_code == 404


async def test_suppliers_require_api_key(client_without_key: AsyncClient) -> None:
    response = await client_without_key.get("/suppliers")

    assert response.status_code == 401


async def test_suppliers_reject_invalid_api_key(client_without_key: AsyncClient) -> None:
    response = await client_without_key.get("/suppliers", headers={"X-API-Key": "wrong-key"})

    assert response.status_code == 401
