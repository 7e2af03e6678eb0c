from typing import Annotated

from fastapi import Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ...core.db import SessionDep
from ...core.pagination import Page, paginate
from ...core.security import ensure_owner
from ..users.models import User
from .models import Bookmark
from .schemas import BookmarkIn, BookmarkOut, BookmarkPatch


class BookmarkService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list(self, owner: User, page: int, size: int) -> Page[BookmarkOut]:
        stmt = (
            select(Bookmark)
            .where(Bookmark.owner_id == owner.id)
            .order_by(Bookmark.created_at.desc(), Bookmark.id.desc())
        )
        rows, total = await paginate(self.session, stmt, page, size)
        items = [BookmarkOut.model_validate(row) for row in rows]
        return Page[BookmarkOut](items=items, total=total, page=page, size=size)

    async def get(self, owner: User, bookmark_id: int) -> BookmarkOut:
        row = await self._load(owner, bookmark_id)
        return BookmarkOut.model_validate(row)

    async def create(self, owner: User, data: BookmarkIn) -> BookmarkOut:
        row = Bookmark(**data.model_dump(), owner_id=owner.id)
        self.session.add(row)
        await self._commit()
        await self.session.refresh(row)
        return BookmarkOut.model_validate(row)

    async def update(self, owner: User, bookmark_id: int, data: BookmarkPatch) -> BookmarkOut:
        row = await self._load(owner, bookmark_id)
        for field, value in data.model_dump(exclude_unset=True).items():
            setattr(row, field, value)
        await self._commit()
        return BookmarkOut.model_validate(row)

    async def delete(self, owner: User, bookmark_id: int) -> None:
        row = await self._load(owner, bookmark_id)
        await self.session.delete(row)
        await self.session.commit()

    async def _load(self, owner: User, bookmark_id: int) -> Bookmark:
        return ensure_owner(await self.session.get(Bookmark, bookmark_id), owner)

    async def _commit(self) -> None:
        try:
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise HTTPException(status_code=409, detail='You already saved this URL') from exc


def get_bookmark_service(session: SessionDep) -> BookmarkService:
    return BookmarkService(session)


BookmarkServiceDep = Annotated[BookmarkService, Depends(get_bookmark_service)]
