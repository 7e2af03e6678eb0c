import uuid

import pytest

URL = "/api/v2/shipments"


def make_shipment(client, headers, **overrides) -> dict:
    payload = {"reference": f"SHP-{uuid.uuid4().hex[:8].upper()}", "weight_kg": "12.5"}
    payload.update(overrides)
    response = client.post(URL, json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["data"]


@pytest.fixture
def warehouse(client, user_headers) -> dict:
    payload = {"code": "WH-SHIP", "name": "Dispatch", "capacity": 40}
    return client.post("/api/v2/warehouses", json=payload, headers=user_headers).json()["data"]


class TestShipments:
    def test_create_returns_201_with_defaults(self, client, user_headers):
        response = client.post(URL, json={"reference": "SHP-0001", "weight_kg": 3.2}, headers=user_headers)

        assert response.status_code == 201
        data = response.json()["data"]
        assert data == {
            "id": data["id"],
            "reference": "SHP-0001",
            "weight_kg": "3.20",
            "status": "created",
            "warehouse_id": None,
        }

    def test_create_in_a_warehouse(self, client, user_headers, warehouse):
        shipment = make_shipment(client, user_headers, warehouse_id=warehouse["id"], status="shipped")

        assert shipment["warehouse_id"] == warehouse["id"]
        assert shipment["status"] == "shipped"

    def test_create_with_taken_reference_conflicts(self, client, user_headers):
        make_shipment(client, user_headers, reference="SHP-DUP")

        response = client.post(URL, json={"reference": "SHP-DUP", "weight_kg": "1"}, headers=user_headers)

        assert response.status_code == 409
        assert response.json()["detail"] == {"error": "conflict", "field": "reference"}

    @pytest.mark.parametrize(
        "payload",
        [
            {"weight_kg": "1.00"},
            {"reference": "SHP-ZERO", "weight_kg": "0"},
            {"reference": "SHP-PREC", "weight_kg": "1.234"},
            {"reference": "SHP-BIG", "weight_kg": "1000000"},
            {"reference": "SHP-STAT", "weight_kg": "1", "status": "lost"},
            {"reference": "SHP-WHID", "weight_kg": "1", "warehouse_id": "not-a-uuid"},
        ],
    )
    def test_create_rejects_invalid_payload(self, client, user_headers, payload):
        response = client.post(URL, json=payload, headers=user_headers)

        assert response.status_code == 422

    def test_create_in_an_unknown_warehouse_is_rejected(self, client, user_headers):
        response = client.post(
            URL,
            json={"reference": "SHP-LOST", "weight_kg": "1", "warehouse_id": str(uuid.uuid4())},
            headers=user_headers,
        )

        assert response.status_code == 422
        assert response.json()["detail"] == {"error": "unknown_reference", "field": "warehouse_id"}

    def test_list_walks_every_page_once(self, client, user_headers):
        created = {make_shipment(client, user_headers)["id"] for _ in range(5)}

        seen, cursor = [], None
        while True:
            params = {"limit": 2} if cursor is None else {"limit": 2, "cursor": cursor}
            body = client.get(URL, params=params, headers=user_headers).json()
            seen.extend(item["id"] for item in body["data"])
            cursor = body["meta"]["next_cursor"]
            if cursor is None:
                break

        assert len(seen) == len(set(seen)) == 5
        assert set(seen) == created

    def test_list_past_the_last_row_is_empty(self, client, user_headers):
        make_shipment(client, user_headers)
        last = client.get(URL, headers=user_headers).json()["data"][-1]

        body = client.get(URL, params={"cursor": last["id"]}, headers=user_headers).json()

        assert body == {"data": [], "meta": {"next_cursor": None, "limit": 25}}

    def test_list_rejects_a_malformed_cursor(self, client, user_headers):
        response = client.get(URL, params={"cursor": "page-2"}, headers=user_headers)

        assert response.status_code == 422

    def test_get_returns_the_shipment(self, client, user_headers):
        shipment = make_shipment(client, user_headers)

        response = client.get(f"{URL}/{shipment['id']}", headers=user_headers)

        assert response.status_code == 200
        assert response.json() == {"data": shipment}

    def test_get_unknown_id_is_404(self, client, user_headers):
        response = client.get(f"{URL}/{uuid.uuid4()}", headers=user_headers)

        assert response.status_code == 404
        assert response.json()["detail"] == {"error": "not_found"}

    def test_patch_moves_the_status_forward(self, client, user_headers):
        shipment = make_shipment(client, user_headers)

        response = client.patch(f"{URL}/{shipment['id']}", json={"status": "delivered"}, headers=user_headers)

        assert response.status_code == 200
        assert response.json()["data"] == {**shipment, "status": "delivered"}

    def test_patch_can_unassign_the_warehouse(self, client, user_headers, warehouse):
        shipment = make_shipment(client, user_headers, warehouse_id=warehouse["id"])

        response = client.patch(f"{URL}/{shipment['id']}", json={"warehouse_id": None}, headers=user_headers)

        assert response.status_code == 200
        assert response.json()["data"]["warehouse_id"] is None

    def test_patch_rejects_null_for_a_required_field(self, client, user_headers):
        shipment = make_shipment(client, user_headers)

        response = client.patch(f"{URL}/{shipment['id']}", json={"weight_kg": None}, headers=user_headers)

        assert response.status_code == 422

    def test_patch_to_a_taken_reference_conflicts(self, client, user_headers):
        make_shipment(client, user_headers, reference="SHP-A")
        other = make_shipment(client, user_headers, reference="SHP-B")

        response = client.patch(f"{URL}/{other['id']}", json={"reference": "SHP-A"}, headers=user_headers)

        assert response.status_code == 409
        assert response.json()["detail"] == {"error": "conflict", "field": "reference"}

    def test_patch_unknown_id_is_404(self, client, user_headers):
        response = client.patch(f"{URL}/{uuid.uuid4()}", json={"status": "shipped"}, headers=user_headers)

        assert response.status_code == 404

    def test_admin_deletes_with_204(self, client, user_headers, admin_headers):
        shipment = make_shipment(client, user_headers)

        response = client.delete(f"{URL}/{shipment['id']}", headers=admin_headers)

        assert response.status_code == 204
        assert client.get(f"{URL}/{shipment['id']}", headers=user_headers).status_code == 404

    def test_plain_user_may_not_delete(self, client, user_headers):
        shipment = make_shipment(client, user_headers)

        response = client.delete(f"{URL}/{shipment['id']}", headers=user_headers)

        assert response.status_code == 403
        assert response.json()["detail"] == {"error": "forbidden", "required_role": "admin"}

    def test_deleting_its_warehouse_unassigns_the_shipment(
        self, client, user_headers, admin_headers, warehouse
    ):
        shipment = make_shipment(client, user_headers, warehouse_id=warehouse["id"])

        client.delete(f"/api/v2/warehouses/{warehouse['id']}", headers=admin_headers)

        refreshed = client.get(f"{URL}/{shipment['id']}", headers=user_headers).json()["data"]
        assert refreshed["warehouse_id"] is None

    @pytest.mark.parametrize(
        "method, path",
        [("get", ""), ("post", ""), ("get", "/{id}"), ("patch", "/{id}"), ("delete", "/{id}")],
    )
    def test_every_route_needs_a_token(self, client, method, path):
        response = client.request(method.upper(), URL + path.format(id=uuid.uuid4()))

        assert response.status_code == 401
