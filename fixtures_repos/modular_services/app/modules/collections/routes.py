from fastapi import APIRouter, Query

from ...core.pagination import Page
from ...core.security import CurrentUser
from .schemas import CollectionIn, CollectionOut, CollectionPatch
from .services import CollectionServiceDep

router = APIRouter()


@router.get('')
async def list_collections(
    user: CurrentUser,
    service: CollectionServiceDep,
    page: int = Query(1, ge=1),
    size: int = Query(20, ge=1, le=100),
) -> Page[CollectionOut]:
    return await service.list(user, page, size)


@router.get('/{collection_id}')
async def read_collection(
    collection_id: int, user: CurrentUser, service: CollectionServiceDep
) -> CollectionOut:
    return await service.get(user, collection_id)


@router.post('', status_code=201)
async def create_collection(
    data: CollectionIn, user: CurrentUser, service: CollectionServiceDep
) -> CollectionOut:
    return await service.create(user, data)


@router.patch('/{collection_id}')
async def patch_collection(
    collection_id: int, data: CollectionPatch, user: CurrentUser, service: CollectionServiceDep
) -> CollectionOut:
    return await service.update(user, collection_id, data)


@router.delete('/{collection_id}', status_code=204)
async def remove_collection(
    collection_id: int, user: CurrentUser, service: CollectionServiceDep
) -> None:
    await service.delete(user, collection_id)
