import uuid
from decimal import Decimal
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from service.entities.shipment import ShipmentStatus


class ShipmentCreate(BaseModel):
    reference: str = Field(min_length=3, max_length=40)
    weight_kg: Decimal = Field(gt=0, max_digits=8, decimal_places=2)
    status: ShipmentStatus = ShipmentStatus.CREATED
    warehouse_id: Union[uuid.UUID, None] = None


class ShipmentChange(BaseModel):
    reference: Union[str, None] = Field(None, min_length=3, max_length=40)
    weight_kg: Union[Decimal, None] = Field(None, gt=0, max_digits=8, decimal_places=2)
    status: Union[ShipmentStatus, None] = None
    warehouse_id: Union[uuid.UUID, None] = None

    @field_validator("reference", "weight_kg", "status")
    @classmethod
    def reject_explicit_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("may be omitted, but not set to null")
        return value


class ShipmentView(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reference: str
    weight_kg: Decimal
    status: ShipmentStatus
    warehouse_id: Union[uuid.UUID, None]
