async def test_me_returns_the_key_owner(client, user, auth_headers):
    response = await client.get('/users/me', headers=auth_headers)

    assert response.status_code == 200
    body = response.json()
    assert body['id'] == user.id
    assert body['email'] == 'me@example.com'
    assert 'api_key' not in body


async def test_me_tells_users_apart(client, other_user, other_auth_headers):
    response = await client.get('/users/me', headers=other_auth_headers)

    assert response.json()['id'] == other_user.id


async def test_me_without_key_is_401(client):
    response = await client.get('/users/me')

    assert response.status_code == 401
    assert response.json() == {'detail': 'Missing API key'}


async def test_unknown_key_is_401(client, user):
    response = await client.get('/users/me', headers={'X-API-Key': f'not-{user.api_key}'})

    assert response.status_code == 401
    assert response.json() == {'detail': 'Invalid API key'}
