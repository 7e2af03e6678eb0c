from typing import Annotated

from fastapi import Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ...core.db import SessionDep
from ...core.pagination import Page, paginate
from ...core.security import ensure_owner
from ..users.models import User
from .models import Collection
from .schemas import CollectionIn, CollectionOut, CollectionPatch


class CollectionService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list(self, owner: User, page: int, size: int) -> Page[CollectionOut]:
        stmt = (
            select(Collection)
            .where(Collection.owner_id == owner.id)
            .order_by(Collection.name, Collection.id)
        )
        rows, total = await paginate(self.session, stmt, page, size)
        items = [CollectionOut.model_validate(row) for row in rows]
        return Page[CollectionOut](items=items, total=total, page=page, size=size)

    async def get(self, owner: User, collection_id: int) -> CollectionOut:
        row = await self._load(owner, collection_id)
        return CollectionOut.model_validate(row)

    async def create(self, owner: User, data: CollectionIn) -> CollectionOut:
        row = Collection(**data.model_dump(), owner_id=owner.id)
        self.session.add(row)
        await self._commit()
        await self.session.refresh(row)
        return CollectionOut.model_validate(row)

    async def update(self, owner: User, collection_id: int, data: CollectionPatch) -> CollectionOut:
        row = await self._load(owner, collection_id)
        for field, value in data.model_dump(exclude_unset=True).items():
            setattr(row, field, value)
        await self._commit()
        return CollectionOut.model_validate(row)

    async def delete(self, owner: User, collection_id: int) -> None:
        row = await self._load(owner, collection_id)
        await self.session.delete(row)
        await self.session.commit()

    async def _load(self, owner: User, collection_id: int) -> Collection:
        return ensure_owner(await self.session.get(Collection, collection_id), owner)

    async def _commit(self) -> None:
        try:
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise HTTPException(
                status_code=409, detail='You already have a collection with this name'
            ) from exc


def get_collection_service(session: SessionDep) -> CollectionService:
    return CollectionService(session)


CollectionServiceDep = Annotated[CollectionService, Depends(get_collection_service)]
