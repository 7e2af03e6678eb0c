from typing import Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar('T')
RowT = TypeVar('RowT')


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    size: int


async def paginate(
    session: AsyncSession, stmt: Select[tuple[RowT]], page: int, size: int
) -> tuple[list[RowT], int]:
    """Run one page of `stmt` and count every row it matches."""
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = await session.scalars(stmt.limit(size).offset((page - 1) * size))
    return list(rows), total or 0
