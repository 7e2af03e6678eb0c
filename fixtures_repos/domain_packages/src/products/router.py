from typing import List

from fastapi import APIRouter, Depends, status

from src.auth import verify_api_key
from src.pagination import PageParams
from src.schemas import ApiResponse, PageMeta

from .dependencies import get_product_service, valid_product_id
from .models import Product
from .schemas import ProductCreate, ProductRead, ProductUpdate
from .service import ProductService

router = APIRouter(dependencies=[Depends(verify_api_key)])


@router.get("", response_model=ApiResponse[List[ProductRead]])
async def list_products(
    pagination: PageParams = Depends(),
    service: ProductService = Depends(get_product_service),
) -> ApiResponse[List[ProductRead]]:
    products, total = await service.list(pagination.page, pagination.size)
    return ApiResponse(
        data=[ProductRead.model_validate(product) for product in products],
        meta=PageMeta(page=pagination.page, size=pagination.size, total=total),
    )


@router.post("", response_model=ApiResponse[ProductRead], status_code=status.HTTP_201_CREATED)
async def create_product(
    payload: ProductCreate,
    service: ProductService = Depends(get_product_service),
) -> ApiResponse[ProductRead]:
    product = await service.create(payload)
    return ApiResponse(data=ProductRead.model_validate(product))


@router.get("/{product_id}", response_model=ApiResponse[ProductRead])
async def get_product(
    product: Product = Depends(valid_product_id),
) -> ApiResponse[ProductRead]:
    return ApiResponse(data=ProductRead.model_validate(product))


@router.patch("/{product_id}", response_model=ApiResponse[ProductRead])
async def update_product(
    payload: ProductUpdate,
    product: Product = Depends(valid_product_id),
    service: ProductService = Depends(get_product_service),
) -> ApiResponse[ProductRead]:
    product = await service.update(product, payload)
    return ApiResponse(data=ProductRead.model_validate(product))


@router.delete("/{product_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_product(
    product: Product = Depends(valid_product_id),
    service: ProductService = Depends(get_product_service),
) -> None:
    await service.delete(product)
