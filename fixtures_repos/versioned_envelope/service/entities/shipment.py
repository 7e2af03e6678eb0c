import enum
import uuid
from decimal import Decimal
from typing import Union

from sqlalchemy import Enum, ForeignKey, Numeric, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base


class ShipmentStatus(str, enum.Enum):
    CREATED = "created"
    SHIPPED = "shipped"
    DELIVERED = "delivered"


class Shipment(Base):
    __tablename__ = "shipments"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    weight_kg: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    status: Mapped[ShipmentStatus] = mapped_column(
        Enum(
            ShipmentStatus, name="shipment_status", values_callable=lambda members: [m.value for m in members]
        ),
        default=ShipmentStatus.CREATED,
    )
    warehouse_id: Mapped[Union[uuid.UUID, None]] = mapped_column(
        Uuid, ForeignKey("warehouses.id", ondelete="SET NULL"), index=True
    )
