from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Item
from app.schemas.item import ItemCreate, ItemUpdate


async def get_item(db: AsyncSession, item_id: int) -> Item | None:
    return await db.get(Item, item_id)


async def list_items(
    db: AsyncSession, *, cursor: int | None, limit: int
) -> tuple[list[Item], int | None]:
    stmt = select(Item).order_by(Item.id)
    if cursor is not None:
        stmt = stmt.where(Item.id > cursor)
    result = await db.scalars(stmt.limit(limit + 1))
    items = list(result.all())
    if len(items) > limit:
        items = items[:limit]
        return items, items[-1].id
    return items, None


async def create_item(db: AsyncSession, data: ItemCreate, *, owner_id: int) -> Item:
    item = Item(**data.model_dump(), owner_id=owner_id)
    db.add(item)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise
    await db.refresh(item)
    return item


async def update_item(db: AsyncSession, item: Item, data: ItemUpdate) -> Item:
    for field, value in data.model_dump(exclude_unset=True).items():
        setattr(item, field, value)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise
    await db.refresh(item)
    return item


async def delete_item(db: AsyncSession, item: Item) -> None:
    await db.delete(item)
    await db.commit()
