from fastapi import Depends
from sqlalchemy.orm import Session

from service.db import get_session
from service.repos.shipment import ShipmentRepo
from service.repos.user import UserRepo
from service.repos.warehouse import WarehouseRepo


def user_repo(session: Session = Depends(get_session)) -> UserRepo:
    return UserRepo(session)


def warehouse_repo(session: Session = Depends(get_session)) -> WarehouseRepo:
    return WarehouseRepo(session)


def shipment_repo(session: Session = Depends(get_session)) -> ShipmentRepo:
    return ShipmentRepo(session)
