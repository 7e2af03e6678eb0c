async def test_list_pages_through_own_collections(
    client, user, other_user, auth_headers, collection_factory
):
    for name in ('Recipes', 'Articles', 'Tools'):
        await collection_factory(user, name=name)
    await collection_factory(other_user, name='Bikes')

    response = await client.get('/collections', params={'page': 1, 'size': 2}, headers=auth_headers)

    assert response.status_code == 200
    body = response.json()
    assert (body['total'], body['page'], body['size']) == (3, 1, 2)
    assert [item['name'] for item in body['items']] == ['Articles', 'Recipes']


async def test_list_second_page(client, user, auth_headers, collection_factory):
    for name in ('Recipes', 'Articles', 'Tools'):
        await collection_factory(user, name=name)

    body = (await client.get('/collections?page=2&size=2', headers=auth_headers)).json()

    assert (body['total'], body['page'], body['size']) == (3, 2, 2)
    assert [item['name'] for item in body['items']] == ['Tools']


async def test_list_rejects_oversized_pages(client, auth_headers):
    response = await client.get('/collections', params={'size': 101}, headers=auth_headers)

    assert response.status_code == 422


async def test_read_collection(client, user, auth_headers, collection_factory):
    collection = await collection_factory(user, name='Recipes', description='Things to cook')

    response = await client.get(f'/collections/{collection.id}', headers=auth_headers)

    assert response.status_code == 200
    body = response.json()
    assert body['name'] == 'Recipes'
    assert body['description'] == 'Things to cook'
    assert body['color'] == 'blue'
    assert body['owner_id'] == user.id


async def test_read_missing_collection_is_404(client, auth_headers):
    response = await client.get('/collections/999', headers=auth_headers)

    assert response.status_code == 404


async def test_another_users_collection_is_404(
    client, other_user, auth_headers, collection_factory
):
    theirs = await collection_factory(other_user)

    response = await client.get(f'/collections/{theirs.id}', headers=auth_headers)

    assert response.status_code == 404


async def test_create_collection(client, user, auth_headers):
    payload = {'name': 'Recipes', 'color': ' Green '}

    response = await client.post('/collections', json=payload, headers=auth_headers)

    assert response.status_code == 201
    body = response.json()
    assert body['name'] == 'Recipes'
    assert body['color'] == 'green'
    assert body['description'] is None
    assert body['owner_id'] == user.id


async def test_create_uses_default_color(client, auth_headers):
    response = await client.post('/collections', json={'name': 'Misc'}, headers=auth_headers)

    assert response.status_code == 201
    assert response.json()['color'] == 'blue'


async def test_create_duplicate_name_is_409(client, user, auth_headers, collection_factory):
    await collection_factory(user, name='Recipes')

    response = await client.post('/collections', json={'name': 'Recipes'}, headers=auth_headers)

    assert response.status_code == 409


async def test_create_rejects_invalid_payloads(client, auth_headers):
    for payload in ({}, {'name': ''}, {'name': 'Paint', 'color': 'chartreuse'}):
        response = await client.post('/collections', json=payload, headers=auth_headers)
        assert response.status_code == 422, payload


async def test_patch_collection(client, user, auth_headers, collection_factory):
    collection = await collection_factory(user, name='Recipes', description='Old')

    response = await client.patch(
        f'/collections/{collection.id}',
        json={'description': None, 'color': 'RED'},
        headers=auth_headers,
    )

    assert response.status_code == 200
    body = response.json()
    assert (body['name'], body['description'], body['color']) == ('Recipes', None, 'red')


async def test_patch_rejects_null_name(client, user, auth_headers, collection_factory):
    collection = await collection_factory(user)

    response = await client.patch(
        f'/collections/{collection.id}', json={'name': None}, headers=auth_headers
    )

    assert response.status_code == 422


async def test_patch_to_an_existing_name_is_409(client, user, auth_headers, collection_factory):
    await collection_factory(user, name='Recipes')
    collection = await collection_factory(user, name='Drafts')

    response = await client.patch(
        f'/collections/{collection.id}', json={'name': 'Recipes'}, headers=auth_headers
    )

    assert response.status_code == 409


async def test_patch_another_users_collection_is_404(
    client, other_user, auth_headers, collection_factory
):
    theirs = await collection_factory(other_user)

    response = await client.patch(
        f'/collections/{theirs.id}', json={'name': 'Mine now'}, headers=auth_headers
    )

    assert response.status_code == 404


async def test_delete_collection(client, user, auth_headers, collection_factory):
    collection = await collection_factory(user)

    response = await client.delete(f'/collections/{collection.id}', headers=auth_headers)

    assert response.status_code == 204
    listed = (await client.get('/collections', headers=auth_headers)).json()
    assert listed['total'] == 0


async def test_delete_another_users_collection_is_404(
    client, other_user, auth_headers, other_auth_headers, collection_factory
):
    theirs = await collection_factory(other_user)

    response = await client.delete(f'/collections/{theirs.id}', headers=auth_headers)

    assert response.status_code == 404
    still_there = await client.get(f'/collections/{theirs.id}', headers=other_auth_headers)
    assert still_there.status_code == 200


async def test_every_endpoint_needs_an_api_key(client):
    responses = [
        await client.get('/collections'),
        await client.get('/collections/1'),
        await client.post('/collections', json={'name': 'x'}),
        await client.patch('/collections/1', json={'name': 'x'}),
        await client.delete('/collections/1'),
    ]

    assert [response.status_code for response in responses] == [401] * 5
