from main import Author, Book


def create_author(client, name='Ursula K. Le Guin', email='ursula@example.com'):
    response = client.post('/authors/', json={'name': name, 'email': email})
    assert response.status_code == 201
    return response.json()


def create_book(client, author_id, title='A Wizard of Earthsea', isbn='9780547773742'):
    response = client.post(
        '/books/', json={'title': title, 'isbn': isbn, 'author_id': author_id}
    )
    assert response.status_code == 201
    return response.json()


# Authors


def test_create_author(client):
    response = client.post(
        '/authors/',
        json={
            'name': 'Ursula K. Le Guin',
            'email': 'ursula@example.com',
            'bio': 'Author of the Earthsea cycle.',
        },
    )
    assert response.status_code == 201
    data = response.json()
    assert data['id'] is not None
    assert data['name'] == 'Ursula K. Le Guin'
    assert data['email'] == 'ursula@example.com'
    assert data['bio'] == 'Author of the Earthsea cycle.'


def test_create_author_duplicate_email(client):
    create_author(client)
    response = client.post(
        '/authors/', json={'name': 'Someone Else', 'email': 'ursula@example.com'}
    )
    assert response.status_code == 409


def test_read_authors(client, db):
    db.add_all(
        [
            Author(name='Ursula K. Le Guin', email='ursula@example.com'),
            Author(name='Octavia E. Butler', email='octavia@example.com'),
        ]
    )
    db.commit()
    response = client.get('/authors/')
    assert response.status_code == 200
    data = response.json()
    assert len(data) == 2
    assert {author['name'] for author in data} == {
        'Ursula K. Le Guin',
        'Octavia E. Butler',
    }


def test_read_author(client):
    author = create_author(client)
    author_id = author['id']
    response = client.get(f'/authors/{author_id}')
    assert response.status_code == 200
    assert response.json() == author


def test_read_author_not_found(client):
    response = client.get('/authors/999')
    assert response.status_code == 404
    assert response.json()['detail'] == 'Author not found'


def test_update_author(client):
    author = create_author(client)
    author_id = author['id']
    response = client.patch(
        f'/authors/{author_id}', json={'bio': 'Wrote The Dispossessed.'}
    )
    assert response.status_code == 200
    data = response.json()
    assert data['bio'] == 'Wrote The Dispossessed.'
    assert data['name'] == author['name']
    assert data['email'] == author['email']


def test_update_author_not_found(client):
    response = client.patch('/authors/999', json={'name': 'Nobody'})
    assert response.status_code == 404


def test_delete_author(client):
    author = create_author(client)
    author_id = author['id']
    response = client.delete(f'/authors/{author_id}')
    assert response.status_code == 204
    response = client.get(f'/authors/{author_id}')
    assert response.status_code == 404


def test_delete_author_not_found(client):
    response = client.delete('/authors/999')
    assert response.status_code == 404


def test_delete_author_deletes_books(client, db):
    author = create_author(client)
    author_id = author['id']
    create_book(client, author_id)
    response = client.delete(f'/authors/{author_id}')
    assert response.status_code == 204
    assert db.query(Book).count() == 0


# Books


def test_create_book(client):
    author = create_author(client)
    response = client.post(
        '/books/',
        json={
            'title': 'The Left Hand of Darkness',
            'isbn': '9780441478125',
            'published_year': 1969,
            'author_id': author['id'],
        },
    )
    assert response.status_code == 201
    data = response.json()
    assert data['id'] is not None
    assert data['title'] == 'The Left Hand of Darkness'
    assert data['isbn'] == '9780441478125'
    assert data['published_year'] == 1969
    assert data['author_id'] == author['id']


def test_create_book_unknown_author(client):
    response = client.post(
        '/books/',
        json={'title': 'Orphan', 'isbn': '0000000000000', 'author_id': 999},
    )
    assert response.status_code == 404
    assert response.json()['detail'] == 'Author not found'


def test_create_book_duplicate_isbn(client):
    author = create_author(client)
    create_book(client, author['id'])
    response = client.post(
        '/books/',
        json={
            'title': 'Another Title',
            'isbn': '9780547773742',
            'author_id': author['id'],
        },
    )
    assert response.status_code == 409


def test_read_books(client):
    author = create_author(client)
    create_book(client, author['id'])
    create_book(client, author['id'], title='The Tombs of Atuan', isbn='9780689845369')
    response = client.get('/books/')
    assert response.status_code == 200
    data = response.json()
    assert len(data) == 2
    assert [book['title'] for book in data] == [
        'A Wizard of Earthsea',
        'The Tombs of Atuan',
    ]


def test_read_book(client):
    author = create_author(client)
    book = create_book(client, author['id'])
    book_id = book['id']
    response = client.get(f'/books/{book_id}')
    assert response.status_code == 200
    assert response.json() == book


def test_read_book_not_found(client):
    response = client.get('/books/999')
    assert response.status_code == 404
    assert response.json()['detail'] == 'Book not found'


def test_update_book(client):
    author = create_author(client)
    book = create_book(client, author['id'])
    book_id = book['id']
    response = client.patch(f'/books/{book_id}', json={'published_year': 1968})
    assert response.status_code == 200
    data = response.json()
    assert data['published_year'] == 1968
    assert data['title'] == book['title']
    assert data['isbn'] == book['isbn']


def test_update_book_not_found(client):
    response = client.patch('/books/999', json={'title': 'Nothing'})
    assert response.status_code == 404


def test_delete_book(client):
    author = create_author(client)
    book = create_book(client, author['id'])
    book_id = book['id']
    response = client.delete(f'/books/{book_id}')
    assert response.status_code == 204
    response = client.get(f'/books/{book_id}')
    assert response.status_code == 404


def test_delete_book_not_found(client):
    response = client.delete('/books/999')
    assert response.status_code == 404
