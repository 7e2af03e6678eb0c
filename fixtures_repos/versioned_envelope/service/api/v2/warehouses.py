import uuid
from http import HTTPStatus
from typing import Union

from fastapi import APIRouter, Depends, HTTPException, Query

from service.api.deps import warehouse_repo
from service.api.security import require_role, require_user
from service.contracts.envelope import CursorMeta, Envelope, ListEnvelope
from service.contracts.warehouse import WarehouseChange, WarehouseCreate, WarehouseView
from service.entities.warehouse import Warehouse
from service.repos.warehouse import WarehouseRepo

router = APIRouter(prefix="/warehouses", tags=["Warehouses"], dependencies=[Depends(require_user)])


def _get_or_404(repo: WarehouseRepo, warehouse_id: uuid.UUID) -> Warehouse:
    warehouse = repo.get(warehouse_id)
    if warehouse is None:
        raise HTTPException(HTTPStatus.NOT_FOUND, detail={"error": "not_found"})
    return warehouse


def _ensure_code_free(repo: WarehouseRepo, code: str) -> None:
    if repo.by_code(code) is not None:
        raise HTTPException(HTTPStatus.CONFLICT, detail={"error": "conflict", "field": "code"})


@router.post("", response_model=Envelope[WarehouseView], status_code=HTTPStatus.CREATED)
def create_warehouse(
    payload: WarehouseCreate, repo: WarehouseRepo = Depends(warehouse_repo)
) -> Envelope[WarehouseView]:
    _ensure_code_free(repo, payload.code)
    warehouse = repo.add(Warehouse(**payload.model_dump()))
    return Envelope[WarehouseView](data=warehouse)


@router.get("", response_model=ListEnvelope[WarehouseView])
def list_warehouses(
    cursor: Union[uuid.UUID, None] = None,
    limit: int = Query(25, ge=1, le=200),
    repo: WarehouseRepo = Depends(warehouse_repo),
) -> ListEnvelope[WarehouseView]:
    warehouses, next_id = repo.page_after(cursor, limit)
    return ListEnvelope[WarehouseView](data=warehouses, meta=CursorMeta.after(next_id, limit))


@router.get("/{warehouse_id}", response_model=Envelope[WarehouseView])
def read_warehouse(
    warehouse_id: uuid.UUID, repo: WarehouseRepo = Depends(warehouse_repo)
) -> Envelope[WarehouseView]:
    return Envelope[WarehouseView](data=_get_or_404(repo, warehouse_id))


@router.patch("/{warehouse_id}", response_model=Envelope[WarehouseView])
def change_warehouse(
    warehouse_id: uuid.UUID,
    payload: WarehouseChange,
    repo: WarehouseRepo = Depends(warehouse_repo),
) -> Envelope[WarehouseView]:
    warehouse = _get_or_404(repo, warehouse_id)
    changes = payload.model_dump(exclude_unset=True)
    if "code" in changes and changes["code"] != warehouse.code:
        _ensure_code_free(repo, changes["code"])
    for field, value in changes.items():
        setattr(warehouse, field, value)
    return Envelope[WarehouseView](data=repo.save(warehouse))


@router.delete(
    "/{warehouse_id}",
    status_code=HTTPStatus.NO_CONTENT,
    dependencies=[Depends(require_role("admin"))],
)
def delete_warehouse(warehouse_id: uuid.UUID, repo: WarehouseRepo = Depends(warehouse_repo)) -> None:
    repo.remove(_get_or_404(repo, warehouse_id))
