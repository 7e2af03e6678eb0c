import base64
import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from typing import Callable, Union

import jwt
from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.api.deps import user_repo
from service.config import settings
from service.entities.user import User
from service.repos.user import UserRepo

PASSWORD_ITERATIONS = 390_000

bearer = HTTPBearer(auto_error=False)


def _unauthenticated() -> HTTPException:
    return HTTPException(
        HTTPStatus.UNAUTHORIZED,
        detail={"error": "not_authenticated"},
        headers={"WWW-Authenticate": "Bearer"},
    )


def hash_password(password: str, iterations: int = PASSWORD_ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    encoded = [base64.b64encode(part).decode() for part in (salt, digest)]
    return f"pbkdf2_sha256${iterations}${encoded[0]}${encoded[1]}"


def verify_password(password: str, stored: str) -> bool:
    _, iterations, salt, digest = stored.split("$")
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def create_access_token(user_id: uuid.UUID, ttl: Union[timedelta, None] = None) -> str:
    issued_at = datetime.now(timezone.utc)
    expires_at = issued_at + (ttl or timedelta(minutes=settings.token_ttl_minutes))
    claims = {"sub": str(user_id), "iat": issued_at, "exp": expires_at}
    return jwt.encode(claims, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def require_user(credentials: Union[HTTPAuthorizationCredentials, None] = Depends(bearer)) -> uuid.UUID:
    """Stateless router-level guard: a valid, unexpired token is enough. Returns the subject id."""
    if credentials is None:
        raise _unauthenticated()
    try:
        claims = jwt.decode(
            credentials.credentials,
            settings.jwt_secret,
            algorithms=[settings.jwt_algorithm],
            options={"require": ["sub", "exp"]},
        )
        return uuid.UUID(claims["sub"])
    except (jwt.PyJWTError, ValueError):
        raise _unauthenticated() from None


def current_user(user_id: uuid.UUID = Depends(require_user), users: UserRepo = Depends(user_repo)) -> User:
    user = users.get(user_id)
    if user is None:
        raise _unauthenticated()
    return user


def require_role(role: str) -> Callable[..., User]:
    def check_role(user: User = Depends(current_user)) -> User:
        if user.role != role:
            raise HTTPException(HTTPStatus.FORBIDDEN, detail={"error": "forbidden", "required_role": role})
        return user

    return check_role
