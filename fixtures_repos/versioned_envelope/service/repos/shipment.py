from typing import Union

from sqlalchemy import select

from service.entities.shipment import Shipment
from service.repos.base import Repository


class ShipmentRepo(Repository[Shipment]):
    entity = Shipment

    def by_reference(self, reference: str) -> Union[Shipment, None]:
        return self.session.scalar(select(Shipment).where(Shipment.reference == reference))
