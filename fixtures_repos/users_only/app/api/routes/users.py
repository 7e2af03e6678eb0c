from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import select

from app.api.deps import CurrentUser, SessionDep, get_current_superuser
from app.core.security import hash_password
from app.models import User
from app.schemas.user import UserPublic, UserUpdateMe

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/me", response_model=UserPublic)
def read_me(current_user: CurrentUser) -> User:
    return current_user


@router.patch("/me", response_model=UserPublic)
def update_me(session: SessionDep, current_user: CurrentUser, user_in: UserUpdateMe) -> User:
    changes = user_in.model_dump(exclude_unset=True, exclude_none=True)

    if "email" in changes:
        email = changes["email"].lower()
        taken = session.scalar(
            select(User.id).where(User.email == email, User.id != current_user.id)
        )
        if taken is not None:
            raise HTTPException(
                status_code=status.HTTP_409_CONFLICT, detail="A user with this email already exists"
            )
        current_user.email = email
    if "password" in changes:
        current_user.hashed_password = hash_password(changes["password"])
    if "full_name" in changes:
        current_user.full_name = changes["full_name"]

    session.commit()
    session.refresh(current_user)
    return current_user


@router.get("/", response_model=list[UserPublic], dependencies=[Depends(get_current_superuser)])
def list_users(
    session: SessionDep,
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 100,
) -> list[User]:
    return list(session.scalars(select(User).order_by(User.id).offset(skip).limit(limit)))
