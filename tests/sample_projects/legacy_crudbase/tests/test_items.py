from typing import Dict

from fastapi.testclient import TestClient

from app.core.config import settings


def test_create_item(client: TestClient, normal_user_token_headers: Dict[str, str]) -> None:
    data = {"title": "Foo", "description": "Fighters"}
    response = client.post(f"{settings.API_V1_STR}/items/", headers=normal_user_token_headers, json=data)
    assert response.status_code == 200
    content = response.json()
    assert content["title"] == data["title"]
    assert "id" in content


def test_read_item(client: TestClient, normal_user_token_headers: Dict[str, str]) -> None:
    created = client.post(
        f"{settings.API_V1_STR}/items/", headers=normal_user_token_headers, json={"title": "Foo"}
    ).json()
    response = client.get(f"{settings.API_V1_STR}/items/{created['id']}", headers=normal_user_token_headers)
    assert response.status_code == 200
    assert response.json()["title"] == "Foo"


def test_read_items_requires_authentication(client: TestClient) -> None:
    response = client.get(f"{settings.API_V1_STR}/items/")
    assert response.status_code == 401


def test_update_and_delete_item(client: TestClient, normal_user_token_headers: Dict[str, str]) -> None:
    created = client.post(
        f"{settings.API_V1_STR}/items/", headers=normal_user_token_headers, json={"title": "Foo"}
    ).json()
    url = f"{settings.API_V1_STR}/items/{created['id']}"
    assert client.put(url, headers=normal_user_token_headers, json={"title": "Bar"}).json()["title"] == "Bar"
    assert client.delete(url, headers=normal_user_token_headers).status_code == 200
    assert client.get(url, headers=normal_user_token_headers).status_code == 404
