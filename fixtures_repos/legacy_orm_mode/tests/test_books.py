from decimal import Decimal

import pytest

from tests import factories


def test_create_book(client, db, auth_headers):
    author = factories.create_author(db)
    payload = {
        "title": "The Dispossessed",
        "isbn": "978-0-06-051275-3",
        "price": "15.99",
        "author_id": author.id,
    }
    response = client.post("/books/", json=payload, headers=auth_headers)
    assert response.status_code == 201
    data = response.json()
    assert data["title"] == "The Dispossessed"
    assert data["isbn"] == "978-0-06-051275-3"
    assert Decimal(data["price"]) == Decimal("15.99")
    assert data["published"] is False
    assert data["author_id"] == author.id


def test_create_book_without_author(client, auth_headers):
    payload = {"title": "Beowulf", "isbn": "978-0-393-32097-8", "price": 12}
    response = client.post("/books/", json=payload, headers=auth_headers)
    assert response.status_code == 201
    assert response.json()["author_id"] is None


def test_create_book_duplicate_isbn_returns_400(client, db, auth_headers):
    factories.create_book(db, isbn="978-0-441-17271-9")
    payload = {"title": "Dune", "isbn": "978-0-441-17271-9", "price": "9.99"}
    response = client.post("/books/", json=payload, headers=auth_headers)
    assert response.status_code == 400
    assert response.json()["detail"] == "A book with this isbn already exists"


def test_create_book_unknown_author_returns_400(client, auth_headers):
    payload = {
        "title": "Orphan",
        "isbn": "978-1-23-456789-7",
        "price": "5.00",
        "author_id": 9999,
    }
    response = client.post("/books/", json=payload, headers=auth_headers)
    assert response.status_code == 400
    assert response.json()["detail"] == "Author does not exist"


@pytest.mark.parametrize(
    "payload",
    [
        {"isbn": "978-0-00-000000-0", "price": "1.00"},
        {"title": "Short ISBN", "isbn": "123", "price": "1.00"},
        {"title": "Too precise", "isbn": "978-0-00-000000-0", "price": "1.001"},
        {"title": "Negative", "isbn": "978-0-00-000000-0", "price": "-1"},
    ],
)
def test_create_book_invalid_payload_returns_422(client, auth_headers, payload):
    response = client.post("/books/", json=payload, headers=auth_headers)
    assert response.status_code == 422


def test_read_books(client, db, auth_headers):
    first = factories.create_book(db)
    second = factories.create_book(db)
    response = client.get("/books/", headers=auth_headers)
    assert response.status_code == 200
    assert [book["id"] for book in response.json()] == [first.id, second.id]


def test_read_books_skip_and_limit(client, db, auth_headers):
    books = [factories.create_book(db) for _ in range(4)]
    response = client.get("/books/?skip=2&limit=5", headers=auth_headers)
    assert response.status_code == 200
    assert [book["id"] for book in response.json()] == [books[2].id, books[3].id]


def test_read_book(client, db, auth_headers):
    book = factories.create_book(db, title="Kindred", price=Decimal("11.50"))
    response = client.get(f"/books/{book.id}", headers=auth_headers)
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Kindred"
    assert Decimal(data["price"]) == Decimal("11.50")


def test_read_book_not_found_returns_404(client, auth_headers):
    response = client.get("/books/9999", headers=auth_headers)
    assert response.status_code == 404
    assert response.json()["detail"] == "Book not found"


def test_update_book(client, db, auth_headers):
    author = factories.create_author(db)
    book = factories.create_book(db, title="Draft")
    payload = {"title": "Final", "published": True, "author_id": author.id}
    response = client.put(f"/books/{book.id}", json=payload, headers=auth_headers)
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Final"
    assert data["published"] is True
    assert data["author_id"] == author.id
    assert data["isbn"] == book.isbn


def test_update_book_duplicate_isbn_returns_400(client, db, auth_headers):
    factories.create_book(db, isbn="978-0-00-999999-9")
    book = factories.create_book(db)
    payload = {"isbn": "978-0-00-999999-9"}
    response = client.put(f"/books/{book.id}", json=payload, headers=auth_headers)
    assert response.status_code == 400
    assert response.json()["detail"] == "A book with this isbn already exists"


def test_update_book_unknown_author_returns_400(client, db, auth_headers):
    book = factories.create_book(db)
    payload = {"author_id": 9999}
    response = client.put(f"/books/{book.id}", json=payload, headers=auth_headers)
    assert response.status_code == 400


def test_update_book_not_found_returns_404(client, auth_headers):
    response = client.put("/books/9999", json={"title": "x"}, headers=auth_headers)
    assert response.status_code == 404


def test_delete_book(client, db, auth_headers):
    book = factories.create_book(db)
    response = client.delete(f"/books/{book.id}", headers=auth_headers)
    assert response.status_code == 204
    assert response.content == b""
    response = client.get(f"/books/{book.id}", headers=auth_headers)
    assert response.status_code == 404


def test_delete_book_not_found_returns_404(client, auth_headers):
    response = client.delete("/books/9999", headers=auth_headers)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/books/"),
        ("post", "/books/"),
        ("get", "/books/1"),
        ("put", "/books/1"),
        ("delete", "/books/1"),
    ],
)
def test_books_require_authentication(client, method, url):
    response = client.request(method, url, json={"title": "Nobody"})
    assert response.status_code == 401
