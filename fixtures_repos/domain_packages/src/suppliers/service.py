from typing import List, Optional, Tuple

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .exceptions import SupplierNameAlreadyExists
from .models import Supplier
from .schemas import SupplierCreate, SupplierUpdate


class SupplierService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list(self, page: int, size: int) -> Tuple[List[Supplier], int]:
        total = await self.session.scalar(select(func.count()).select_from(Supplier))
        result = await self.session.scalars(
            select(Supplier).order_by(Supplier.id).offset((page - 1) * size).limit(size)
        )
        return list(result.all()), total or 0

    async def get(self, supplier_id: int) -> Optional[Supplier]:
        return await self.session.get(Supplier, supplier_id)

    async def create(self, data: SupplierCreate) -> Supplier:
        supplier = Supplier(**data.model_dump())
        self.session.add(supplier)
        await self._commit()
        await self.session.refresh(supplier)
        return supplier

    async def update(self, supplier: Supplier, data: SupplierUpdate) -> Supplier:
        for field, value in data.model_dump(exclude_unset=True).items():
            setattr(supplier, field, value)
        await self._commit()
        await self.session.refresh(supplier)
        return supplier

    async def delete(self, supplier: Supplier) -> None:
        await self.session.delete(supplier)
        await self.session.commit()

    async def _commit(self) -> None:
        try:
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise SupplierNameAlreadyExists() from exc
