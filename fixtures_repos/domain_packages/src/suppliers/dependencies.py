from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from src.database import get_session

from .exceptions import SupplierNotFound
from .models import Supplier
from .service import SupplierService


def get_supplier_service(session: AsyncSession = Depends(get_session)) -> SupplierService:
    return SupplierService(session)


async def valid_supplier_id(
    supplier_id: int, service: SupplierService = Depends(get_supplier_service)
) -> Supplier:
    supplier = await service.get(supplier_id)
    if supplier is None:
        raise SupplierNotFound()
    return supplier
