from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from src.database import get_session

from .exceptions import ProductNotFound
from .models import Product
from .service import ProductService


def get_product_service(session: AsyncSession = Depends(get_session)) -> ProductService:
    return ProductService(session)


async def valid_product_id(
    product_id: int, service: ProductService = Depends(get_product_service)
) -> Product:
    product = await service.get(product_id)
    if product is None:
        raise ProductNotFound()
    return product
