from typing import List, Optional, Tuple

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .exceptions import ProductSkuAlreadyExists
from .models import Product
from .schemas import ProductCreate, ProductUpdate


class ProductService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list(self, page: int, size: int) -> Tuple[List[Product], int]:
        total = await self.session.scalar(select(func.count()).select_from(Product))
        result = await self.session.scalars(
            select(Product).order_by(Product.id).offset((page - 1) * size).limit(size)
        )
        return list(result.all()), total or 0

    async def get(self, product_id: int) -> Optional[Product]:
        return await self.session.get(Product, product_id)

    async def create(self, data: ProductCreate) -> Product:
        product = Product(**data.model_dump())
        self.session.add(product)
        await self._commit()
        await self.session.refresh(product)
        return product

    async def update(self, product: Product, data: ProductUpdate) -> Product:
        for field, value in data.model_dump(exclude_unset=True).items():
            setattr(product, field, value)
        await self._commit()
        await self.session.refresh(product)
        return product

    async def delete(self, product: Product) -> None:
        await self.session.delete(product)
        await self.session.commit()

    async def _commit(self) -> None:
        try:
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise ProductSkuAlreadyExists() from exc
