from typing import List

from fastapi import APIRouter, Depends, status

from src.auth import verify_api_key
from src.pagination import PageParams
from src.schemas import ApiResponse, PageMeta

from .dependencies import get_supplier_service, valid_supplier_id
from .models import Supplier
from .schemas import SupplierCreate, SupplierRead, SupplierUpdate
from .service import SupplierService

router = APIRouter(dependencies=[Depends(verify_api_key)])


@router.get("", response_model=ApiResponse[List[SupplierRead]])
async def list_suppliers(
    pagination: PageParams = Depends(),
    service: SupplierService = Depends(get_supplier_service),
) -> ApiResponse[List[SupplierRead]]:
    suppliers, total = await service.list(pagination.page, pagination.size)
    return ApiResponse(
        data=[SupplierRead.model_validate(supplier) for supplier in suppliers],
        meta=PageMeta(page=pagination.page, size=pagination.size, total=total),
    )


@router.post("", response_model=ApiResponse[SupplierRead], status_code=status.HTTP_201_CREATED)
async def create_supplier(
    payload: SupplierCreate,
    service: SupplierService = Depends(get_supplier_service),
) -> ApiResponse[SupplierRead]:
    supplier = await service.create(payload)
    return ApiResponse(data=SupplierRead.model_validate(supplier))


@router.get("/{supplier_id}", response_model=ApiResponse[SupplierRead])
async def get_supplier(
    supplier: Supplier = Depends(valid_supplier_id),
) -> ApiResponse[SupplierRead]:
    return ApiResponse(data=SupplierRead.model_validate(supplier))


@router.patch("/{supplier_id}", response_model=ApiResponse[SupplierRead])
async def update_supplier(
    payload: SupplierUpdate,
    supplier: Supplier = Depends(valid_supplier_id),
    service: SupplierService = Depends(get_supplier_service),
) -> ApiResponse[SupplierRead]:
    supplier = await service.update(supplier, payload)
    return ApiResponse(data=SupplierRead.model_validate(supplier))


@router.delete("/{supplier_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_supplier(
    supplier: Supplier = Depends(valid_supplier_id),
    service: SupplierService = Depends(get_supplier_service),
) -> None:
    await service.delete(supplier)
