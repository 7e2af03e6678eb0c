from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Category
from app.schemas.category import CategoryCreate, CategoryUpdate


async def get_category(db: AsyncSession, category_id: int) -> Category | None:
    return await db.get(Category, category_id)


async def list_categories(
    db: AsyncSession, *, cursor: int | None, limit: int
) -> tuple[list[Category], int | None]:
    stmt = select(Category).order_by(Category.id)
    if cursor is not None:
        stmt = stmt.where(Category.id > cursor)
    result = await db.scalars(stmt.limit(limit + 1))
    categories = list(result.all())
    if len(categories) > limit:
        categories = categories[:limit]
        return categories, categories[-1].id
    return categories, None


async def create_category(db: AsyncSession, data: CategoryCreate) -> Category:
    category = Category(**data.model_dump())
    db.add(category)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise
    await db.refresh(category)
    return category


async def update_category(db: AsyncSession, category: Category, data: CategoryUpdate) -> Category:
    for field, value in data.model_dump(exclude_unset=True).items():
        setattr(category, field, value)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise
    await db.refresh(category)
    return category


async def delete_category(db: AsyncSession, category: Category) -> None:
    await db.delete(category)
    await db.commit()
