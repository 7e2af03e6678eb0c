from typing import Annotated, Protocol, TypeVar

from fastapi import Depends, HTTPException, Security
from fastapi.security import APIKeyHeader
from sqlalchemy import select

from ..modules.users.models import User
from .db import SessionDep

api_key_header = APIKeyHeader(name='X-API-Key', auto_error=False)


async def get_current_user(
    session: SessionDep, api_key: Annotated[str | None, Security(api_key_header)]
) -> User:
    if not api_key:
        raise HTTPException(status_code=401, detail='Missing API key')
    user = await session.scalar(select(User).where(User.api_key == api_key))
    if user is None:
        raise HTTPException(status_code=401, detail='Invalid API key')
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


class Owned(Protocol):
    owner_id: int


OwnedT = TypeVar('OwnedT', bound=Owned)


def ensure_owner(row: OwnedT | None, user: User) -> OwnedT:
    """Return `row` if `user` owns it; rows of other users are reported as missing."""
    if row is None or row.owner_id != user.id:
        raise HTTPException(status_code=404, detail='Not found')
    return row
