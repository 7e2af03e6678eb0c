import uuid

import pytest

URL = "/api/v2/warehouses"


def make_warehouse(client, headers, **overrides) -> dict:
    payload = {"code": f"WH-{uuid.uuid4().hex[:6].upper()}", "name": "North hub", "capacity": 1200}
    payload.update(overrides)
    response = client.post(URL, json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["data"]


class TestWarehouses:
    def test_create_returns_201_and_the_enveloped_warehouse(self, client, user_headers):
        response = client.post(
            URL, json={"code": "WH-AMS", "name": "Amsterdam", "capacity": 500}, headers=user_headers
        )

        assert response.status_code == 201
        data = response.json()["data"]
        assert data == {
            "id": data["id"],
            "code": "WH-AMS",
            "name": "Amsterdam",
            "capacity": 500,
            "active": True,
        }
        uuid.UUID(data["id"])

    def test_create_with_taken_code_conflicts(self, client, user_headers):
        make_warehouse(client, user_headers, code="WH-DUP")

        response = client.post(
            URL, json={"code": "WH-DUP", "name": "Other", "capacity": 1}, headers=user_headers
        )

        assert response.status_code == 409
        assert response.json()["detail"] == {"error": "conflict", "field": "code"}

    @pytest.mark.parametrize(
        "payload",
        [
            {"name": "No code", "capacity": 10},
            {"code": "WH-NEG", "name": "Negative", "capacity": -1},
            {"code": "WH-TYPE", "name": "Typed", "capacity": "lots"},
        ],
    )
    def test_create_rejects_invalid_payload(self, client, user_headers, payload):
        response = client.post(URL, json=payload, headers=user_headers)

        assert response.status_code == 422

    def test_list_walks_every_page_once(self, client, user_headers):
        created = {make_warehouse(client, user_headers)["id"] for _ in range(7)}

        seen, cursor, pages = [], None, 0
        while True:
            params = {"limit": 3} if cursor is None else {"limit": 3, "cursor": cursor}
            body = client.get(URL, params=params, headers=user_headers).json()
            assert body["meta"]["limit"] == 3
            seen.extend(item["id"] for item in body["data"])
            pages += 1
            cursor = body["meta"]["next_cursor"]
            if cursor is None:
                break

        assert pages == 3
        assert len(seen) == len(set(seen)) == 7
        assert set(seen) == created

    def test_list_uses_default_limit(self, client, user_headers):
        make_warehouse(client, user_headers)

        body = client.get(URL, headers=user_headers).json()

        assert body["meta"] == {"next_cursor": None, "limit": 25}
        assert len(body["data"]) == 1

    @pytest.mark.parametrize("limit", [0, 201])
    def test_list_rejects_out_of_range_limit(self, client, user_headers, limit):
        response = client.get(URL, params={"limit": limit}, headers=user_headers)

        assert response.status_code == 422

    def test_get_returns_the_warehouse(self, client, user_headers):
        warehouse = make_warehouse(client, user_headers, name="Rotterdam")

        response = client.get(f"{URL}/{warehouse['id']}", headers=user_headers)

        assert response.status_code == 200
        assert response.json() == {"data": warehouse}

    def test_get_unknown_id_is_404(self, client, user_headers):
        response = client.get(f"{URL}/{uuid.uuid4()}", headers=user_headers)

        assert response.status_code == 404
        assert response.json()["detail"] == {"error": "not_found"}

    def test_patch_changes_only_the_sent_fields(self, client, user_headers):
        warehouse = make_warehouse(client, user_headers, name="Old name", capacity=10)

        response = client.patch(
            f"{URL}/{warehouse['id']}", json={"name": "New name", "active": False}, headers=user_headers
        )

        assert response.status_code == 200
        assert response.json()["data"] == {**warehouse, "name": "New name", "active": False}

    def test_patch_to_a_taken_code_conflicts(self, client, user_headers):
        make_warehouse(client, user_headers, code="WH-ONE")
        other = make_warehouse(client, user_headers, code="WH-TWO")

        response = client.patch(f"{URL}/{other['id']}", json={"code": "WH-ONE"}, headers=user_headers)

        assert response.status_code == 409
        assert response.json()["detail"] == {"error": "conflict", "field": "code"}

    def test_patch_keeping_its_own_code_is_fine(self, client, user_headers):
        warehouse = make_warehouse(client, user_headers, code="WH-SAME")

        response = client.patch(f"{URL}/{warehouse['id']}", json={"code": "WH-SAME"}, headers=user_headers)

        assert response.status_code == 200

    def test_patch_rejects_null_for_a_required_field(self, client, user_headers):
        warehouse = make_warehouse(client, user_headers)

        response = client.patch(f"{URL}/{warehouse['id']}", json={"name": None}, headers=user_headers)

        assert response.status_code == 422

    def test_patch_unknown_id_is_404(self, client, user_headers):
        response = client.patch(f"{URL}/{uuid.uuid4()}", json={"name": "x"}, headers=user_headers)

        assert response.status_code == 404

    def test_admin_deletes_with_204(self, client, user_headers, admin_headers):
        warehouse = make_warehouse(client, user_headers)

        response = client.delete(f"{URL}/{warehouse['id']}", headers=admin_headers)

        assert response.status_code == 204
        assert response.content == b""
        assert client.get(f"{URL}/{warehouse['id']}", headers=user_headers).status_code == 404

    def test_plain_user_may_not_delete(self, client, user_headers):
        warehouse = make_warehouse(client, user_headers)

        response = client.delete(f"{URL}/{warehouse['id']}", headers=user_headers)

        assert response.status_code == 403
        assert client.get(f"{URL}/{warehouse['id']}", headers=user_headers).status_code == 200

    def test_delete_unknown_id_is_404(self, client, admin_headers):
        response = client.delete(f"{URL}/{uuid.uuid4()}", headers=admin_headers)

        assert response.status_code == 404

    @pytest.mark.parametrize(
        "method, path",
        [("get", ""), ("post", ""), ("get", "/{id}"), ("patch", "/{id}"), ("delete", "/{id}")],
    )
    def test_every_route_needs_a_token(self, client, method, path):
        response = client.request(method.upper(), URL + path.format(id=uuid.uuid4()))

        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
