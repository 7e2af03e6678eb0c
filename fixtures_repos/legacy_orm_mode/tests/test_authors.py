import pytest

from app import models
from tests import factories


def test_create_author(client, auth_headers):
    payload = {"name": "Ursula K. Le Guin", "bio": "Earthsea", "born": "1929-10-21"}
    response = client.post("/authors/", json=payload, headers=auth_headers)
    assert response.status_code == 201
    data = response.json()
    assert data["name"] == "Ursula K. Le Guin"
    assert data["bio"] == "Earthsea"
    assert data["born"] == "1929-10-21"
    assert isinstance(data["id"], int)


def test_create_author_only_name(client, auth_headers):
    response = client.post(
        "/authors/", json={"name": "Anonymous"}, headers=auth_headers
    )
    assert response.status_code == 201
    data = response.json()
    assert data["bio"] is None
    assert data["born"] is None


def test_create_author_duplicate_name_returns_400(client, db, auth_headers):
    factories.create_author(db, name="Octavia E. Butler")
    payload = {"name": "Octavia E. Butler"}
    response = client.post("/authors/", json=payload, headers=auth_headers)
    assert response.status_code == 400
    assert response.json()["detail"] == "An author with this name already exists"


@pytest.mark.parametrize(
    "payload",
    [{}, {"name": ""}, {"name": "Valid Name", "born": "not-a-date"}],
)
def test_create_author_invalid_payload_returns_422(client, auth_headers, payload):
    response = client.post("/authors/", json=payload, headers=auth_headers)
    assert response.status_code == 422


def test_read_authors(client, db, auth_headers):
    first = factories.create_author(db)
    second = factories.create_author(db)
    response = client.get("/authors/", headers=auth_headers)
    assert response.status_code == 200
    assert [author["id"] for author in response.json()] == [first.id, second.id]


def test_read_authors_skip_and_limit(client, db, auth_headers):
    authors = [factories.create_author(db) for _ in range(5)]
    response = client.get("/authors/?skip=1&limit=2", headers=auth_headers)
    assert response.status_code == 200
    assert [author["id"] for author in response.json()] == [
        authors[1].id,
        authors[2].id,
    ]


def test_read_author(client, db, auth_headers):
    author = factories.create_author(db, name="N. K. Jemisin")
    response = client.get(f"/authors/{author.id}", headers=auth_headers)
    assert response.status_code == 200
    assert response.json()["name"] == "N. K. Jemisin"


def test_read_author_not_found_returns_404(client, auth_headers):
    response = client.get("/authors/9999", headers=auth_headers)
    assert response.status_code == 404
    assert response.json()["detail"] == "Author not found"


def test_update_author(client, db, auth_headers):
    author = factories.create_author(db, name="Iain Banks", bio="Culture novels")
    payload = {"name": "Iain M. Banks", "born": "1954-02-16"}
    response = client.put(f"/authors/{author.id}", json=payload, headers=auth_headers)
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Iain M. Banks"
    assert data["born"] == "1954-02-16"
    assert data["bio"] == "Culture novels"


def test_update_author_keeping_own_name(client, db, auth_headers):
    author = factories.create_author(db, name="Ted Chiang")
    payload = {"name": "Ted Chiang", "bio": "Short stories"}
    response = client.put(f"/authors/{author.id}", json=payload, headers=auth_headers)
    assert response.status_code == 200
    assert response.json()["bio"] == "Short stories"


def test_update_author_duplicate_name_returns_400(client, db, auth_headers):
    factories.create_author(db, name="Taken Name")
    author = factories.create_author(db)
    payload = {"name": "Taken Name"}
    response = client.put(f"/authors/{author.id}", json=payload, headers=auth_headers)
    assert response.status_code == 400
    assert response.json()["detail"] == "An author with this name already exists"


def test_update_author_not_found_returns_404(client, auth_headers):
    response = client.put("/authors/9999", json={"bio": "x"}, headers=auth_headers)
    assert response.status_code == 404


def test_delete_author(client, db, auth_headers):
    author = factories.create_author(db)
    response = client.delete(f"/authors/{author.id}", headers=auth_headers)
    assert response.status_code == 204
    assert response.content == b""
    response = client.get(f"/authors/{author.id}", headers=auth_headers)
    assert response.status_code == 404


def test_delete_author_keeps_books(client, db, auth_headers):
    author = factories.create_author(db)
    book = factories.create_book(db, author_id=author.id)
    response = client.delete(f"/authors/{author.id}", headers=auth_headers)
    assert response.status_code == 204
    db.expire_all()
    assert db.get(models.Book, book.id).author_id is None


def test_delete_author_not_found_returns_404(client, auth_headers):
    response = client.delete("/authors/9999", headers=auth_headers)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/authors/"),
        ("post", "/authors/"),
        ("get", "/authors/1"),
        ("put", "/authors/1"),
        ("delete", "/authors/1"),
    ],
)
def test_authors_require_authentication(client, method, url):
    response = client.request(method, url, json={"name": "Nobody"})
    assert response.status_code == 401
