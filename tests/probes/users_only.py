"""Probes of an Order written from templates in users_only (no resource to clone; SQLite).

Copied into the project's tests/ by tests/test_generated_hardening.py after
`add-crud Order total:decimal status:enum[pending,paid]=pending note:text? customer_name:str`.
"""

from fastapi.testclient import TestClient

URL = "/api/orders"
PAYLOAD = {"customer_name": "A", "total": "12.50", "status": "pending", "note": "n"}


def test_clients_cannot_set_server_managed_fields(client: TestClient, user_token_headers: dict[str, str]) -> None:
    forged = {"id": 999, "created_at": "2000-01-01T00:00:00Z"}
    response = client.post(URL, json=PAYLOAD | forged, headers=user_token_headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] != 999 and not str(body.get("created_at", "")).startswith("2000")


def test_null_for_a_required_field_in_a_patch_is_422(client: TestClient, user_token_headers: dict[str, str]) -> None:
    order = client.post(URL, json=PAYLOAD, headers=user_token_headers).json()
    for field in ("total", "status", "customer_name"):
        response = client.patch(f"{URL}/{order['id']}", json={field: None}, headers=user_token_headers)
        assert response.status_code == 422, (field, response.status_code, response.text)
    response = client.patch(f"{URL}/{order['id']}", json={"note": None}, headers=user_token_headers)
    assert response.status_code == 200 and response.json()["note"] is None


def test_ids_past_the_key_s_range_are_422(client: TestClient, user_token_headers: dict[str, str]) -> None:
    for big in (2**31, 2**63, 10**30, -(2**31) - 1, -(2**70), -(10**30)):
        for method in ("GET", "PATCH", "DELETE"):
            kwargs = {"json": {"note": "x"}} if method == "PATCH" else {}
            response = client.request(method, f"{URL}/{big}", headers=user_token_headers, **kwargs)
            assert response.status_code == 422, (method, big, response.status_code)
