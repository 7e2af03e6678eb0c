"""detect_auth: which scheme guards endpoints, through which dependency, applied per endpoint or router."""

from __future__ import annotations

import pytest

from detectors.auth import detect_auth
from tests.detectors._project import assert_finding

MODELS = """
    from pydantic import BaseModel


    class User(BaseModel):
        id: int
        role: str = "user"
"""
OAUTH2_DEPS = """
    from fastapi import Depends
    from fastapi.security import OAuth2PasswordBearer

    from app.models import User

    oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/login")


    def get_current_user(token: str = Depends(oauth2_scheme)) -> User:
        return User(id=1)
"""


CASES = [
    pytest.param(
        {
            "app/models.py": MODELS,
            "app/deps.py": OAUTH2_DEPS,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.deps import get_current_user
                from app.models import User

                router = APIRouter()


                @router.get("/items")
                def list_items(current_user: User = Depends(get_current_user)):
                    return []


                @router.get("/health")
                def health():
                    return "ok"
            """,
        },
        {
            "kind": "jwt_bearer",
            "dependency": "get_current_user",
            "dependency_module": "app.deps",
            "applied": "endpoint",
            "param": "current_user",
            "user_model": "User",
            "alias": None,
            "note_has": ("1 of 2 endpoints guarded",),
        },
        id="jwt_bearer-oauth2-password-bearer",
    ),
    pytest.param(
        {
            "app/models.py": MODELS,
            "app/deps.py": OAUTH2_DEPS,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.deps import get_current_user

                router = APIRouter()


                @router.get("/items")
                def list_items(current_user=Depends(get_current_user)):
                    return []
            """,
        },
        {
            "kind": "jwt_bearer",
            "dependency": "get_current_user",
            "param": "current_user",
            "user_model": "User",
            "typed": False,
        },
        id="jwt_bearer-untyped-parameter",
    ),
    pytest.param(
        {
            "app/models.py": MODELS,
            "app/deps.py": """
                from fastapi import Depends
                from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

                from app.models import User

                bearer = HTTPBearer()


                async def current_user(creds: HTTPAuthorizationCredentials = Depends(bearer)) -> User:
                    return User(id=1)
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app import deps
                from app.models import User

                router = APIRouter()


                @router.get("/items")
                async def list_items(user: User = Depends(deps.current_user)):
                    return []
            """,
        },
        {
            "kind": "jwt_bearer",
            "dependency": "current_user",
            "dependency_module": "app.deps",
            "applied": "endpoint",
            "param": "user",
            "user_model": "User",
        },
        id="jwt_bearer-http-bearer",
    ),
    pytest.param(
        {
            "app/models.py": MODELS,
            "app/deps.py": """
                from typing import Annotated

                from fastapi import Depends
                from fastapi.security import OAuth2PasswordBearer

                from app.models import User

                oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/login")


                def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
                    return User(id=1)


                CurrentUser = Annotated[User, Depends(get_current_user)]
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter

                from app.deps import CurrentUser

                router = APIRouter()


                @router.get("/items")
                def list_items(current_user: CurrentUser):
                    return []
            """,
        },
        {
            "kind": "jwt_bearer",
            "alias": "CurrentUser",
            "alias_module": "app.deps",
            "dependency": "get_current_user",
            "dependency_module": "app.deps",
            "param": "current_user",
            "user_model": "User",
            "applied": "endpoint",
        },
        id="jwt_bearer-annotated-alias",
    ),
    pytest.param(
        {
            "app/deps.py": """
                from fastapi import HTTPException, Security
                from fastapi.security import APIKeyHeader

                api_key_header = APIKeyHeader(name="X-API-Key")


                def verify_api_key(key: str = Security(api_key_header)) -> None:
                    if key != "secret":
                        raise HTTPException(status_code=401)
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.deps import verify_api_key

                router = APIRouter(prefix="/items", dependencies=[Depends(verify_api_key)])


                @router.get("/")
                def list_items():
                    return []
            """,
        },
        {
            "kind": "api_key_header",
            "dependency": "verify_api_key",
            "dependency_module": "app.deps",
            "applied": "router",
        },
        id="api_key_header-applied-on-router",
    ),
    pytest.param(
        {
            "app/deps.py": """
                from fastapi import Header, HTTPException


                def require_api_key(x_api_key: str = Header(...)) -> str:
                    if x_api_key != "secret":
                        raise HTTPException(status_code=401)
                    return x_api_key
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.deps import require_api_key

                router = APIRouter()


                @router.get("/items")
                def list_items(api_key: str = Depends(require_api_key)):
                    return []
            """,
        },
        {
            "kind": "api_key_header",
            "dependency": "require_api_key",
            "applied": "endpoint",
            "param": "api_key",
            "user_model": None,
        },
        id="api_key_header-plain-header-parameter",
    ),
    pytest.param(
        {
            "app/models.py": MODELS,
            "app/deps.py": OAUTH2_DEPS,
            "app/routers/items.py": """
                from fastapi import APIRouter, Depends

                from app.deps import get_current_user

                router = APIRouter(dependencies=[Depends(get_current_user)])


                @router.get("/items")
                def list_items():
                    return []
            """,
        },
        {
            "kind": "jwt_bearer",
            "dependency": "get_current_user",
            "dependency_module": "app.deps",
            "applied": "router",
            "user_model": "User",
        },
        id="jwt_bearer-applied-on-router",
    ),
    pytest.param(
        {
            "main.py": """
                import secrets

                from fastapi import Depends, FastAPI
                from fastapi.security import HTTPBasic, HTTPBasicCredentials

                app = FastAPI()
                security = HTTPBasic()


                def get_username(credentials: HTTPBasicCredentials = Depends(security)) -> str:
                    return credentials.username


                @app.get("/items")
                def list_items(username: str = Depends(get_username)):
                    return []
            """,
        },
        {"kind": "other", "dependency": "get_username", "applied": "endpoint", "param": "username"},
        id="other-http-basic",
    ),
    pytest.param(
        {
            "main.py": """
                from fastapi import Depends, FastAPI
                from sqlalchemy.orm import Session

                from db import get_db

                app = FastAPI()


                @app.get("/items")
                def list_items(db: Session = Depends(get_db)):
                    return []
            """,
            "db.py": """
                from sqlalchemy.orm import Session


                def get_db():
                    yield Session()
            """,
        },
        {
            "kind": "none",
            "dependency": None,
            "applied": None,
            "note_has": ("OAuth2/HTTPBearer/APIKey", "endpoint and router dependencies"),
        },
        id="none",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_auth(project, files, expected) -> None:
    assert_finding(detect_auth(project(files)), expected)
