async def test_list_pages_through_own_bookmarks(
    client, user, other_user, auth_headers, bookmark_factory
):
    for _ in range(5):
        await bookmark_factory(user)
    await bookmark_factory(other_user)

    response = await client.get('/bookmarks', params={'page': 2, 'size': 2}, headers=auth_headers)

    assert response.status_code == 200
    body = response.json()
    assert (body['total'], body['page'], body['size']) == (5, 2, 2)
    assert len(body['items']) == 2
    assert {item['owner_id'] for item in body['items']} == {user.id}


async def test_list_defaults_and_past_the_end(client, user, auth_headers, bookmark_factory):
    for _ in range(3):
        await bookmark_factory(user)

    first = (await client.get('/bookmarks', headers=auth_headers)).json()
    beyond = (await client.get('/bookmarks?page=3&size=2', headers=auth_headers)).json()

    assert (first['total'], first['page'], first['size'], len(first['items'])) == (3, 1, 20, 3)
    assert (beyond['total'], beyond['items']) == (3, [])


async def test_list_rejects_bad_paging(client, auth_headers):
    for params in ({'page': 0}, {'size': 0}, {'size': 101}):
        response = await client.get('/bookmarks', params=params, headers=auth_headers)
        assert response.status_code == 422, params


async def test_read_bookmark(client, user, auth_headers, bookmark_factory):
    bookmark = await bookmark_factory(user, title='FastAPI docs', notes='start here')

    response = await client.get(f'/bookmarks/{bookmark.id}', headers=auth_headers)

    assert response.status_code == 200
    body = response.json()
    assert body['id'] == bookmark.id
    assert body['title'] == 'FastAPI docs'
    assert body['notes'] == 'start here'
    assert body['is_favorite'] is False
    assert body['created_at']


async def test_read_missing_bookmark_is_404(client, auth_headers):
    response = await client.get('/bookmarks/999', headers=auth_headers)

    assert response.status_code == 404


async def test_another_users_bookmark_is_404(client, other_user, auth_headers, bookmark_factory):
    theirs = await bookmark_factory(other_user)

    response = await client.get(f'/bookmarks/{theirs.id}', headers=auth_headers)

    assert response.status_code == 404


async def test_create_bookmark(client, user, auth_headers):
    payload = {'url': ' HTTPS://Example.COM#intro ', 'title': 'Example'}

    response = await client.post('/bookmarks', json=payload, headers=auth_headers)

    assert response.status_code == 201
    body = response.json()
    assert body['url'] == 'https://example.com/'
    assert body['owner_id'] == user.id
    assert body['notes'] is None
    assert body['is_favorite'] is False
    listed = (await client.get('/bookmarks', headers=auth_headers)).json()
    assert [item['id'] for item in listed['items']] == [body['id']]


async def test_create_duplicate_url_is_409(client, user, auth_headers, bookmark_factory):
    await bookmark_factory(user, url='https://example.com/a')

    response = await client.post(
        '/bookmarks', json={'url': 'https://EXAMPLE.com/a', 'title': 'Again'}, headers=auth_headers
    )

    assert response.status_code == 409


async def test_same_url_is_fine_for_different_owners(
    client, other_user, auth_headers, bookmark_factory
):
    await bookmark_factory(other_user, url='https://example.com/a')

    response = await client.post(
        '/bookmarks', json={'url': 'https://example.com/a', 'title': 'Mine'}, headers=auth_headers
    )

    assert response.status_code == 201


async def test_create_rejects_invalid_payloads(client, auth_headers):
    for payload in (
        {'title': 'No URL'},
        {'url': 'ftp://example.com/file', 'title': 'Wrong scheme'},
        {'url': 'https://example.com', 'title': ''},
    ):
        response = await client.post('/bookmarks', json=payload, headers=auth_headers)
        assert response.status_code == 422, payload


async def test_patch_bookmark_changes_only_sent_fields(
    client, user, auth_headers, bookmark_factory
):
    bookmark = await bookmark_factory(user, title='Old title', notes='keep me')

    response = await client.patch(
        f'/bookmarks/{bookmark.id}', json={'is_favorite': True}, headers=auth_headers
    )

    assert response.status_code == 200
    body = response.json()
    assert body['is_favorite'] is True
    assert (body['title'], body['notes'], body['url']) == ('Old title', 'keep me', bookmark.url)


async def test_patch_can_clear_notes_but_not_title(client, user, auth_headers, bookmark_factory):
    bookmark = await bookmark_factory(user, notes='temporary')

    cleared = await client.patch(
        f'/bookmarks/{bookmark.id}', json={'notes': None}, headers=auth_headers
    )
    nulled = await client.patch(
        f'/bookmarks/{bookmark.id}', json={'title': None}, headers=auth_headers
    )

    assert cleared.status_code == 200
    assert cleared.json()['notes'] is None
    assert nulled.status_code == 422


async def test_patch_to_an_existing_url_is_409(client, user, auth_headers, bookmark_factory):
    await bookmark_factory(user, url='https://example.com/taken')
    bookmark = await bookmark_factory(user)

    response = await client.patch(
        f'/bookmarks/{bookmark.id}', json={'url': 'https://example.com/taken'}, headers=auth_headers
    )

    assert response.status_code == 409


async def test_patch_another_users_bookmark_is_404(
    client, other_user, auth_headers, other_auth_headers, bookmark_factory
):
    theirs = await bookmark_factory(other_user, title='Not yours')

    response = await client.patch(
        f'/bookmarks/{theirs.id}', json={'title': 'Hijacked'}, headers=auth_headers
    )

    assert response.status_code == 404
    unchanged = await client.get(f'/bookmarks/{theirs.id}', headers=other_auth_headers)
    assert unchanged.json()['title'] == 'Not yours'


async def test_delete_bookmark(client, user, auth_headers, bookmark_factory):
    bookmark = await bookmark_factory(user)

    response = await client.delete(f'/bookmarks/{bookmark.id}', headers=auth_headers)

    assert response.status_code == 204
    assert response.content == b''
    gone = await client.get(f'/bookmarks/{bookmark.id}', headers=auth_headers)
    assert gone.status_code == 404


async def test_delete_another_users_bookmark_is_404(
    client, other_user, auth_headers, other_auth_headers, bookmark_factory
):
    theirs = await bookmark_factory(other_user)

    response = await client.delete(f'/bookmarks/{theirs.id}', headers=auth_headers)

    assert response.status_code == 404
    still_there = await client.get(f'/bookmarks/{theirs.id}', headers=other_auth_headers)
    assert still_there.status_code == 200


async def test_every_endpoint_needs_an_api_key(client):
    responses = [
        await client.get('/bookmarks'),
        await client.get('/bookmarks/1'),
        await client.post('/bookmarks', json={'url': 'https://example.com', 'title': 'x'}),
        await client.patch('/bookmarks/1', json={'title': 'x'}),
        await client.delete('/bookmarks/1'),
    ]

    assert [response.status_code for response in responses] == [401] * 5
