from fastapi import APIRouter, Query

from ...core.pagination import Page
from ...core.security import CurrentUser
from .schemas import BookmarkIn, BookmarkOut, BookmarkPatch
from .services import BookmarkServiceDep

router = APIRouter()


@router.get('')
async def list_bookmarks(
    user: CurrentUser,
    service: BookmarkServiceDep,
    page: int = Query(1, ge=1),
    size: int = Query(20, ge=1, le=100),
) -> Page[BookmarkOut]:
    return await service.list(user, page, size)


@router.get('/{bookmark_id}')
async def read_bookmark(
    bookmark_id: int, user: CurrentUser, service: BookmarkServiceDep
) -> BookmarkOut:
    return await service.get(user, bookmark_id)


@router.post('', status_code=201)
async def create_bookmark(
    data: BookmarkIn, user: CurrentUser, service: BookmarkServiceDep
) -> BookmarkOut:
    return await service.create(user, data)


@router.patch('/{bookmark_id}')
async def patch_bookmark(
    bookmark_id: int, data: BookmarkPatch, user: CurrentUser, service: BookmarkServiceDep
) -> BookmarkOut:
    return await service.update(user, bookmark_id, data)


@router.delete('/{bookmark_id}', status_code=204)
async def remove_bookmark(bookmark_id: int, user: CurrentUser, service: BookmarkServiceDep) -> None:
    await service.delete(user, bookmark_id)
