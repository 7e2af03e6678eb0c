from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.exc import IntegrityError

from app.api.deps import get_current_user, get_user_repository
from app.core.security import create_access_token, hash_password, verify_password
from app.models import User
from app.repositories import UserRepository
from app.schemas.auth import LoginIn, TokenOut
from app.schemas.user import UserIn, UserOut

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/register", response_model=UserOut, status_code=status.HTTP_201_CREATED)
async def register(payload: UserIn, repo: UserRepository = Depends(get_user_repository)) -> User:
    user = User(
        email=payload.email.lower(),
        hashed_password=hash_password(payload.password),
        full_name=payload.full_name,
    )
    try:
        return await repo.add(user)
    except IntegrityError:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="Email already registered") from None


@router.post("/login", response_model=TokenOut)
async def login(payload: LoginIn, repo: UserRepository = Depends(get_user_repository)) -> TokenOut:
    user = await repo.get_by_email(payload.email.lower())
    if user is None or not user.is_active or not verify_password(payload.password, user.hashed_password):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect email or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return TokenOut(access_token=create_access_token(str(user.id)))


@router.get("/me", response_model=UserOut)
async def read_me(current_user: User = Depends(get_current_user)) -> User:
    return current_user
