from typing import Union

from sqlalchemy import select

from service.entities.warehouse import Warehouse
from service.repos.base import Repository


class WarehouseRepo(Repository[Warehouse]):
    entity = Warehouse

    def by_code(self, code: str) -> Union[Warehouse, None]:
        return self.session.scalar(select(Warehouse).where(Warehouse.code == code))
