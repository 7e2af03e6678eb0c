from http import HTTPStatus

from fastapi import APIRouter, Depends, HTTPException

from service.api.deps import user_repo
from service.api.security import create_access_token, current_user, verify_password
from service.contracts.envelope import Envelope
from service.contracts.token import TokenRequest, TokenView
from service.contracts.user import UserView
from service.entities.user import User
from service.repos.user import UserRepo

router = APIRouter(prefix="/auth", tags=["Auth"])


@router.post("/token", response_model=Envelope[TokenView])
def issue_token(payload: TokenRequest, users: UserRepo = Depends(user_repo)) -> Envelope[TokenView]:
    user = users.by_email(payload.email)
    if user is None or not verify_password(payload.password, user.password_hash):
        raise HTTPException(HTTPStatus.UNAUTHORIZED, detail={"error": "invalid_credentials"})
    return Envelope[TokenView](data=TokenView(access_token=create_access_token(user.id)))


@router.get("/me", response_model=Envelope[UserView])
def read_me(user: User = Depends(current_user)) -> Envelope[UserView]:
    return Envelope[UserView](data=user)
