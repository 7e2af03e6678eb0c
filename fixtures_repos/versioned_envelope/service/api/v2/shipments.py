import uuid
from http import HTTPStatus
from typing import Union

from fastapi import APIRouter, Depends, HTTPException, Query

from service.api.deps import shipment_repo, warehouse_repo
from service.api.security import require_role, require_user
from service.contracts.envelope import CursorMeta, Envelope, ListEnvelope
from service.contracts.shipment import ShipmentChange, ShipmentCreate, ShipmentView
from service.entities.shipment import Shipment
from service.repos.shipment import ShipmentRepo
from service.repos.warehouse import WarehouseRepo

router = APIRouter(prefix="/shipments", tags=["Shipments"], dependencies=[Depends(require_user)])


def _get_or_404(repo: ShipmentRepo, shipment_id: uuid.UUID) -> Shipment:
    shipment = repo.get(shipment_id)
    if shipment is None:
        raise HTTPException(HTTPStatus.NOT_FOUND, detail={"error": "not_found"})
    return shipment


def _ensure_reference_free(repo: ShipmentRepo, reference: str) -> None:
    if repo.by_reference(reference) is not None:
        raise HTTPException(HTTPStatus.CONFLICT, detail={"error": "conflict", "field": "reference"})


def _ensure_warehouse_exists(warehouses: WarehouseRepo, warehouse_id: Union[uuid.UUID, None]) -> None:
    if warehouse_id is not None and warehouses.get(warehouse_id) is None:
        raise HTTPException(
            HTTPStatus.UNPROCESSABLE_ENTITY, detail={"error": "unknown_reference", "field": "warehouse_id"}
        )


@router.post("", response_model=Envelope[ShipmentView], status_code=HTTPStatus.CREATED)
def create_shipment(
    payload: ShipmentCreate,
    repo: ShipmentRepo = Depends(shipment_repo),
    warehouses: WarehouseRepo = Depends(warehouse_repo),
) -> Envelope[ShipmentView]:
    _ensure_reference_free(repo, payload.reference)
    _ensure_warehouse_exists(warehouses, payload.warehouse_id)
    shipment = repo.add(Shipment(**payload.model_dump()))
    return Envelope[ShipmentView](data=shipment)


@router.get("", response_model=ListEnvelope[ShipmentView])
def list_shipments(
    cursor: Union[uuid.UUID, None] = None,
    limit: int = Query(25, ge=1, le=200),
    repo: ShipmentRepo = Depends(shipment_repo),
) -> ListEnvelope[ShipmentView]:
    shipments, next_id = repo.page_after(cursor, limit)
    return ListEnvelope[ShipmentView](data=shipments, meta=CursorMeta.after(next_id, limit))


@router.get("/{shipment_id}", response_model=Envelope[ShipmentView])
def read_shipment(
    shipment_id: uuid.UUID, repo: ShipmentRepo = Depends(shipment_repo)
) -> Envelope[ShipmentView]:
    return Envelope[ShipmentView](data=_get_or_404(repo, shipment_id))


@router.patch("/{shipment_id}", response_model=Envelope[ShipmentView])
def change_shipment(
    shipment_id: uuid.UUID,
    payload: ShipmentChange,
    repo: ShipmentRepo = Depends(shipment_repo),
    warehouses: WarehouseRepo = Depends(warehouse_repo),
) -> Envelope[ShipmentView]:
    shipment = _get_or_404(repo, shipment_id)
    changes = payload.model_dump(exclude_unset=True)
    if "reference" in changes and changes["reference"] != shipment.reference:
        _ensure_reference_free(repo, changes["reference"])
    _ensure_warehouse_exists(warehouses, changes.get("warehouse_id"))
    for field, value in changes.items():
        setattr(shipment, field, value)
    return Envelope[ShipmentView](data=repo.save(shipment))


@router.delete(
    "/{shipment_id}",
    status_code=HTTPStatus.NO_CONTENT,
    dependencies=[Depends(require_role("admin"))],
)
def delete_shipment(shipment_id: uuid.UUID, repo: ShipmentRepo = Depends(shipment_repo)) -> None:
    repo.remove(_get_or_404(repo, shipment_id))
