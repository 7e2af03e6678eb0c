from datetime import timedelta

from service.api.security import create_access_token


class TestAuth:
    def test_token_for_valid_credentials_opens_the_api(self, client, member, password):
        response = client.post("/api/v2/auth/token", json={"email": member.email, "password": password})

        assert response.status_code == 200
        token = response.json()["data"]["access_token"]
        me = client.get("/api/v2/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 200
        assert me.json()["data"] == {"id": str(member.id), "email": member.email, "role": "member"}

    def test_wrong_password_is_rejected(self, client, member):
        response = client.post("/api/v2/auth/token", json={"email": member.email, "password": "nope"})

        assert response.status_code == 401
        assert response.json()["detail"] == {"error": "invalid_credentials"}

    def test_unknown_email_is_rejected(self, client):
        response = client.post("/api/v2/auth/token", json={"email": "ghost@example.com", "password": "x"})

        assert response.status_code == 401

    def test_expired_token_is_rejected(self, client, member):
        token = create_access_token(member.id, ttl=timedelta(seconds=-1))

        response = client.get("/api/v2/warehouses", headers={"Authorization": f"Bearer {token}"})

        assert response.status_code == 401
        assert response.json()["detail"] == {"error": "not_authenticated"}

    def test_garbage_token_is_rejected(self, client):
        response = client.get("/api/v2/warehouses", headers={"Authorization": "Bearer not-a-jwt"})

        assert response.status_code == 401
