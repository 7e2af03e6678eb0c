from fastapi import APIRouter

from service.api.v2 import auth, shipments, warehouses

api_v2 = APIRouter()
api_v2.include_router(auth.router)
api_v2.include_router(warehouses.router)
api_v2.include_router(shipments.router)
