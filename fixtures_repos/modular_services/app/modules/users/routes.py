from fastapi import APIRouter

from ...core.security import CurrentUser
from .schemas import UserOut

router = APIRouter()


@router.get('/me')
async def read_me(user: CurrentUser) -> UserOut:
    return UserOut.model_validate(user)
